using Switchyard.Memory;
using Switchyard.Model;

namespace Switchyard.Hosting.Memory;

/// <summary>
/// Provider embeddings for memory (<c>Memory:Embedder=openai</c>), called through the gateway's own embeddings path as
/// the summarizer calls its chat path: <see cref="InProcessEmbeddings"/>, so the model setting resolves like a request's
/// model (a route name, with its fallback, or a plain model) and routes, breakers, buckets, the retry budget and budgets
/// apply to it as to any request. Each call is billed to the session's tenant under key name <see cref="KeyName"/> and
/// the route that served it. Vectors are re-normalized (the API returns unit vectors, but shortened ones are only
/// approximately so). Any failure — a refused budget, an open breaker, every target down, a wrong vector length — is a
/// <see cref="MemoryBackendException"/>, which memory turns into a degradation, never a failed request.
/// </summary>
internal sealed class GatewayEmbedder(GatewayRuntime runtime, string model, int dimensions) : IEmbedder
{
    /// <summary>The key name embedding spend is recorded under.</summary>
    public const string KeyName = "memory-embedder";

    // One embedding call at most, whatever the route's tier allows: recall waits for it before the request is sent.
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(15);

    /// <inheritdoc />
    public int Dimensions => dimensions;

    /// <inheritdoc />
    public string ModelId => $"{model}@{dimensions}";

    /// <summary>Embeds <paramref name="texts"/> billed to the gateway's own tenant, <c>default</c> (memory always names a session).</summary>
    public Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken) =>
        EmbedAsync("default", texts, cancellationToken);

    /// <inheritdoc />
    public Task<float[][]> EmbedAsync(MemorySessionKey key, IReadOnlyList<string> texts, CancellationToken cancellationToken) =>
        EmbedAsync(key.Tenant, texts, cancellationToken);

    private async Task<float[][]> EmbedAsync(string tenant, IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (texts.Count == 0)
        {
            return [];
        }

        // The API refuses empty strings; a blank chunk still needs a vector in its place.
        var request = new EmbeddingRequest(model, texts.Select(t => new EmbeddingInput(t.Length == 0 ? " " : t, 0)).ToArray()) { Dimensions = dimensions };
        var caller = new EmbeddingsCaller(tenant, KeyName, Deadline: CallTimeout);
        var result = await InProcessEmbeddings.EmbedAsync(runtime.Current.Forwarder, request, caller, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (result.Answer is not { } answer)
        {
            // The kind only: a provider's error message may echo input text, which must not reach logs.
            throw new MemoryBackendException($"The embeddings call failed ({result.Failure!.Kind}).");
        }

        var vectors = new float[answer.Vectors.Count][];
        for (var i = 0; i < vectors.Length; i++)
        {
            vectors[i] = answer.Vectors[i].Length == dimensions
                ? Normalized(answer.Vectors[i])
                : throw new MemoryBackendException($"The embeddings call answered a vector of {answer.Vectors[i].Length} dimensions, not {dimensions}.");
        }

        return vectors;
    }

    private static float[] Normalized(float[] vector)
    {
        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        if (norm > 0)
        {
            for (var i = 0; i < vector.Length; i++)
            {
                vector[i] /= norm;
            }
        }

        return vector;
    }
}
