using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Switchyard.Streaming;

namespace Switchyard.Tests.Streaming;

public sealed class EventChunkTests
{
    private static readonly StreamEventRecord[] Records =
    [
        new(3, "delta", Encoding.UTF8.GetBytes("{\"n\":3}")),
        new(4, null, Encoding.UTF8.GetBytes("[DONE]")),
        new(7, "", Array.Empty<byte>()),
        new(8, "réponse.délta", new byte[300]),
    ];

    private static void AssertSame(IEnumerable<StreamEventRecord> expected, IEnumerable<StreamEventRecord> actual)
    {
        var e = expected.ToList();
        var a = actual.ToList();
        Assert.Equal(e.Select(r => r.Sequence), a.Select(r => r.Sequence));
        Assert.Equal(e.Select(r => r.EventType), a.Select(r => r.EventType));
        Assert.Equal(e.Select(r => r.Data.ToArray()), a.Select(r => r.Data.ToArray()));
    }

    [Fact]
    public void Unpack_PackedRecords_ReturnsThemUnchanged()
    {
        AssertSame(Records, EventChunk.Unpack(EventChunk.Pack(Records)));
    }

    [Fact]
    public void Unpack_AfterSequence_SkipsTheRecordsUpToIt()
    {
        var chunk = EventChunk.Pack(Records);

        AssertSame(Records[2..], EventChunk.Unpack(chunk, afterSequence: 5));
        AssertSame(Records[1..], EventChunk.Unpack(chunk, afterSequence: 3));
        Assert.Empty(EventChunk.Unpack(chunk, afterSequence: 8));
    }

