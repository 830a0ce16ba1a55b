using System.Net.Http.Headers;
using System.Text.Json;
using Switchyard.Costs;
using Switchyard.Memory;
using Switchyard.Model;

namespace Switchyard.Hosting.Memory;

/// <summary>
/// Provider embeddings for memory: OpenAI <c>POST /v1/embeddings</c> (<c>{input:[…], model, dimensions}</c> →
/// <c>{data:[{index, embedding:[…]}], usage:{prompt_tokens}}</c>) at the gateway's configured OpenAI base URL and key.
/// Each call made for a session is recorded in the spend ledger under the session's tenant, key name
/// <see cref="KeyName"/>, route <see cref="Route"/>, priced from the price book. Vectors are re-normalized (the API
/// returns unit vectors, but shortened ones are only approximately so). Failures become
/// <see cref="MemoryBackendException"/>, which memory turns into a degradation, never a failed request.
/// </summary>
internal sealed class OpenAIEmbedder : IEmbedder, IDisposable
{
    /// <summary>The key name embedding spend is recorded under.</summary>
    public const string KeyName = "memory-embedder";

    /// <summary>The route name of embedding spend rows.</summary>
    public const string Route = "memory-embeddings";

    // One embedding call at most; the HTTP client itself has no blanket timeout.
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(15);

    private readonly HttpClient _http;
    private readonly Uri _endpoint;
    private readonly string _apiKey;
    private readonly string _model;
    private readonly IBudgetLedger _ledger;
    private readonly Func<PriceBook> _prices;

    /// <param name="http">The client (owned by the caller).</param>
    /// <param name="baseUrl">The OpenAI base URL, with or without <c>/v1</c>.</param>
    /// <param name="apiKey">The provider key.</param>
    /// <param name="model">The embedding model.</param>
    /// <param name="dimensions">The vector length asked for.</param>
    /// <param name="ledger">Where spend is recorded.</param>
    /// <param name="prices">The price book in force (configuration may change it).</param>
    public OpenAIEmbedder(HttpClient http, string baseUrl, string apiKey, string model, int dimensions, IBudgetLedger ledger, Func<PriceBook> prices)
    {
        _http = http;
        var root = baseUrl.TrimEnd('/');
        _endpoint = new Uri((root.EndsWith("/v1", StringComparison.Ordinal) ? root : root + "/v1") + "/embeddings");
        _apiKey = apiKey;
        _model = model;
        Dimensions = dimensions;
        _ledger = ledger;
        _prices = prices;
    }

    /// <inheritdoc />
    public int Dimensions { get; }

    /// <inheritdoc />
    public string ModelId => $"{_model}@{Dimensions}";

    /// <inheritdoc />
    public Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken) =>
        EmbedCoreAsync(null, texts, cancellationToken);

    /// <inheritdoc />
    public Task<float[][]> EmbedAsync(MemorySessionKey key, IReadOnlyList<string> texts, CancellationToken cancellationToken) =>
        EmbedCoreAsync(key, texts, cancellationToken);

    /// <summary>Nothing to free: the client belongs to the caller.</summary>
    public void Dispose()
    {
    }

    private async Task<float[][]> EmbedCoreAsync(MemorySessionKey? key, IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (texts.Count == 0)
        {
            return [];
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(CallTimeout);
        JsonDocument document;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = Body(texts) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _apiKey);
            using var response = await _http.SendAsync(request, deadline.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                // The status only: an error body may echo input text, which must not reach logs.
                throw new MemoryBackendException($"The embeddings API answered {(int)response.StatusCode}.");
            }

            document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(deadline.Token).ConfigureAwait(false), cancellationToken: deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MemoryBackendException("The embeddings API did not answer in time.");
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or IOException)
        {
            throw new MemoryBackendException("The embeddings API could not be reached or answered unreadably.", e);
        }

        using (document)
        {
            var vectors = Read(document.RootElement, texts.Count);
            if (key is { } session && document.RootElement.TryGetProperty("usage", out var usage)
                && usage.TryGetProperty("prompt_tokens", out var prompt) && prompt.TryGetInt32(out var tokens))
            {
                await RecordSpendAsync(session.Tenant, tokens).ConfigureAwait(false);
            }

            return vectors;
        }
    }

    private StringContent Body(IReadOnlyList<string> texts)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartArray("input");
            foreach (var text in texts)
            {
                // The API refuses empty strings; a blank chunk still needs a vector in its place.
                w.WriteStringValue(text.Length == 0 ? " " : text);
            }

            w.WriteEndArray();
            w.WriteString("model", _model);
            w.WriteNumber("dimensions", Dimensions);
            w.WriteString("encoding_format", "float");
            w.WriteEndObject();
        }

        return new StringContent(System.Text.Encoding.UTF8.GetString(buffer.ToArray()), System.Text.Encoding.UTF8, "application/json");
    }

    private float[][] Read(JsonElement root, int count)
    {
        if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
        {
            throw new MemoryBackendException("The embeddings API answered without data.");
        }

        var vectors = new float[count][];
        foreach (var item in data.EnumerateArray())
        {
            if (!item.TryGetProperty("index", out var indexElement) || !indexElement.TryGetInt32(out var index) || index < 0 || index >= count
                || !item.TryGetProperty("embedding", out var embedding) || embedding.ValueKind != JsonValueKind.Array
                || embedding.GetArrayLength() != Dimensions)
            {
                throw new MemoryBackendException("The embeddings API answered a malformed or wrong-length embedding.");
            }

            var vector = new float[Dimensions];
            var i = 0;
            foreach (var value in embedding.EnumerateArray())
            {
                vector[i++] = value.GetSingle();
            }

            Normalize(vector);
            vectors[index] = vector;
        }

        return vectors.Any(v => v is null)
            ? throw new MemoryBackendException("The embeddings API answered fewer embeddings than inputs.")
            : vectors;
    }

    private async Task RecordSpendAsync(string tenant, int tokens)
    {
        var usage = new TokenUsage(tokens, 0);
        var cost = _prices().Find(_model) is { } price ? PriceBook.Cost(price, usage) : 0m;
        await _ledger.RecordAsync(new SpendRecord(tenant, KeyName, Route, "openai", _model, usage, cost), CancellationToken.None).ConfigureAwait(false);
    }

    private static void Normalize(float[] vector)
    {
        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        if (norm > 0)
        {
            for (var i = 0; i < vector.Length; i++)
            {
                vector[i] /= norm;
            }
        }
    }
}
