using System.Buffers;
using System.Net.ServerSentEvents;
using CommunityToolkit.HighPerformance.Buffers;
using Switchyard.Model;
using Switchyard.Providers;
using Switchyard.Streaming;

namespace Switchyard.Benchmarks;

/// <summary>
/// The same-format streaming path, step by step as the gateway runs it, with the buffers the gateway reuses reused here:
/// <c>StreamingAttempt.ReadOneAsync</c> (observe the event — <see cref="IStreamDecoder.Observe"/> into a
/// <see cref="StreamObservation"/> whose text goes to a pooled buffer, as <c>StreamingAttempt.PassThrough</c> does; or, as
/// before step 4, decode it to canonical events — then write the upstream bytes as a frame to the client stream's staging
/// buffer) and <c>ClientStream.PublishAsync</c> (split the staged frames, hand each to the delta
/// log's open stream — the real <see cref="LiveStream.Append"/>, which copies it into a pooled chunk — and write it to the
/// caller with its <c>id:</c> line). The caller's
/// <c>PipeWriter</c> is stood in for by a reused <see cref="ArrayBufferWriter{T}"/>; its flush is not measured.
/// Not thread-safe: one per benchmark instance.
/// </summary>
internal sealed class PassthroughPath(IWireCodec codec, bool namedEvents) : IDisposable
{
    private readonly List<StreamEvent> _events = [];
    private readonly ArrayBufferWriter<byte> _staged = new(4096);
    private readonly ArrayBufferWriter<byte> _client = new(4096);
    private readonly byte[] _streamIdUtf8 = "01KAZ4T6YQ3J5M8N2P7R9S0V1W"u8.ToArray();
    private IStreamDecoder _decoder = codec.CreateStreamDecoder();
    private ArrayPoolBufferWriter<char> _text = new(0);
    private StreamObservation? _observation;
    private long _next;

    private Action<LiveStream, LoggedEvent>? _enqueue;
    private LiveStream _log = NewLog();

    /// <summary>What the delta log's writer would get of the last event (held so the work cannot be optimized away).</summary>
    public long LastLogged { get; private set; }

    /// <summary>Starts a new stream: a fresh decoder, sequence numbers from 0, a new open stream in the log, as one request does.</summary>
    /// <param name="observe">Whether events will be observed: then, as a stream attempt does, a pooled text buffer and an
    /// observation are made for the stream (the decoding rows, as before step 4, make neither).</param>
    public void Reset(bool observe = false)
    {
        _decoder = codec.CreateStreamDecoder();
        if (observe)
        {
            _text.Dispose();
            _text = new ArrayPoolBufferWriter<char>();
            _observation = new StreamObservation(_text);
        }

        _next = 0;
        _log.ReleaseChunks();
        _log = NewLog();
    }

    /// <summary>Returns the pooled text buffer and log chunks.</summary>
    public void Dispose()
    {
        _text.Dispose();
        _log.ReleaseChunks();
    }

    private static LiveStream NewLog() =>
        new(new StreamHeader("01KAZ4T6YQ3J5M8N2P7R9S0V1W", "tenant", "openai.chat", DateTimeOffset.UnixEpoch));

    /// <summary>Step 1: decode one upstream event into canonical events (what the attempt observes for usage, commit, TTFT).</summary>
    public DecodeDisposition Decode(SseItem<byte[]> item) => Decode(item.EventType, item.Data);

    /// <summary>Step 1 on an event as <see cref="SseEventReader"/> hands it out (type and data valid until the next read).</summary>
    public DecodeDisposition Decode(string eventType, ReadOnlySpan<byte> data)
    {
        _events.Clear();
        return _decoder.Decode(eventType, data, _events);
    }

    /// <summary>Step 1 as the gateway runs it since step 4: observe the event (no canonical events); the text is kept.</summary>
    public DecodeDisposition Observe(string eventType, ReadOnlySpan<byte> data)
    {
        _observation!.Reset();
        return _decoder.Observe(eventType, data, _observation);
    }

    /// <summary>Step 2: write the upstream bytes as one frame to the staging buffer, as passthrough does.</summary>
    public void WriteFrame(SseItem<byte[]> item) => WriteFrame(item.EventType, item.Data);

    /// <summary>Step 2 on an event as <see cref="SseEventReader"/> hands it out.</summary>
    public void WriteFrame(string eventType, ReadOnlySpan<byte> data) =>
        SseFrame.Write(_staged, namedEvents ? eventType : null, data);

    /// <summary>Drops what is staged without publishing it (to measure step 2 alone).</summary>
    public void ClearStaged() => _staged.ResetWrittenCount();

    /// <summary>Step 3: publish what is staged (split, log record, id-line write); the staging buffer is reused after.</summary>
    public int PublishStaged(bool logged)
    {
        var count = Publish(_staged.WrittenMemory, logged);
        _staged.ResetWrittenCount();
        return count;
    }

    /// <summary>Step 3 on its own, on a frame that is already complete (no staging copy).</summary>
    public int Publish(ReadOnlyMemory<byte> staged, bool logged)
    {
        var written = staged.Span;
        var offset = 0;
        var frames = 0;
        while (SseFrame.TrySplit(written[offset..], out var consumed, out var eventType, out var data))
        {
            var sequence = _next++;
            var frame = written.Slice(offset, consumed);
            if (logged)
            {
                // What SqliteDeltaLog.Append does on the caller's thread: copy into the stream's pooled chunk, queue for the
                // writer (here: note it); then, as the writer does after its commit, mark it durable.
                _enqueue ??= (_, logged) => LastLogged = logged.Sequence;
                _log.Append(sequence, Switchyard.Gateway.Streams.EventTypeNames.Get(frame[eventType]), frame[data], _enqueue);
                _log.MarkDurable(sequence);
                SseFrame.Write(_client, _streamIdUtf8, sequence, frame[eventType], frame[data]);
            }
            else
            {
                _client.Write(frame);
            }

            offset += consumed;
            frames++;
        }

        _client.ResetWrittenCount();
        return frames;
    }

    /// <summary>All three steps for one upstream event, decoded as before step 4.</summary>
    public int Pass(SseItem<byte[]> item, bool logged) => Pass(item.EventType, item.Data, logged);

    /// <summary>All three steps for one upstream event as the gateway runs them: observe, write the frame, publish.</summary>
    public int PassObserved(string eventType, ReadOnlySpan<byte> data, bool logged)
    {
        var disposition = Observe(eventType, data);
        if (disposition != DecodeDisposition.Drop && _observation!.Error is null)
        {
            WriteFrame(eventType, data);
        }

        return PublishStaged(logged);
    }

    /// <summary>All three steps for one upstream event as <see cref="SseEventReader"/> hands it out, decoded as before step 4.</summary>
    public int Pass(string eventType, ReadOnlySpan<byte> data, bool logged)
    {
        var disposition = Decode(eventType, data);
        if (disposition != DecodeDisposition.Drop && !HasError())
        {
            WriteFrame(eventType, data);
        }

        return PublishStaged(logged);
    }

    private bool HasError()
    {
        foreach (var e in _events)
        {
            if (e is StreamErrorEvent)
            {
                return true;
            }
        }

        return false;
    }
}
