using System.Buffers;
using System.IO.Pipelines;
using Switchyard.Failures;
using Switchyard.Model;
using Switchyard.Providers;
using Switchyard.Streaming;

namespace Switchyard.Gateway.Streams;

/// <summary>
/// The caller's side of one streamed answer, shared by every attempt that writes to it: the one that committed, and the
/// continuations that repair an upstream break after it. Attempts write complete SSE frames to <see cref="Output"/>;
/// <see cref="PublishAsync"/> numbers each frame, appends it to the delta log and, while the caller is connected, sends it
/// with its <c>id:</c> line. A caller that disconnects does not stop the generation: its frames keep going to the log,
/// so that a resume gets them. Not thread-safe: one attempt writes at a time.
/// </summary>
internal sealed class ClientStream(GatewayRequest request, IDeltaLog? log, TimeProvider time)
{
    private IDeltaLog? _log = log;
    private readonly ArrayBufferWriter<byte> _staged = new(4096);
    private IChatResponseSink? _sink;
    private PipeWriter? _client;
    private long _next;
    private byte[] _streamIdUtf8 = [];

    /// <summary>The stream's id in the delta log (the caller's response id on the Responses front door).</summary>
    public string StreamId { get; } = request.ClientResponseId ?? StreamIds.New(time.GetUtcNow());

    /// <summary>Whether events are logged (and so carry ids and can be resumed).</summary>
    public bool IsLogged => _log is not null;

    /// <summary>The encoder of the caller's format, adopted from the attempt that committed; continuations write through it.</summary>
    public IStreamEncoder? Encoder { get; private set; }

    /// <summary>Whether the committed attempt passed upstream bytes through (its encoder saw none of them).</summary>
    public bool PassedThrough { get; private set; }

    /// <summary>Whether the stream was committed (headers sent, or logged for a caller that already left).</summary>
    public bool IsCommitted => _sink is not null;

    /// <summary>Whether the caller is still connected.</summary>
    public bool IsAttached => _client is not null;

    /// <summary>Where attempts write complete SSE frames; <see cref="PublishAsync"/> sends them on.</summary>
    public IBufferWriter<byte> Output => _staged;

    /// <summary>The visible text the caller has been sent, across attempts (what a continuation continues from).</summary>
    public System.Text.StringBuilder SentText { get; } = new();

    /// <summary>Whether anything but text went out (tool calls, refusals, reasoning): then a break cannot be continued.</summary>
    public bool SentNonText { get; set; }

    /// <summary>How many continuations repaired this stream.</summary>
    public int Continuations { get; set; }

    /// <summary>The id and model of the first upstream answer, for continuations that must look like the same answer.</summary>
    public MessageStartEvent? Start { get; set; }

    /// <summary>Commits the stream: registers it in the log and sends the caller the 200 and its headers.</summary>
    public async Task CommitAsync(IChatResponseSink sink, ServedBy servedBy, IStreamEncoder encoder, bool passedThrough)
    {
        if (_log is not null)
        {
            try
            {
                await _log.CreateAsync(new StreamHeader(StreamId, request.Tenant, FrontDoorNames.Of(request.FrontDoor.Format), time.GetUtcNow()), CancellationToken.None);
            }
            catch (Exception ex) when (IsLogFailure(ex))
            {
                // A log that cannot take the stream must not cost the caller the answer: serve it unlogged.
                _log = null;
            }
        }

        if (_log is not null)
        {
            _streamIdUtf8 = System.Text.Encoding.UTF8.GetBytes(StreamId);
        }

        _sink = sink;
        Encoder = encoder;
        PassedThrough = passedThrough;
        _client = sink.ClientGone.IsCancellationRequested ? null : sink.StartStream(_log is null ? servedBy : servedBy with { StreamId = StreamId });
    }

    /// <summary>
    /// Numbers, logs and sends every complete frame written to <see cref="Output"/> since the last call. With
    /// <paramref name="flush"/> false the frames are only written to the caller's connection, not flushed: the caller
    /// of this method then flushes (<see cref="FlushAsync"/>) before it waits for anything.
    /// </summary>
    public ValueTask PublishAsync(bool flush = true)
    {
        Publish();
        return flush ? FlushClientAsync() : ValueTask.CompletedTask;
    }

