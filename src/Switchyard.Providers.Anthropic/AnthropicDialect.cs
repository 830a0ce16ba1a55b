using System.Net.Http.Headers;

namespace Switchyard.Providers.Anthropic;

/// <summary>
/// Anthropic's HTTP dialect for <see cref="HttpChatProvider"/>: <c>POST /v1/messages</c> (and <c>/v1/messages/count_tokens</c>) with <c>x-api-key</c> and
/// <c>anthropic-version: 2023-06-01</c>; rate limits from <c>anthropic-ratelimit-*</c>; request id from <c>request-id</c>.
/// Stateless and thread-safe.
/// </summary>
public sealed class AnthropicDialect : IProviderDialect, ITokenCountingDialect
{
    /// <summary>The API version every request pins (the SDKs send the same).</summary>
    public const string ApiVersion = "2023-06-01";

    /// <summary>The shared instance.</summary>
    public static AnthropicDialect Instance { get; } = new();

    /// <inheritdoc/>
    public string Name => "anthropic";

    /// <inheritdoc/>
    public IWireCodec Codec => AnthropicMessagesCodec.Instance;

    /// <inheritdoc/>
    public string ChatPath => "/v1/messages";

    /// <inheritdoc/>
    public string CountTokensPath => "/v1/messages/count_tokens";

    /// <inheritdoc/>
    public ITokenCountCodec CountCodec => AnthropicMessagesCodec.Instance;

    /// <inheritdoc/>
    public void ApplyHeaders(HttpRequestHeaders headers, ProviderEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(endpoint);
        // Replace rather than add, so applying the dialect twice (a retry reusing headers) never sends two keys.
        headers.Remove("x-api-key");
        headers.Remove("anthropic-version");
        headers.TryAddWithoutValidation("x-api-key", endpoint.ApiKey);
        headers.TryAddWithoutValidation("anthropic-version", ApiVersion);
    }

    /// <inheritdoc/>
    public RateLimitSnapshot ReadRateLimits(HttpResponseHeaders headers, DateTimeOffset now) => AnthropicRateLimitHeaders.Read(headers);

    /// <inheritdoc/>
    public string? ReadRequestId(HttpResponseHeaders headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return ResponseHeaderValues.First(headers, "request-id") is { Length: > 0 } id ? id : null;
    }
}
