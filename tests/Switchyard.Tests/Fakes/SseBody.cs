using System.Net;
using System.Text;
using Switchyard.Providers;

namespace Switchyard.Tests.Fakes;

/// <summary>Builds canned successful upstream responses.</summary>
internal static class SseBody
{
    /// <summary>An SSE body with one unnamed <c>data:</c> frame per payload.</summary>
    public static string Of(params string[] payloads) => string.Concat(payloads.Select(p => $"data: {p}\n\n"));

    public static UpstreamResponse Stream(string sse, string? requestId = "req_up") =>
        UpstreamResponse.Success(
            new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(sse, Encoding.UTF8, "text/event-stream") },
            RateLimitSnapshot.Empty,
            requestId);

    public static UpstreamResponse Body(byte[] body, string? requestId = "req_up") =>
        UpstreamResponse.Success(new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body) }, RateLimitSnapshot.Empty, requestId);

    public static UpstreamResponse From(Stream content, string? requestId = "req_up") =>
        UpstreamResponse.Success(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(content) }, RateLimitSnapshot.Empty, requestId);
}
