using System.Buffers;
using System.Text;
using Switchyard.Providers;
using Switchyard.Streaming;

namespace Switchyard.Tests.Providers;

public sealed class SseFrameTests
{
    private static string Written(Action<IBufferWriter<byte>> write)
    {
        var output = new ArrayBufferWriter<byte>();
        write(output);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    [Fact]
    public void Write_NoEventType_WritesOnlyTheDataLine()
    {
        var frame = Written(o => SseFrame.Write(o, null, """{"id":"1"}"""u8));

        Assert.Equal("data: {\"id\":\"1\"}\n\n", frame);
    }

    [Fact]
    public void Write_EventType_WritesTheEventLineFirst()
    {
        var frame = Written(o => SseFrame.Write(o, "message_start", """{"type":"message_start"}"""u8));

        Assert.Equal("event: message_start\ndata: {\"type\":\"message_start\"}\n\n", frame);
    }

    [Fact]
    public void Write_EmptyData_WritesAnEmptyDataLine()
    {
        Assert.Equal("event: ping\ndata: \n\n", Written(o => SseFrame.Write(o, "ping", [])));
    }

    [Fact]
    public void Write_NonAsciiEventTypeAndData_WritesUtf8Bytes()
    {
        var output = new ArrayBufferWriter<byte>();

        SseFrame.Write(output, "é", "\"ü\""u8);

        Assert.Equal("event: é\ndata: \"ü\"\n\n"u8.ToArray(), output.WrittenSpan.ToArray());
    }

    [Fact]
    public void Write_SeveralFrames_AppendsThem()
    {
        var frames = Written(o =>
        {
            SseFrame.Write(o, null, "1"u8);
            SseFrame.Write(o, "e", "2"u8);
        });

        Assert.Equal("data: 1\n\nevent: e\ndata: 2\n\n", frames);
    }

    [Fact]
    public void WriteDone_WritesTheDoneFrame()
    {
        Assert.Equal("data: [DONE]\n\n", Written(SseFrame.WriteDone));
    }

    [Fact]
    public void Write_NullOutput_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => SseFrame.Write(null!, null, "x"u8));
        Assert.Throws<ArgumentNullException>(() => SseFrame.WriteDone(null!));
    }

    [Theory]
    [InlineData(0L, null)]
    [InlineData(42L, "content_block_delta")]
    [InlineData(long.MaxValue, "e")]
    public void Write_StreamIdBytesAndSequence_WritesTheIdOfEventIdsFormat(long sequence, string? eventType)
    {
        var streamId = StreamIds.New();
        var type = eventType is null ? [] : Encoding.UTF8.GetBytes(eventType);
        var expected = Written(o => SseFrame.Write(o, EventIds.Format(streamId, sequence), type, "{}"u8));

        var actual = Written(o => SseFrame.Write(o, Encoding.UTF8.GetBytes(streamId), sequence, type, "{}"u8));

        Assert.Equal(expected, actual);
        Assert.StartsWith($"id: {streamId}:{sequence}\n", actual, StringComparison.Ordinal);
    }
}
