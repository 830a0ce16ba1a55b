using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Switchyard.Streaming;

/// <summary>
/// Packs a run of one stream's events into one blob (one row of the delta log's <c>event_chunks</c> table) and reads
/// them back. One row per run rather than per event because SQLite's cost is per row and B-tree entry, not per byte.
/// </summary>
/// <remarks>
/// Layout, every integer little-endian:
/// <code>
/// chunk  := format:u8 (= 1) record+
/// record := sequence:i64  type_length:i32  type:utf8[type_length]  data_length:i32  data:u8[data_length]
/// </code>
/// A <c>type_length</c> of -1 is an event without a type. Sequences strictly increase within a chunk. The blob is the
/// file's and may be damaged or cut short: <see cref="Unpack"/> checks every length against what is left and throws
/// <see cref="InvalidDataException"/> rather than read past the end. Stateless and thread-safe.
/// </remarks>
internal static class EventChunk
{
    /// <summary>The layout version written in the first byte.</summary>
    public const byte Format = 1;

    private const int FixedRecordBytes = sizeof(long) + sizeof(int) + sizeof(int);

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Starts a chunk: writes the format byte. Follow with at least one <see cref="Write"/>.</summary>
    public static void Begin(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.GetSpan(1)[0] = Format;
        output.Advance(1);
    }

    /// <summary>Appends one record; the caller keeps the sequences of one chunk strictly increasing.</summary>
    public static void Write(IBufferWriter<byte> output, StreamEventRecord record)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(record);
        var type = record.EventType;
        var typeLength = type is null ? -1 : Encoding.UTF8.GetByteCount(type);
        var data = record.Data.Span;
        var span = output.GetSpan(FixedRecordBytes + Math.Max(typeLength, 0) + data.Length);
        BinaryPrimitives.WriteInt64LittleEndian(span, record.Sequence);
        BinaryPrimitives.WriteInt32LittleEndian(span[8..], typeLength);
        var offset = 12;
        if (type is not null)
        {
            offset += Encoding.UTF8.GetBytes(type, span[offset..]);
        }

        BinaryPrimitives.WriteInt32LittleEndian(span[offset..], data.Length);
        offset += sizeof(int);
        data.CopyTo(span[offset..]);
        output.Advance(offset + data.Length);
    }

    /// <summary>A whole chunk of <paramref name="records"/> (at least one, sequences strictly increasing).</summary>
    public static byte[] Pack(IReadOnlyCollection<StreamEventRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            throw new ArgumentException("A chunk holds at least one record.", nameof(records));
        }

        var output = new ArrayBufferWriter<byte>();
        Begin(output);
        foreach (var record in records)
        {
            Write(output, record);
        }

        return output.WrittenSpan.ToArray();
    }

    /// <summary>
    /// The chunk's records with a sequence greater than <paramref name="afterSequence"/>, in order. Their
    /// <see cref="StreamEventRecord.Data"/> are slices of <paramref name="chunk"/>, which must therefore not change.
    /// The whole chunk is checked before anything is returned.
    /// </summary>
    /// <exception cref="InvalidDataException">The chunk is empty, of an unknown format, cut short, has an impossible length,
    /// or its sequences do not increase.</exception>
    public static List<StreamEventRecord> Unpack(ReadOnlyMemory<byte> chunk, long afterSequence = long.MinValue)
    {
        var span = chunk.Span;
        if (span.Length == 0)
        {
            throw Malformed("it is empty", 0);
        }

        if (span[0] != Format)
        {
            throw Malformed($"its format byte is {span[0]}, not {Format}", 0);
        }

        var records = new List<StreamEventRecord>();
        var offset = 1;
        var previous = long.MinValue;
        var first = true;
        while (offset < span.Length)
        {
            var start = offset;
            if (span.Length - offset < FixedRecordBytes)
            {
                throw Malformed("a record header is cut short", start);
            }

            var sequence = BinaryPrimitives.ReadInt64LittleEndian(span[offset..]);
            if (!first && sequence <= previous)
            {
                throw Malformed($"sequence {sequence} does not follow {previous}", start);
            }

            var typeLength = BinaryPrimitives.ReadInt32LittleEndian(span[(offset + 8)..]);
            offset += 12;
            if (typeLength < -1 || typeLength > span.Length - offset - sizeof(int))
            {
                throw Malformed($"event type length {typeLength} does not fit", start);
            }

            string? type = null;
            if (typeLength >= 0)
            {
                type = DecodeType(span.Slice(offset, typeLength), start);
                offset += typeLength;
            }

            var dataLength = BinaryPrimitives.ReadInt32LittleEndian(span[offset..]);
            offset += sizeof(int);
            if (dataLength < 0 || dataLength > span.Length - offset)
            {
                throw Malformed($"data length {dataLength} does not fit", start);
            }

            if (sequence > afterSequence)
            {
                records.Add(new StreamEventRecord(sequence, type, chunk.Slice(offset, dataLength)));
            }

            offset += dataLength;
            previous = sequence;
            first = false;
        }

        return first ? throw Malformed("it holds no record", 1) : records;
    }

    private static string DecodeType(ReadOnlySpan<byte> bytes, int recordOffset)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw Malformed("an event type is not UTF-8", recordOffset);
        }
    }

    private static InvalidDataException Malformed(string why, int offset) =>
        new($"The delta log chunk is malformed: {why} (at byte {offset}).");
}
