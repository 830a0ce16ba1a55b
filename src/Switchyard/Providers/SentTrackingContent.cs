using System.Net;

namespace Switchyard.Providers;

/// <summary>
/// A request body that records when it has been written to the connection in full: from then on the provider has the
/// request and may bill for it, even if the gateway cancels before any answer (a losing hedge, a deadline).
/// </summary>
internal sealed class SentTrackingContent(ReadOnlyMemory<byte> body) : HttpContent
{
    private volatile bool _sent;

    /// <summary>Whether the whole body was written.</summary>
    public bool Sent => _sent;

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(body, cancellationToken);
        _sent = true;
    }

    protected override bool TryComputeLength(out long length)
    {
        length = body.Length;
        return true;
    }
}
