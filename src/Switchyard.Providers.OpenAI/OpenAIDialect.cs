using System.Net.Http.Headers;

namespace Switchyard.Providers.OpenAI;

/// <summary>
/// OpenAI on the HTTP level: <c>POST /v1/chat/completions</c>, <c>Authorization: Bearer</c>, <c>x-ratelimit-*</c>
/// headers and <c>x-request-id</c>. Stateless and thread-safe.
/// </summary>
public sealed class OpenAIDialect : IProviderDialect, ITokenCountingDialect, IEmbeddingDialect
{
    /// <summary>The shared instance.</summary>
    public static OpenAIDialect Instance { get; } = new();

    /// <inheritdoc/>
    public string Name => "openai";

    /// <inheritdoc/>
    public IWireCodec Codec => OpenAIChatCodec.Instance;

    /// <inheritdoc/>
    public string ChatPath => "/v1/chat/completions";

    /// <summary><c>/v1/responses/input_tokens</c>: OpenAI counts only in the Responses format; the same account serves both APIs.</summary>
    public string CountTokensPath => "/v1/responses/input_tokens";

    /// <inheritdoc/>
    public ITokenCountCodec CountCodec => OpenAIResponsesCodec.Instance;

    /// <summary><c>/v1/embeddings</c>: the account's embeddings endpoint, whichever API chat uses.</summary>
    public string EmbeddingsPath => "/v1/embeddings";

    /// <inheritdoc/>
    public IEmbeddingCodec EmbeddingCodec => OpenAIChatCodec.Instance;

    /// <inheritdoc/>
    public void ApplyHeaders(HttpRequestHeaders headers, ProviderEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(endpoint);
        headers.Authorization = new AuthenticationHeaderValue("Bearer", endpoint.ApiKey);
    }

    /// <inheritdoc/>
    public RateLimitSnapshot ReadRateLimits(HttpResponseHeaders headers, DateTimeOffset now) => OpenAIRateLimits.Read(headers, now);

    /// <inheritdoc/>
    public string? ReadRequestId(HttpResponseHeaders headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return ResponseHeaderValues.First(headers, "x-request-id");
    }
}
