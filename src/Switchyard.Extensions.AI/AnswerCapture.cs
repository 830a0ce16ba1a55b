using System.IO.Pipelines;
using Switchyard.Failures;
using Switchyard.Gateway;

namespace Switchyard.Extensions.AI;

/// <summary>
/// Where the engine writes the answer to an in-process caller: what the HTTP front door would send, kept instead.
/// A non-streamed answer or a failure is kept as it is; a stream goes into a <see cref="Pipe"/> that the caller reads as
/// it is written (with back-pressure: the engine waits when the caller is 64 KB behind).
/// </summary>
internal sealed class AnswerCapture(CancellationToken callerGone) : IChatResponseSink
{
    private readonly TaskCompletionSource _committed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Pipe _stream = new();

    public CancellationToken ClientGone => callerGone;

    /// <summary>Completes when the engine sent an answer, a failure or the start of a stream.</summary>
    public Task Committed => _committed.Task;

    /// <summary>The non-streamed body, in the OpenAI Chat Completions format.</summary>
    public byte[]? Body { get; private set; }

    /// <summary>Why the request failed before anything was committed.</summary>
    public Failure? Failure { get; private set; }

    /// <summary>Who served the answer.</summary>
    public ServedBy? ServedBy { get; private set; }

    /// <summary>Whether the engine ended a committed stream as failed (after writing its error event).</summary>
    public bool Aborted { get; private set; }

    /// <summary>The stream's SSE bytes, once <see cref="StreamStarted"/>.</summary>
    public PipeReader StreamReader => _stream.Reader;

    /// <summary>Whether the answer is a stream.</summary>
    public bool StreamStarted { get; private set; }

    public Task SendResponseAsync(ReadOnlyMemory<byte> body, ServedBy servedBy, CancellationToken cancellationToken)
    {
        // Copied: the engine's buffer may be pooled and reused once this returns.
        Body = body.ToArray();
        ServedBy = servedBy;
        _committed.TrySetResult();
        return Task.CompletedTask;
    }

    public Task SendFailureAsync(Failure failure, ServedBy? servedBy, CancellationToken cancellationToken)
    {
        Failure = failure;
        ServedBy = servedBy;
        _committed.TrySetResult();
        return Task.CompletedTask;
    }

    public PipeWriter StartStream(ServedBy servedBy)
    {
        ServedBy = servedBy;
        StreamStarted = true;
        _committed.TrySetResult();
        return _stream.Writer;
    }

    public Task AbortStreamAsync()
    {
        Aborted = true;
        return Task.CompletedTask;
    }

    /// <summary>Called when the engine returned (or threw): the stream, if any, has no more bytes.</summary>
    public void EngineDone(Exception? error)
    {
        _stream.Writer.Complete(error);
        if (error is not null)
        {
            _committed.TrySetException(error);
        }
        else
        {
            // The engine answers exactly once; a return without an answer would be a bug, reported rather than hung.
            _committed.TrySetException(new InvalidOperationException("The engine returned without an answer."));
        }
    }
}
