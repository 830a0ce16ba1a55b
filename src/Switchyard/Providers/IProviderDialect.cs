using System.Net.Http.Headers;

namespace Switchyard.Providers;

/// <summary>
/// What differs between providers on the HTTP level: paths, auth and version headers, rate-limit headers and the
/// request-id header. The shared <see cref="HttpChatProvider"/> does the rest. Implementations are stateless.
/// </summary>
public interface IProviderDialect
{
    /// <summary>Provider name used in routes, metrics and headers: <c>openai</c> or <c>anthropic</c>.</summary>
    string Name { get; }

    /// <summary>The codec for this provider's wire format.</summary>
    IWireCodec Codec { get; }

    /// <summary>Path of the chat endpoint relative to the base URL, e.g. <c>/v1/chat/completions</c>.</summary>
    string ChatPath { get; }

    /// <summary>Adds authentication and version headers.</summary>
    void ApplyHeaders(HttpRequestHeaders headers, ProviderEndpoint endpoint);

    /// <summary>Reads the rate-limit headers of any response (success or failure).</summary>
    RateLimitSnapshot ReadRateLimits(HttpResponseHeaders headers, DateTimeOffset now);

    /// <summary>The provider's request id (<c>x-request-id</c> / <c>request-id</c>), if present.</summary>
    string? ReadRequestId(HttpResponseHeaders headers);
}
