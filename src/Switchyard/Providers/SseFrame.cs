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

    /// <summary>Writes one frame. <paramref name="eventType"/> null omits the <c>event:</c> line (OpenAI chat framing).</summary>
    public static void Write(IBufferWriter<byte> output, string? eventType, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (eventType is not null)
        {
            output.Write(EventPrefix);
            var max = Encoding.UTF8.GetMaxByteCount(eventType.Length);
            var written = Encoding.UTF8.GetBytes(eventType, output.GetSpan(max));
            output.Advance(written);
            output.Write("\n"u8);
        }

        output.Write(DataPrefix);
        output.Write(data);
        output.Write("\n\n"u8);
    }

    /// <summary>Writes one frame with an <c>id:</c> line first; <paramref name="eventType"/> empty omits the <c>event:</c> line.</summary>
    public static void Write(IBufferWriter<byte> output, string id, ReadOnlySpan<byte> eventType, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(id);
        output.Write(IdPrefix);
        var written = Encoding.UTF8.GetBytes(id, output.GetSpan(Encoding.UTF8.GetMaxByteCount(id.Length)));
        output.Advance(written);
        output.Write("\n"u8);
        if (!eventType.IsEmpty)
        {
            output.Write(EventPrefix);
            output.Write(eventType);
            output.Write("\n"u8);
        }

        output.Write(DataPrefix);
        output.Write(data);
        output.Write("\n\n"u8);
    }

    /// <summary>
    /// Writes one frame with the <c>id:</c> line <c>{streamId}:{sequence}</c>, the format of
    /// <see cref="Streaming.EventIds"/>, straight from the UTF-8 stream id (no string per event); <paramref name="eventType"/>
    /// empty omits the <c>event:</c> line.
    /// </summary>
    public static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> streamId, long sequence, ReadOnlySpan<byte> eventType, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Write(IdPrefix);
        output.Write(streamId);
        output.Write(":"u8);
        var digits = output.GetSpan(20);
        if (!sequence.TryFormat(digits, out var written, default, CultureInfo.InvariantCulture))
        {
            throw new UnreachableException("A long has at most 20 characters.");
        }

        output.Advance(written);
        output.Write("\n"u8);
        if (!eventType.IsEmpty)
        {
            output.Write(EventPrefix);
            output.Write(eventType);
            output.Write("\n"u8);
        }

        output.Write(DataPrefix);
        output.Write(data);
        output.Write("\n\n"u8);
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
