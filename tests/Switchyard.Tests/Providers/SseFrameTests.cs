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

    [Fact]
    public void Write_FrameOfOrdinarySize_ReservesOneSpanAndAdvancesOnce()
    {
        // Kestrel's response writer locks on every GetSpan and Advance: a logged event must cost one of each.
        var output = new CountingWriter();

        SseFrame.Write(output, "stream-1"u8, 7, "content_block_delta"u8, new byte[200]);

        Assert.Equal((1, 1), (output.GetSpanCalls, output.AdvanceCalls));
        Assert.StartsWith("id: stream-1:7\nevent: content_block_delta\ndata: ", Encoding.UTF8.GetString(output.Written.WrittenSpan), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(4000)]
    [InlineData(4096)]
    [InlineData(70_000)]
    public void Write_FrameOfAnySize_WritesEveryByteInOrder(int dataLength)
    {
        var data = Enumerable.Range(0, dataLength).Select(i => (byte)('a' + (i % 26))).ToArray();
        var output = new CountingWriter();

        SseFrame.Write(output, "s"u8, 3, "e"u8, data);
        SseFrame.Write(output, "id-9", "e"u8, data);
        SseFrame.Write(output, "e", data);

        var body = Encoding.ASCII.GetString(data);
        Assert.Equal($"id: s:3\nevent: e\ndata: {body}\n\nid: id-9\nevent: e\ndata: {body}\n\nevent: e\ndata: {body}\n\n", Encoding.ASCII.GetString(output.Written.WrittenSpan));
    }

    [Fact]
    public void Write_LongIdAndEventType_AreEncodedWhole()
    {
        var id = new string('é', 300);
        var type = new string('t', 300);

        var frame = Written(o =>
        {
            SseFrame.Write(o, id, "x"u8, "1"u8);
            SseFrame.Write(o, type, "2"u8);
        });

        Assert.Equal($"id: {id}\nevent: x\ndata: 1\n\nevent: {type}\ndata: 2\n\n", frame);
    }

    /// <summary>An <see cref="IBufferWriter{T}"/> that counts the calls a frame costs, handing out small spans like a pipe.</summary>
    private sealed class CountingWriter : IBufferWriter<byte>
    {
        public ArrayBufferWriter<byte> Written { get; } = new();

        public int GetSpanCalls { get; private set; }

        public int AdvanceCalls { get; private set; }

        public void Advance(int count)
        {
            AdvanceCalls++;
            Written.Advance(count);
        }

        public Memory<byte> GetMemory(int sizeHint = 0) => throw new NotSupportedException();

        public Span<byte> GetSpan(int sizeHint = 0)
        {
            GetSpanCalls++;
            // Like a pipe's segment: at least the hint, otherwise a few hundred bytes, so pieces can span several calls.
            return Written.GetSpan(Math.Max(sizeHint, 1))[..Math.Max(sizeHint, Math.Min(512, Written.FreeCapacity))];
        }
    }
}
