using System.Buffers;
using System.IO.Pipelines;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Switchyard.Gateway.Streams;

namespace Switchyard.Providers;

/// <summary>
/// Reads the SSE events of an upstream response without allocating per event: lines are framed in a
/// <see cref="PipeReader"/>'s pooled buffers, each event's data is joined into one reused pooled buffer, and event names
/// come from a shared cache (<see cref="EventTypeNames"/>). Hand-written because <see cref="SseParser"/> cannot do this:
/// its item callback gets a span that dies with the callback (so the item must be copied) and it decodes every
/// <c>event:</c> line to a new string.
/// </summary>
/// <remarks>
/// Follows the WHATWG event-stream rules as <see cref="SseParser"/> does: CR, LF or CRLF line ends, a leading UTF-8 BOM,
/// comments (<c>:</c>), one optional space after the colon, multi-line <c>data</c> joined with LF, an event without
/// <c>data</c> or without its blank line at the end of the stream not dispatched, the default type <c>message</c>. <c>id</c> and <c>retry</c> are not kept (the gateway
/// never reconnects by <c>Last-Event-ID</c>). <see cref="Data"/> is valid until the next <see cref="MoveNextAsync"/>.
/// Not thread-safe: one consumer, one event at a time.
/// </remarks>
internal sealed class SseEventReader : IAsyncDisposable
{
    private const int InitialDataCapacity = 1024;

    private readonly HttpContent? _content;
    private readonly CancellationToken _cancellationToken;
    private PipeReader? _reader;
    private byte[] _data = [];
    private int _dataLength;
    private byte[] _line = [];
    private string? _pendingType;
    private bool _dataAppended;
    private bool _startChecked;
    private bool _ended;

