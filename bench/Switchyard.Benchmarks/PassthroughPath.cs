using System.Buffers;
using System.Net.ServerSentEvents;
using Switchyard.Model;
using Switchyard.Providers;
using Switchyard.Streaming;

namespace Switchyard.Benchmarks;

/// <summary>
/// The same-format streaming path, step by step as the gateway runs it, with the buffers the gateway reuses reused here:
/// <c>StreamingAttempt.ReadOneAsync</c> (decode to canonical events, then write the upstream bytes as a frame to the
/// client stream's staging buffer) and <c>ClientStream.PublishAsync</c> (split the staged frames, hand each to the delta
/// log as a <see cref="StreamEventRecord"/>, write it to the caller with its <c>id:</c> line). The caller's
/// <c>PipeWriter</c> is stood in for by a reused <see cref="ArrayBufferWriter{T}"/>; its flush is not measured.
/// Not thread-safe: one per benchmark instance.
/// </summary>
internal sealed class PassthroughPath(IWireCodec codec, bool namedEvents)
{
    private readonly List<StreamEvent> _events = [];
    private readonly ArrayBufferWriter<byte> _staged = new(4096);
    private readonly ArrayBufferWriter<byte> _client = new(4096);
    private readonly byte[] _streamIdUtf8 = "01KAZ4T6YQ3J5M8N2P7R9S0V1W"u8.ToArray();
    private IStreamDecoder _decoder = codec.CreateStreamDecoder();
    private long _next;

    /// <summary>What the delta log would keep of the last event (held so the work cannot be optimized away).</summary>
    public StreamEventRecord? LastLogged { get; private set; }

    /// <summary>Starts a new stream: a fresh decoder, sequence numbers from 0, as one request does.</summary>
    public void Reset()
    {
        _decoder = codec.CreateStreamDecoder();
        _next = 0;
    }

    /// <summary>Step 1: decode one upstream event into canonical events (what the attempt observes for usage, commit, TTFT).</summary>
    public DecodeDisposition Decode(SseItem<byte[]> item)
    {
        _events.Clear();
        return _decoder.Decode(item.EventType, item.Data, _events);
    }

    /// <summary>Step 2: write the upstream bytes as one frame to the staging buffer, as passthrough does.</summary>
    public void WriteFrame(SseItem<byte[]> item) =>
        SseFrame.Write(_staged, namedEvents ? item.EventType : null, item.Data);

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
                var (dataStart, dataLength) = data.GetOffsetAndLength(consumed);
                var record = new StreamEventRecord(sequence, Switchyard.Gateway.Streams.EventTypeNames.Get(frame[eventType]), staged.Slice(offset + dataStart, dataLength));

                // SqliteDeltaLog.Append keeps its own copy of the bytes: the staging buffer is reused.
                LastLogged = record with { Data = record.Data.ToArray() };
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

    /// <summary>All three steps for one upstream event, as <c>ReadOneAsync</c> then <c>PublishAsync</c> run them.</summary>
    public int Pass(SseItem<byte[]> item, bool logged)
    {
        var disposition = Decode(item);
        if (disposition != DecodeDisposition.Drop && !HasError())
        {
            WriteFrame(item);
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
