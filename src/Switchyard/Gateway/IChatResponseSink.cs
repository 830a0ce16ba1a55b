using System.IO.Pipelines;
using Switchyard.Failures;

namespace Switchyard.Gateway;

/// <summary>
/// Where the engine writes its answer: implemented by the HTTP front door (and by the in-process library).
/// The engine calls exactly one of <see cref="SendResponseAsync"/>, <see cref="SendFailureAsync"/> or
/// <see cref="StartStream"/>; after <see cref="StartStream"/> the response is committed and failures travel in-stream.
/// </summary>
public interface IChatResponseSink
{
    /// <summary>
    /// Cancelled when the caller disconnects. A streamed answer outlives it (the rest goes to the delta log for a resume);
    /// writes to the caller stop.
    /// </summary>
    CancellationToken ClientGone { get; }

    /// <summary>Sends a complete non-streaming body, already in the caller's format.</summary>
    Task SendResponseAsync(ReadOnlyMemory<byte> body, ServedBy servedBy, CancellationToken cancellationToken);

    /// <summary>Sends an error response in the caller's format (nothing was committed yet).</summary>
    Task SendFailureAsync(Failure failure, ServedBy? servedBy, CancellationToken cancellationToken);

    /// <summary>Commits a 200 event stream and returns the writer for its SSE frames; the engine flushes it.</summary>
    PipeWriter StartStream(ServedBy servedBy);

    /// <summary>
    /// Ends a committed stream that failed, after its error event was flushed, so abruptly that no client can take it
    /// for a clean end — including SDKs that ignore in-stream error events (the OpenAI .NET SDK does).
    /// </summary>
    Task AbortStreamAsync();

    /// <summary>
    /// Adds a trailing header to a committed stream, where the transport carries trailers (HTTP/2, chunked HTTP/1.1);
    /// otherwise nothing. Used to say that a stream was repaired after its headers went out.
    /// </summary>
    void AppendTrailer(string name, string value)
    {
    }
}
