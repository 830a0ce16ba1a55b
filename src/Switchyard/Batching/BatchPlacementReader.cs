using System.Buffers;

namespace Switchyard.Batching;

/// <summary>
/// Reads a <see cref="BatchPlacementLog"/> file record by record from 1 MB pooled blocks, handing out the strings as UTF-8
/// spans valid until the next <see cref="TryRead"/>: the custom_id check scans the whole log without a string per
/// record. Not thread-safe.
/// </summary>
internal sealed class BatchPlacementReader : IDisposable
{
    private readonly FileStream _file;
    private readonly string _path;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
    private int _start;
    private int _end;
    private long _consumed;
    private bool _eof;

    public BatchPlacementReader(string path)
    {
        _path = path;
        _file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0, FileOptions.SequentialScan);
    }

    /// <summary>Reads the next record; false at the end of the log.</summary>
    /// <exception cref="InvalidDataException">The log is cut short or is not a placement log.</exception>
    public bool TryRead(out Record record)
    {
        record = default;
        while (true)
        {
            var available = _buffer.AsSpan(_start, _end - _start);
            var used = Decode(available, out var numbers, out var id, out var model);
            if (used > 0)
            {
                record = new Record(
                    numbers.Line, numbers.Chunk, numbers.Offset, numbers.Length, numbers.Cost,
                    _buffer.AsSpan(_start + id.Start, id.Length), _buffer.AsSpan(_start + model.Start, model.Length));
                _start += used;
                _consumed += used;
                return true;
            }

            if (_eof)
            {
                return available.IsEmpty
                    ? false
                    : throw new InvalidDataException($"The batch placement log '{_path}' is damaged at byte {_consumed}.");
            }

            Refill();
        }
    }

    public void Dispose()
    {
        _file.Dispose();
        ArrayPool<byte>.Shared.Return(_buffer);
    }

    private void Refill()
    {
        var left = _end - _start;
        if (left == _buffer.Length)
        {
            // One record longer than the buffer (a very long custom_id): grow.
            var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            _buffer.AsSpan(_start, left).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
        else
        {
            _buffer.AsSpan(_start, left).CopyTo(_buffer);
        }

        _start = 0;
        _end = left;
        var read = _file.Read(_buffer, _end, _buffer.Length - _end);
        _end += read;
        _eof = read == 0;
    }

    /// <summary>Decodes one record from the front of <paramref name="bytes"/>; returns its size, or 0 when it is not all there.</summary>
    private static int Decode(ReadOnlySpan<byte> bytes, out Numbers numbers, out Range id, out Range model)
    {
        numbers = default;
        id = model = default;
        var at = 0;
        if (!Varint(bytes, ref at, out var line) || !Varint(bytes, ref at, out var chunk) || !Varint(bytes, ref at, out var offset)
            || !Varint(bytes, ref at, out var length) || !Varint(bytes, ref at, out var cost)
            || !Text(bytes, ref at, out id) || !Text(bytes, ref at, out model))
        {
            return 0;
        }

        numbers = new Numbers((long)line, (long)chunk, (long)offset, (int)length, (long)cost);
        return at;
    }

    private static bool Varint(ReadOnlySpan<byte> bytes, ref int at, out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (at == bytes.Length)
            {
                return false;
            }

            var b = bytes[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return true;
            }
        }

        throw new InvalidDataException("A batch placement log holds a malformed number.");
    }

    private static bool Text(ReadOnlySpan<byte> bytes, ref int at, out Range text)
    {
        text = default;
        if (!Varint(bytes, ref at, out var length) || (ulong)(bytes.Length - at) < length)
        {
            return false;
        }

        text = new Range(at, (int)length);
        at += (int)length;
        return true;
    }

    private readonly record struct Numbers(long Line, long Chunk, long Offset, int Length, long Cost);

    private readonly record struct Range(int Start, int Length);

    /// <summary>One placement as stored; the spans are valid until the next read.</summary>
    public readonly ref struct Record(long line, long chunkId, long offset, int length, long costNanos, ReadOnlySpan<byte> customId, ReadOnlySpan<byte> model)
    {
        public long LineNumber { get; } = line;

        public long ChunkId { get; } = chunkId;

        public long Offset { get; } = offset;

        public int Length { get; } = length;

        public long CostNanos { get; } = costNanos;

        public ReadOnlySpan<byte> CustomId { get; } = customId;

        public ReadOnlySpan<byte> Model { get; } = model;
    }
}
