using System.IO.Pipelines;
using Switchyard.Failures;
using Switchyard.Gateway;

namespace Switchyard.Hosting;

/// <summary>
/// Where non-streaming calls made in-process (memory's summarizer and embedder, the library's embedding generator) receive
/// their answer: kept in memory.
/// </summary>
internal sealed class CapturingSink : IChatResponseSink
{
    public CancellationToken ClientGone => CancellationToken.None;

    /// <summary>The answer's body, in the request's front-door format; null when none came.</summary>
    public ReadOnlyMemory<byte>? Body { get; private set; }

    /// <summary>Why no answer came, if so.</summary>
    public Failure? Failure { get; private set; }

    public Task SendResponseAsync(ReadOnlyMemory<byte> body, ServedBy servedBy, CancellationToken cancellationToken)
    {
        Body = body.ToArray();
        return Task.CompletedTask;
    }

    public Task SendFailureAsync(Failure failure, ServedBy? servedBy, CancellationToken cancellationToken)
    {
        Failure = failure;
        return Task.CompletedTask;
    }

    public PipeWriter StartStream(ServedBy servedBy) =>
        throw new InvalidOperationException("In-process calls through this sink are not streamed.");

    public Task AbortStreamAsync() => Task.CompletedTask;
}
