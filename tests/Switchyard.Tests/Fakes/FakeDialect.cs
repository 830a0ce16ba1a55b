using System.Net.Http.Headers;
using Switchyard.Providers;

namespace Switchyard.Tests.Fakes;

/// <summary>
/// A provider dialect with recognizable headers: bearer auth, <c>x-fake-remaining</c> as the request window's
/// remaining count, <c>x-request-id</c> as the request id.
/// </summary>
internal sealed class FakeDialect : IProviderDialect
{
    public string Name => "fakeprov";

    public FakeWireCodec FakeCodec { get; } = new(WireFormat.OpenAIChat);

    public IWireCodec Codec => FakeCodec;

    public string ChatPath => "/v1/chat/completions";

    /// <summary>The clock reading the provider passed to <see cref="ReadRateLimits"/>.</summary>
    public DateTimeOffset? RateLimitsReadAt { get; private set; }

    public void ApplyHeaders(HttpRequestHeaders headers, ProviderEndpoint endpoint) =>
        headers.Authorization = new AuthenticationHeaderValue("Bearer", endpoint.ApiKey);

    public RateLimitSnapshot ReadRateLimits(HttpResponseHeaders headers, DateTimeOffset now)
    {
        RateLimitsReadAt = now;
        return headers.TryGetValues("x-fake-remaining", out var values) && long.TryParse(values.First(), out var remaining)
            ? new RateLimitSnapshot { Requests = new RateLimitWindow(null, remaining, null) }
            : RateLimitSnapshot.Empty;
    }

    public string? ReadRequestId(HttpResponseHeaders headers) =>
        headers.TryGetValues("x-request-id", out var values) ? values.First() : null;
}
