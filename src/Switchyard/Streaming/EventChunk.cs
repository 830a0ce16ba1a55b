using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using K4os.Compression.LZ4;

namespace Switchyard.Streaming;

/// <summary>
/// Packs a run of one stream's events into one blob (one row of the delta log's <c>event_chunks</c> table) and reads
/// them back. One row per run rather than per event because SQLite's cost is per row and B-tree entry, not per byte.
/// </summary>
/// <remarks>
/// Layout, every integer little-endian:
/// <code>
/// chunk  := 1:u8 body                                  (as packed)
///         | 3:u8 body_length:i32 lz4_block(body)        (compressed by Seal)
///         | 2:u8 body_length:i32 brotli(body)           (compressed by Seal before 2026-11-26; still read)
/// body   := record+
/// record := sequence:i64  type_length:i32  type:utf8[type_length]  data_length:i32  data:u8[data_length]
/// </code>
/// A <c>type_length</c> of -1 is an event without a type. Sequences strictly increase within a chunk. A stream's events
/// repeat the same JSON keys, ids and model, so a chunk of them compresses several-fold; <see cref="Seal(ReadOnlySpan{byte})"/> compresses
/// because SQLite's cost grows with the bytes (pages and overflow pages) a row takes. LZ4 (a raw block, K4os's port)
/// rather than Brotli: on a 15.6 KB chunk of one simulated answer LZ4 took 15 µs for 2.1 KB where Brotli at quality 1
/// took 63 µs for 1.7 KB, and both sizes take the same pages (docs/benchmarks.md, "The delta log's per-stream cost").
/// The blob is the file's and may be damaged or cut short: <see cref="Unpack"/>
/// checks every length against what is left and throws <see cref="InvalidDataException"/> rather than read past the end.
/// Stateless and thread-safe.
/// </remarks>
internal static class EventChunk
{
    /// <summary>The first byte of a chunk as packed.</summary>
    public const byte Format = 1;

    /// <summary>The first byte of a chunk whose body is Brotli-compressed: what <see cref="Seal(ReadOnlySpan{byte})"/> wrote before LZ4; only read.</summary>
    public const byte BrotliFormat = 2;

    /// <summary>The first byte of a chunk whose body is an LZ4 block.</summary>
    public const byte Lz4Format = 3;

    /// <summary>Chunks shorter than this are stored as packed: compressing them saves less than it costs.</summary>
    public const int CompressFrom = 512;

    // A body longer than this is not one the writer could have made (it would be MaxBatch events of 4 MB each).
    private const int MaxBodyLength = 256 * 1024 * 1024;

    private const int FixedRecordBytes = sizeof(long) + sizeof(int) + sizeof(int);

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Starts a chunk: writes the format byte. Follow with at least one <see cref="Write(IBufferWriter{byte}, StreamEventRecord)"/>.</summary>
    public static void Begin(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.GetSpan(1)[0] = Format;
        output.Advance(1);
    }

    /// <summary>Appends one record; the caller keeps the sequences of one chunk strictly increasing.</summary>
    public static void Write(IBufferWriter<byte> output, StreamEventRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        Write(output, record.Sequence, record.EventType, record.Data.Span);
    }

    /// <summary>Appends one event given by its parts (see <see cref="Write(IBufferWriter{byte}, StreamEventRecord)"/>).</summary>
    public static void Write(IBufferWriter<byte> output, long sequence, string? type, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(output);
        var typeLength = type is null ? -1 : Encoding.UTF8.GetByteCount(type);
        var span = output.GetSpan(FixedRecordBytes + Math.Max(typeLength, 0) + data.Length);
        BinaryPrimitives.WriteInt64LittleEndian(span, sequence);
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

        return Seal(output.WrittenSpan);
    }

    /// <summary>
    /// The blob to store for a chunk built by <see cref="Begin"/> and <see cref="Write(IBufferWriter{byte}, StreamEventRecord)"/>: compressed when it is at least
    /// <see cref="CompressFrom"/> bytes and compression makes it smaller, otherwise a copy as packed.
    /// </summary>
    public static byte[] Seal(ReadOnlySpan<byte> packed)
    {
        var sealedChunk = new ArrayBufferWriter<byte>(packed.Length);
        return Seal(packed, sealedChunk).ToArray();
    }

    /// <summary>
    /// <see cref="Seal(ReadOnlySpan{byte})"/> into <paramref name="destination"/> (cleared first), for a writer that reuses
    /// one buffer for every chunk; the result is valid until the buffer's next use.
    /// </summary>
    public static ReadOnlySpan<byte> Seal(ReadOnlySpan<byte> packed, ArrayBufferWriter<byte> destination)
    {
        destination.ResetWrittenCount();
        if (packed.Length >= CompressFrom && packed[0] == Format)
        {
            var body = packed[1..];
            var header = 1 + sizeof(int);
            var span = destination.GetSpan(packed.Length);
            // Encode answers -1 when the block does not fit, so a chunk that would not shrink is stored as packed.
            var written = LZ4Codec.Encode(body, span[header..packed.Length], LZ4Level.L00_FAST);
            if (written > 0)
            {
                span[0] = Lz4Format;
                BinaryPrimitives.WriteInt32LittleEndian(span[1..], body.Length);
                destination.Advance(header + written);
                return destination.WrittenSpan;
            }
        }

        destination.Write(packed);
        return destination.WrittenSpan;
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

        return span[0] switch
        {
            Format => UnpackBody(chunk[1..], afterSequence),
            BrotliFormat or Lz4Format => UnpackBody(Decompress(span), afterSequence),
            _ => throw Malformed($"its format byte is {span[0]}, not {Format}, {BrotliFormat} or {Lz4Format}", 0),
        };
    }

    private static byte[] Decompress(ReadOnlySpan<byte> chunk)
    {
        if (chunk.Length < 1 + sizeof(int))
        {
            throw Malformed("the compressed body's length is cut short", 1);
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(chunk[1..]);
        if (length is <= 0 or > MaxBodyLength)
        {
            throw Malformed($"the compressed body's length {length} is impossible", 1);
        }

        var body = new byte[length];
        var compressed = chunk[(1 + sizeof(int))..];
        var written = chunk[0] == Lz4Format
            ? LZ4Codec.Decode(compressed, body) // the safe decoder: -1 when malformed, never past either span
            : BrotliDecoder.TryDecompress(compressed, body, out var brotliWritten) ? brotliWritten : -1;
        if (written != length)
        {
            throw Malformed($"the compressed body does not decompress to its {length} bytes", 1 + sizeof(int));
        }

        return body;
    }

    // Offsets in messages are within the body (after the format byte, or after decompression).
    private static List<StreamEventRecord> UnpackBody(ReadOnlyMemory<byte> body, long afterSequence)
    {
        var chunk = body;
        var span = body.Span;
        var records = new List<StreamEventRecord>();
        var offset = 0;
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

        return first ? throw Malformed("it holds no record", 0) : records;
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
