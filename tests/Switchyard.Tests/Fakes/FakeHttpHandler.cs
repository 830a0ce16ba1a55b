namespace Switchyard.Tests.Fakes;

/// <summary>An HTTP handler that records each request (with its body) and answers through a delegate.</summary>
internal sealed class FakeHttpHandler(Func<HttpRequestMessage, CancellationToken, HttpResponseMessage> respond) : HttpMessageHandler
{
    public HttpRequestMessage? LastRequest { get; private set; }

    public byte[]? LastRequestBody { get; private set; }

    public int Calls { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Calls++;
        LastRequest = request;
        LastRequestBody = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        return respond(request, cancellationToken);
    }
}
