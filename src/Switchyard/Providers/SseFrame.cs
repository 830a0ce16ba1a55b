using System.Buffers;
using System.Text;

namespace Switchyard.Providers;

/// <summary>
/// Writes Server-Sent Events frames byte-exactly as the providers do: optional <c>event:</c> line, one
/// <c>data:</c> line, blank line. JSON payloads never contain raw newlines, so one data line always suffices.
/// </summary>
public static class SseFrame
{
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

    /// <summary>Writes OpenAI's terminal <c>data: [DONE]</c> frame.</summary>
    public static void WriteDone(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Write(DoneFrame);
    }
}