    [Fact]
    public void Unpack_Records_DataSlicesTheChunkWithoutCopying()
    {
        var chunk = EventChunk.Pack(Records);

        var data = EventChunk.Unpack(chunk)[0].Data;

        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(data, out var segment));
        Assert.Same(chunk, segment.Array);
    }

    private static StreamEventRecord[] LikeAnOpenAIStream(int count) =>
        [.. Enumerable.Range(1, count).Select(i => new StreamEventRecord(i, null, Encoding.UTF8.GetBytes(
            $"{{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4o-mini\",\"choices\":[{{\"delta\":{{\"content\":\" w{i}\"}}}}]}}")))];

    [Fact]
    public void Pack_LargeRepetitiveChunk_IsCompressedAndUnpacksUnchanged()
    {
        var records = LikeAnOpenAIStream(32);

        var chunk = EventChunk.Pack(records);

        Assert.Equal(EventChunk.Lz4Format, chunk[0]);
        Assert.True(chunk.Length < records.Sum(r => r.Data.Length) / 3, $"{chunk.Length} bytes");
        AssertSame(records, EventChunk.Unpack(chunk));
        AssertSame(records[20..], EventChunk.Unpack(chunk, afterSequence: 20));
    }

    [Fact]
    public void Unpack_BrotliChunkOfAnEarlierVersion_ReturnsItsRecords()
    {
        var records = LikeAnOpenAIStream(32);
        var packed = new ArrayBufferWriter<byte>();
        EventChunk.Begin(packed);
        foreach (var record in records)
        {
            EventChunk.Write(packed, record);
        }

        var body = packed.WrittenSpan[1..];
        var chunk = new byte[1 + sizeof(int) + body.Length];
        Assert.True(BrotliEncoder.TryCompress(body, chunk.AsSpan(1 + sizeof(int)), out var written, quality: 1, window: 18));
        chunk[0] = EventChunk.BrotliFormat;
        BinaryPrimitives.WriteInt32LittleEndian(chunk.AsSpan(1), body.Length);

        AssertSame(records, EventChunk.Unpack(chunk.AsMemory(0, 1 + sizeof(int) + written)));
        AssertSame(records[30..], EventChunk.Unpack(chunk.AsMemory(0, 1 + sizeof(int) + written), afterSequence: 30));
    }

    [Fact]
    public void Pack_SmallOrIncompressibleChunk_IsStoredAsPacked()
    {
        var noise = new byte[2000];
        new Random(7).NextBytes(noise);

        Assert.Equal(EventChunk.Format, EventChunk.Pack(Records)[0]);
        Assert.Equal(EventChunk.Format, EventChunk.Pack([new StreamEventRecord(1, null, noise)])[0]);
    }

    [Fact]
    public void Unpack_CompressedChunkDamagedOrCutShort_ThrowsInvalidData()
    {
        var chunk = EventChunk.Pack(LikeAnOpenAIStream(32));
        var wrongLength = (byte[])chunk.Clone();
        BinaryPrimitives.WriteInt32LittleEndian(wrongLength.AsSpan(1), BinaryPrimitives.ReadInt32LittleEndian(chunk.AsSpan(1)) + 1);

        Assert.Throws<InvalidDataException>(() => EventChunk.Unpack(wrongLength));
        for (var length = 0; length < chunk.Length; length++)
        {
            Assert.Throws<InvalidDataException>(() => EventChunk.Unpack(chunk.AsMemory(0, length)));
        }
    }

    [Fact]
    public void Pack_NoRecords_Throws()
    {
        Assert.Throws<ArgumentException>(() => EventChunk.Pack([]));
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 4 })]
    [InlineData(new byte[] { 1 })]
    [InlineData(new byte[] { 2, 1, 0 })]
    [InlineData(new byte[] { 2, 0, 0, 0, 0 })]
    [InlineData(new byte[] { 2, 255, 255, 255, 255 })]
    [InlineData(new byte[] { 3, 1, 0 })]
    [InlineData(new byte[] { 3, 0, 0, 0, 0 })]
    [InlineData(new byte[] { 3, 255, 255, 255, 255 })]
    [InlineData(new byte[] { 3, 4, 0, 0, 0, 0x40, 1, 2, 3, 4 })]
    [InlineData(new byte[] { 1, 0, 0, 0 })]
    public void Unpack_EmptyUnknownFormatOrNoRecord_ThrowsInvalidData(byte[] chunk)
    {
        var ex = Assert.Throws<InvalidDataException>(() => EventChunk.Unpack(chunk));
        Assert.Contains("malformed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unpack_EveryTruncation_ThrowsInvalidDataOrReturnsWholeLeadingRecords()
    {
        var chunk = EventChunk.Pack(Records);

        for (var length = 0; length < chunk.Length; length++)
        {
            List<StreamEventRecord> records;
            try
            {
                records = EventChunk.Unpack(chunk.AsMemory(0, length));
            }
            catch (InvalidDataException)
            {
                continue;
            }

            // A cut exactly between records is a well-formed shorter chunk; the log's row (first, last) catches that.
            Assert.InRange(records.Count, 1, Records.Length - 1);
            AssertSame(Records[..records.Count], records);
        }
    }

    [Theory]
    [InlineData(-2)]
    [InlineData(int.MinValue)]
    [InlineData(int.MaxValue)]
    [InlineData(1000)]
    public void Unpack_ImpossibleTypeLength_ThrowsInvalidData(int typeLength)
    {
        var chunk = EventChunk.Pack([Records[0]]);
        BinaryPrimitives.WriteInt32LittleEndian(chunk.AsSpan(1 + 8), typeLength);

        Assert.Throws<InvalidDataException>(() => EventChunk.Unpack(chunk));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    [InlineData(int.MaxValue)]
    [InlineData(8)]
    public void Unpack_ImpossibleDataLength_ThrowsInvalidData(int dataLength)
    {
        var chunk = EventChunk.Pack([Records[0]]); // "delta" (5 bytes) then 7 bytes of data.
        BinaryPrimitives.WriteInt32LittleEndian(chunk.AsSpan(1 + 8 + 4 + 5), dataLength);

        Assert.Throws<InvalidDataException>(() => EventChunk.Unpack(chunk));
    }

    [Fact]
    public void Unpack_SequencesNotIncreasing_ThrowsInvalidData()
    {
        var chunk = EventChunk.Pack([Records[0], Records[1]]);
        var second = 1 + 8 + 4 + 5 + 4 + Records[0].Data.Length;
        BinaryPrimitives.WriteInt64LittleEndian(chunk.AsSpan(second), Records[0].Sequence);

        var ex = Assert.Throws<InvalidDataException>(() => EventChunk.Unpack(chunk));
        Assert.Contains("does not follow", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unpack_EventTypeNotUtf8_ThrowsInvalidData()
    {
        var chunk = EventChunk.Pack([Records[0]]);
        chunk[1 + 8 + 4] = 0xFF;

        Assert.Throws<InvalidDataException>(() => EventChunk.Unpack(chunk));
    }

    [Fact]
    public void Unpack_RandomBytes_OnlyEverThrowsInvalidData()
    {
        var random = new Random(20261126);
        byte[][] valid = [EventChunk.Pack(Records), EventChunk.Pack(LikeAnOpenAIStream(32))];
        for (var i = 0; i < 3000; i++)
        {
            var chunk = i % 3 == 0 ? new byte[random.Next(0, 64)] : (byte[])valid[i % 3 - 1].Clone();
            if (i % 3 == 0)
            {
                random.NextBytes(chunk);
                if (chunk.Length > 0)
                {
                    chunk[0] = i % 2 == 0 ? EventChunk.Format : EventChunk.Lz4Format;
                }

                if (chunk.Length >= 5 && chunk[0] == EventChunk.Lz4Format)
                {
                    // A believable body length, so that the LZ4 decoder itself meets the random block.
                    BinaryPrimitives.WriteInt32LittleEndian(chunk.AsSpan(1), random.Next(1, 4096));
                }
            }
            else
            {
                chunk[random.Next(1, chunk.Length)] = (byte)random.Next(256);
            }

            try
            {
                EventChunk.Unpack(chunk);
            }
            catch (InvalidDataException)
            {
            }
        }
    }
}