    // Not async, so that publishing without a flush is no state machine at all (in Debug builds a state machine is an
    // object, which the allocation test would count).
    private void Publish()
    {
        var written = _staged.WrittenSpan;
        var offset = 0;
        while (SseFrame.TrySplit(written[offset..], out var consumed, out var eventType, out var data))
        {
            var sequence = _next++;
            var frame = written.Slice(offset, consumed);
            if (_log is not null)
            {
                Append(sequence, EventTypeNames.Get(frame[eventType]), frame[data]);
            }

            if (_client is not null)
            {
                if (_log is null)
                {
                    _client.Write(frame);
                }
                else
                {
                    SseFrame.Write(_client, _streamIdUtf8, sequence, frame[eventType], frame[data]);
                }
            }

            offset += consumed;
        }

        // Encoders write whole frames; a partial tail would be a bug, and is kept rather than lost. The log copied what it
        // keeps, so the buffer is reused without clearing it.
        if (offset == written.Length)
        {
            _staged.ResetWrittenCount();
        }
        else
        {
            var rest = written[offset..].ToArray();
            _staged.ResetWrittenCount();
            _staged.Write(rest);
        }
    }

    /// <summary>Sends what <see cref="PublishAsync"/> wrote without flushing.</summary>
    public ValueTask FlushAsync() => FlushClientAsync();

    /// <summary>
    /// Tells a connected caller, in an SSE comment (which every SSE client ignores), that what follows continues the
    /// answer after an upstream break. Not logged: a comment has no id, and the Responses door numbers every event.
    /// </summary>
    public async ValueTask AnnotateAsync(string comment)
    {
        if (_client is null || comment.Contains('\n', StringComparison.Ordinal))
        {
            return;
        }

        _client.Write(System.Text.Encoding.UTF8.GetBytes($": {comment}\n\n"));
        await FlushClientAsync();
    }

    /// <summary>Adds a trailing header when the transport carries trailers.</summary>
    public void AppendTrailer(string name, string value) => _sink?.AppendTrailer(name, value);

    /// <summary>Ends the stream with an error event in the caller's format (logged too), then ends the connection.</summary>
    public async Task FailAsync(Failure failure)
    {
        Encoder!.Encode(new StreamErrorEvent(failure), _staged);
        await PublishAsync();
        await EndLogAsync(StreamState.Failed);

        if (_client is not null)
        {
            await _sink!.AbortStreamAsync();
        }
    }

    /// <summary>Marks the logged stream complete (its terminal event was already published).</summary>
    public Task CompleteAsync() => EndLogAsync(StreamState.Completed);

    /// <summary>Prepares <see cref="Encoder"/> to continue an answer whose first part passed through as upstream bytes.</summary>
    public void PrimeEncoderForContinuation()
    {
        if (!PassedThrough || Start is null)
        {
            return;
        }

        // Replay the shape (a started message with an open text block) into a throwaway buffer, so the encoder's ids
        // and block indexes match what the caller already has.
        var discard = new ArrayBufferWriter<byte>(256);
        Encoder!.Encode(Start, discard);
        Encoder.Encode(new TextDeltaEvent(string.Empty), discard);
        PassedThrough = false;
    }


    private async ValueTask FlushClientAsync()
    {
        if (_client is null)
        {
            return;
        }

        if (_sink!.ClientGone.IsCancellationRequested)
        {
            Detach();
            return;
        }

        try
        {
            var result = await _client.FlushAsync(_sink.ClientGone);
            if (result.IsCanceled || result.IsCompleted)
            {
                Detach();
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or InvalidOperationException)
        {
            // The caller went away mid-write. Generation goes on into the log; the caller may resume.
            Detach();
        }
    }

    private void Detach() => _client = null;

    private void Append(long sequence, string? eventType, ReadOnlySpan<byte> data)
    {
        try
        {
            _log!.Append(StreamId, sequence, eventType, data);
        }
        catch (Exception ex) when (IsLogFailure(ex))
        {
            _log = null;
        }
    }

    private async Task EndLogAsync(StreamState state)
    {
        if (_log is null)
        {
            return;
        }

        try
        {
            await _log.CompleteAsync(StreamId, state, CancellationToken.None);
        }
        catch (Exception ex) when (IsLogFailure(ex))
        {
            // The events stay readable as far as they were written; on restart the stream reads as interrupted.
            _log = null;
        }
    }

    // What a failing log can throw (disk full, file gone, log disposed at shutdown): the live caller is served regardless.
    private static bool IsLogFailure(Exception ex) =>
        ex is InvalidOperationException or ObjectDisposedException or IOException or System.Data.Common.DbException;
}
