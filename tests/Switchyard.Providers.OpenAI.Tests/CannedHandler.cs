using System.Net;
using System.Text;

namespace Switchyard.Providers.OpenAI.Tests;

/// <summary>An HTTP handler that answers every request with one canned body, for driving the official SDK offline.</summary>
internal sealed class CannedHandler(HttpStatusCode status, string contentType, byte[] body) : HttpMessageHandler
{
    public string? LastRequestBody { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        LastRequestBody = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return new HttpResponseMessage(status) { Content = content };
    }

    public static CannedHandler Sse(string sse) => new(HttpStatusCode.OK, "text/event-stream; charset=utf-8", Encoding.UTF8.GetBytes(sse));
}
