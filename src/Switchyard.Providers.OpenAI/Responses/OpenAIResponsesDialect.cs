using System.Globalization;
using System.Net.Http.Headers;

namespace Switchyard.Providers.OpenAI;

/// <summary>
/// OpenAI's Responses API on the HTTP level: <c>POST /v1/responses</c>, with the same authentication, rate-limit and
/// request-id headers as <see cref="OpenAIDialect"/> (which it delegates to). Stateless and thread-safe.
/// </summary>
public sealed class OpenAIResponsesDialect : IProviderDialect, IResumableDialect, ITokenCountingDialect, IEmbeddingDialect
{
    /// <summary>The shared instance.</summary>
    public static OpenAIResponsesDialect Instance { get; } = new();

    /// <inheritdoc/>
    public string Name => "openai-responses";

    /// <inheritdoc/>
    public IWireCodec Codec => OpenAIResponsesCodec.Instance;

    /// <inheritdoc/>
    public string ChatPath => "/v1/responses";

    /// <inheritdoc/>
    public string CountTokensPath => OpenAIDialect.Instance.CountTokensPath;

    /// <inheritdoc/>
    public ITokenCountCodec CountCodec => OpenAIResponsesCodec.Instance;

    /// <summary>
    /// The path that resumes a broken stream of a stored response: <c>GET /v1/responses/{id}?stream=true&amp;starting_after=N</c>
    /// returns only the events after sequence number <paramref name="startingAfter"/> (PROTOCOLS.md §2.4).
    /// </summary>
    /// <param name="responseId">The upstream response id (<see cref="OpenAIResponsesStreamDecoder.ResponseId"/>); escaped here.</param>
    /// <param name="startingAfter">The last sequence number received (<see cref="OpenAIResponsesStreamDecoder.LastSequenceNumber"/>).</param>
    public static string ResumePath(string responseId, long startingAfter)
    {
        ArgumentException.ThrowIfNullOrEmpty(responseId);
        return string.Create(
            CultureInfo.InvariantCulture, $"/v1/responses/{Uri.EscapeDataString(responseId)}?stream=true&starting_after={startingAfter}");
    }

    /// <inheritdoc/>
    string IResumableDialect.ResumePath(string responseId, long afterSequence) => ResumePath(responseId, afterSequence);

    /// <summary><c>/v1/embeddings</c>: the account's embeddings endpoint, whichever API chat uses.</summary>
    public string EmbeddingsPath => "/v1/embeddings";

    /// <inheritdoc/>
    public IEmbeddingCodec EmbeddingCodec => OpenAIChatCodec.Instance;

    /// <inheritdoc/>
    public void ApplyHeaders(HttpRequestHeaders headers, ProviderEndpoint endpoint) => OpenAIDialect.Instance.ApplyHeaders(headers, endpoint);

    /// <inheritdoc/>
    public RateLimitSnapshot ReadRateLimits(HttpResponseHeaders headers, DateTimeOffset now) => OpenAIDialect.Instance.ReadRateLimits(headers, now);

    /// <inheritdoc/>
    public string? ReadRequestId(HttpResponseHeaders headers) => OpenAIDialect.Instance.ReadRequestId(headers);
}
