using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Switchyard.Providers;

/// <summary>
/// Writes Server-Sent Events frames byte-exactly as the providers do: optional <c>event:</c> line, one
/// <c>data:</c> line, blank line. JSON payloads never contain raw newlines, so one data line always suffices.
/// </summary>
public static class SseFrame
{
    private static ReadOnlySpan<byte> IdPrefix => "id: "u8;
    private static ReadOnlySpan<byte> EventPrefix => "event: "u8;
    private static ReadOnlySpan<byte> DataPrefix => "data: "u8;
    private static ReadOnlySpan<byte> DoneFrame => "data: [DONE]\n\n"u8;

    // Kestrel's response writer takes a lock on every GetSpan and Advance, and a frame written piece by piece made some
    // ten of each per event. A frame up to this size is written into one span with one Advance; a larger one (rare)
    // goes piece by piece, where the copy through a span this big would cost more than the calls it saves.
    private const int SingleSpanLimit = 4096;

    // Event names and ids are short; a longer one is encoded on the heap.
    private const int StackEncodeLimit = 256;

    /// <summary>Writes one frame. <paramref name="eventType"/> null or empty omits the <c>event:</c> line (OpenAI chat framing).</summary>
    public static void Write(IBufferWriter<byte> output, string? eventType, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (string.IsNullOrEmpty(eventType))
        {
            WriteFrame(output, [], [], [], data);
            return;
        }

        Span<byte> buffer = stackalloc byte[StackEncodeLimit];
        WriteFrame(output, [], [], Utf8(eventType, buffer), data);
    }

    /// <summary>Writes one frame with an <c>id:</c> line first (none when <paramref name="id"/> is empty); <paramref name="eventType"/> empty omits the <c>event:</c> line.</summary>
    public static void Write(IBufferWriter<byte> output, string id, ReadOnlySpan<byte> eventType, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(id);
        Span<byte> buffer = stackalloc byte[StackEncodeLimit];
        WriteFrame(output, Utf8(id, buffer), [], eventType, data);
    }

    /// <summary>
    /// Writes one frame with the <c>id:</c> line <c>{streamId}:{sequence}</c>, the format of
    /// <see cref="Streaming.EventIds"/>, straight from the UTF-8 stream id (no string per event); <paramref name="eventType"/>
    /// empty omits the <c>event:</c> line.
    /// </summary>
    public static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> streamId, long sequence, ReadOnlySpan<byte> eventType, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(output);
        Span<byte> digits = stackalloc byte[20];
        if (!sequence.TryFormat(digits, out var written, default, CultureInfo.InvariantCulture))
        {
            throw new UnreachableException("A long has at most 20 characters.");
        }

        WriteFrame(output, streamId, digits[..written], eventType, data);
    }

    // The id line is "id: {idHead}" or, with a tail, "id: {idHead}:{idTail}"; no head, no id line.
    private static void WriteFrame(IBufferWriter<byte> output, ReadOnlySpan<byte> idHead, ReadOnlySpan<byte> idTail, ReadOnlySpan<byte> eventType, ReadOnlySpan<byte> data)
    {
        var length = DataPrefix.Length + data.Length + 2;
        if (!idHead.IsEmpty)
        {
            length += IdPrefix.Length + idHead.Length + (idTail.IsEmpty ? 0 : 1 + idTail.Length) + 1;
        }

        if (!eventType.IsEmpty)
        {
            length += EventPrefix.Length + eventType.Length + 1;
        }

        var frame = new FrameWriter(output, length <= SingleSpanLimit ? output.GetSpan(length)[..length] : default);
        if (!idHead.IsEmpty)
        {
            frame.Put(IdPrefix);
            frame.Put(idHead);
            if (!idTail.IsEmpty)
            {
                frame.Put(":"u8);
                frame.Put(idTail);
            }

            frame.Put("\n"u8);
        }

        if (!eventType.IsEmpty)
        {
            frame.Put(EventPrefix);
            frame.Put(eventType);
            frame.Put("\n"u8);
        }

        frame.Put(DataPrefix);
        frame.Put(data);
        frame.Put("\n\n"u8);
        frame.Commit();
    }

    private static ReadOnlySpan<byte> Utf8(string text, Span<byte> buffer) =>
        Encoding.UTF8.GetMaxByteCount(text.Length) <= buffer.Length
            ? buffer[..Encoding.UTF8.GetBytes(text, buffer)]
            : Encoding.UTF8.GetBytes(text);

    /// <summary>Copies a frame's pieces into one span reserved for all of them, or, without one, writes each piece on its own.</summary>
    private ref struct FrameWriter(IBufferWriter<byte> output, Span<byte> reserved)
    {
        private readonly Span<byte> _reserved = reserved;
        private int _used;

        public void Put(ReadOnlySpan<byte> piece)
        {
            if (_reserved.IsEmpty)
            {
                output.Write(piece);
                return;
            }

            piece.CopyTo(_reserved[_used..]);
            _used += piece.Length;
        }

        public readonly void Commit()
        {
            if (!_reserved.IsEmpty)
            {
                output.Advance(_used);
            }
        }
    }

    /// <summary>
    /// Finds the first complete frame in <paramref name="buffer"/>, as written by <see cref="Write(IBufferWriter{byte}, string?, ReadOnlySpan{byte})"/>
    /// (an optional <c>event:</c> line, one <c>data:</c> line, a blank line): its length and where its event name and data
    /// lie within it. False when no complete frame is there.
    /// </summary>
    public static bool TrySplit(ReadOnlySpan<byte> buffer, out int consumed, out Range eventType, out Range data)
    {
        consumed = 0;
        eventType = default;
        data = default;
        var end = buffer.IndexOf("\n\n"u8);
        if (end < 0)
        {
            return false;
        }

        consumed = end + 2;
        var start = 0;
        if (buffer.StartsWith(EventPrefix))
        {
            var newline = buffer.IndexOf((byte)'\n');
            eventType = EventPrefix.Length..newline;
            start = newline + 1;
        }

        data = buffer[start..].StartsWith(DataPrefix) ? (start + DataPrefix.Length)..end : start..end;
        return true;
    }

    /// <summary>Writes OpenAI's terminal <c>data: [DONE]</c> frame.</summary>
    public static void WriteDone(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Write(DoneFrame);
    }
}