    /// <summary>Reads the events of <paramref name="content"/>'s body, opened on the first <see cref="MoveNextAsync"/>.</summary>
    public SseEventReader(HttpContent content, CancellationToken cancellationToken)
    {
        _content = content;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Reads the events of <paramref name="stream"/> (left open), with small buffers when tests ask for them.</summary>
    public SseEventReader(Stream stream, CancellationToken cancellationToken, StreamPipeReaderOptions? options = null)
    {
        _reader = PipeReader.Create(stream, options ?? new StreamPipeReaderOptions(leaveOpen: true));
        _cancellationToken = cancellationToken;
    }

    /// <summary>The current event's type (<c>message</c> when it had no <c>event:</c> line).</summary>
    public string EventType { get; private set; } = SseParser.EventTypeDefault;

    /// <summary>The current event's data (its <c>data</c> lines joined with LF); valid until the next read.</summary>
    public ReadOnlyMemory<byte> Data => _data.AsMemory(0, _dataLength);

    /// <summary>Moves to the next event; false at the end of the stream.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<bool> MoveNextAsync()
    {
        if (_ended)
        {
            return false;
        }

        _reader ??= PipeReader.Create(
            await _content!.ReadAsStreamAsync(_cancellationToken), new StreamPipeReaderOptions(leaveOpen: false));
        _dataLength = 0;
        while (true)
        {
            var result = await _reader.ReadAsync(_cancellationToken);
            var buffer = result.Buffer;
            var dispatched = TryReadEvent(ref buffer, result.IsCompleted);
            if (dispatched)
            {
                _reader.AdvanceTo(buffer.Start);
                return true;
            }

            _reader.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                _ended = true;
                return false;
            }
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        _ended = true;
        if (_reader is not null)
        {
            await _reader.CompleteAsync();
        }

        Return(ref _data);
        Return(ref _line);
    }

    // Processes whole lines from the front of buffer until an event is dispatched (true) or no whole line is left.
    private bool TryReadEvent(ref ReadOnlySequence<byte> buffer, bool completed)
    {
        if (!_startChecked && !SkipByteOrderMark(ref buffer, completed))
        {
            return false;
        }

        while (TryTakeLine(ref buffer, completed, out var line))
        {
            if (ProcessLine(line))
            {
                return true;
            }
        }

        if (completed && !buffer.IsEmpty)
        {
            // The last line had no line end: it is a line all the same (it cannot end an event: it is not blank).
            ProcessLine(Flatten(buffer));
            buffer = buffer.Slice(buffer.End);
        }

        // What is left unended at the end of the stream is dropped, as the format (and SseParser) has it.
        return false;
    }

    private bool SkipByteOrderMark(ref ReadOnlySequence<byte> buffer, bool completed)
    {
        ReadOnlySpan<byte> bom = [0xEF, 0xBB, 0xBF];
        if (buffer.Length < bom.Length && !completed)
        {
            Span<byte> head = stackalloc byte[(int)buffer.Length];
            buffer.CopyTo(head);
            if (bom.StartsWith(head))
            {
                return false;
            }
        }

        _startChecked = true;
        if (buffer.Length >= bom.Length)
        {
            Span<byte> head = stackalloc byte[3];
            buffer.Slice(0, 3).CopyTo(head);
            if (head.SequenceEqual(bom))
            {
                buffer = buffer.Slice(3);
            }
        }

        return true;
    }

    private bool TryTakeLine(ref ReadOnlySequence<byte> buffer, bool completed, out ReadOnlySpan<byte> line)
    {
        var reader = new SequenceReader<byte>(buffer);
        if (!reader.TryReadToAny(out ReadOnlySequence<byte> content, "\r\n"u8, advancePastDelimiter: false))
        {
            line = default;
            return false;
        }

        reader.TryRead(out var end);
        if (end == (byte)'\r')
        {
            if (reader.End && !completed)
            {
                // A CR at the end of what has arrived may be the first half of a CRLF.
                line = default;
                return false;
            }

            // CRLF is one line end.
            _ = reader.IsNext((byte)'\n', advancePast: true);
        }

        line = Flatten(content);
        buffer = buffer.Slice(reader.Position);
        return true;
    }

    private ReadOnlySpan<byte> Flatten(ReadOnlySequence<byte> sequence)
    {
        if (sequence.IsSingleSegment)
        {
            return sequence.FirstSpan;
        }

        var length = (int)sequence.Length;
        Ensure(ref _line, length, 0);
        sequence.CopyTo(_line);
        return _line.AsSpan(0, length);
    }

    // True when the line (a blank one) dispatched an event.
    private bool ProcessLine(ReadOnlySpan<byte> line)
    {
        if (line.IsEmpty)
        {
            return Dispatch();
        }

        if (line[0] == (byte)':')
        {
            return false;
        }

        var colon = line.IndexOf((byte)':');
        var field = colon < 0 ? line : line[..colon];
        ReadOnlySpan<byte> value = colon < 0 ? [] : line[(colon + 1)..];
        if (!value.IsEmpty && value[0] == (byte)' ')
        {
            value = value[1..];
        }

        if (field.SequenceEqual("data"u8))
        {
            Ensure(ref _data, _dataLength + value.Length + 1, _dataLength);
            value.CopyTo(_data.AsSpan(_dataLength));
            _dataLength += value.Length;
            _data[_dataLength++] = (byte)'\n';
            _dataAppended = true;
        }
        else if (field.SequenceEqual("event"u8))
        {
            // An empty event: line gives an empty type, as SseParser has it (not the default).
            _pendingType = value.IsEmpty ? string.Empty : EventTypeNames.Get(value);
        }

        return false;
    }

    private bool Dispatch()
    {
        if (!_dataAppended)
        {
            // SseParser keeps a pending event type across a blank line without data; so does this reader.
            _dataLength = 0;
            return false;
        }

        // Every data line added an LF; the last one is not part of the data.
        _dataLength--;
        EventType = _pendingType ?? SseParser.EventTypeDefault;
        _pendingType = null;
        _dataAppended = false;
        return true;
    }

    private static void Ensure(ref byte[] buffer, int length, int keep)
    {
        if (buffer.Length >= length)
        {
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(length, InitialDataCapacity));
        buffer.AsSpan(0, keep).CopyTo(larger);
        Return(ref buffer);
        buffer = larger;
    }

    private static void Return(ref byte[] buffer)
    {
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        buffer = [];
    }
}
