using System.Text;
using Switchyard.Storage;

namespace Switchyard.Batching;

/// <summary>
/// A new job's line placements, appended to one binary file in the job directory as the planner places lines, instead of
/// one database row per line on the planning path. The job store turns the file into its per-line table when the job's
/// lines are first needed (<see cref="IBatchJobStore"/>); until then the file, made durable before the job is recorded,
/// is the record of every line. Records are varint-packed: line, chunk, offset, length, cost in nano-dollars, custom_id,
/// model. Not thread-safe.
/// </summary>
public sealed class BatchPlacementLog : IDisposable
{
    /// <summary>The log's file name inside a job directory.</summary>
    public const string FileName = "placements.bin";

    private readonly WriteBehindWorker _worker = new();
    private readonly WriteBehindStream _file;
    private byte[] _record = new byte[256];
    private bool _disposed;

    /// <summary>Creates (replacing) the log in <paramref name="directory"/>.</summary>
    public BatchPlacementLog(string directory)
    {
        Path = System.IO.Path.Combine(directory, FileName);
        _file = new WriteBehindStream(Path, _worker);
    }

    /// <summary>The log file.</summary>
    public string Path { get; }

    /// <summary>Lines appended so far.</summary>
    public long Count { get; private set; }

    /// <summary>Appends one placement.</summary>
    public void Append(in BatchLinePlacement line)
    {
        // Encoded by hand into one buffer (the layout BinaryWriter/BinaryReader use: LEB128 integers, strings as a
        // LEB128 byte count and UTF-8), so a record is one copy into the stream instead of a call per byte.
        var most = (5 * 10) + 10 + Encoding.UTF8.GetMaxByteCount(line.CustomId.Length + line.Model.Length);
        if (_record.Length < most)
        {
            _record = new byte[Math.Max(most, _record.Length * 2)];
        }

        var record = _record.AsSpan();
        var at = Varint(record, (ulong)line.LineNumber);
        at += Varint(record[at..], (ulong)line.ChunkId);
        at += Varint(record[at..], (ulong)line.Offset);
        at += Varint(record[at..], (uint)line.Length);
        at += Varint(record[at..], (ulong)NanoDollars.FromUsdCeiling(line.EstimatedCostUsd));
        at += Utf8(record[at..], line.CustomId);
        at += Utf8(record[at..], line.Model);
        _file.Write(record[..at]);
        Count++;
    }

    /// <summary>Pushes buffered records to the file, so <see cref="Read"/> sees all of them.</summary>
    public void Flush() => _file.Flush();

    /// <summary>Writes everything through to the disk: called before the job that points at the log is recorded.</summary>
    public void Complete() => _file.Flush(flushToDisk: true);

    /// <summary>Closes the file and deletes it (the plan was abandoned).</summary>
    public void Abandon()
    {
        Dispose();
        File.Delete(Path);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _file.Dispose();
        _worker.Dispose();
    }

    private static int Varint(Span<byte> into, ulong value)
    {
        var at = 0;
        while (value >= 0x80)
        {
            into[at++] = (byte)(value | 0x80);
            value >>= 7;
        }

        into[at++] = (byte)value;
        return at;
    }

    private static int Utf8(Span<byte> into, string text)
    {
        // The byte count goes first: encode after a 5-byte gap, then close it up when the count is shorter.
        var length = Encoding.UTF8.GetBytes(text, into[5..]);
        var prefix = Varint(into, (uint)length);
        if (prefix < 5)
        {
            into.Slice(5, length).CopyTo(into[prefix..]);
        }

        return prefix + length;
    }

    /// <summary>Reads every placement of the log at <paramref name="path"/>, in the order written, streamed.</summary>
    /// <exception cref="InvalidDataException">The file is cut short or is not a placement log.</exception>
    public static IEnumerable<BatchLinePlacement> Read(string path)
    {
        using var reader = new BatchPlacementReader(path);
        while (reader.TryRead(out var record))
        {
            yield return new BatchLinePlacement(
                record.LineNumber, Encoding.UTF8.GetString(record.CustomId), record.ChunkId, record.Offset, record.Length,
                Encoding.UTF8.GetString(record.Model), NanoDollars.ToUsd(record.CostNanos));
        }
    }
}
