using System.Text.Json;

namespace Switchyard.Batching;

/// <summary>
/// The lines a <c>--skip-invalid</c> job left out, kept in the job directory so that <c>collect</c> can report each of
/// them in the failures file (every input line is in exactly one of the two files, docs/batches.md). Lines arrive in
/// input order except duplicates, which are found when held lines are resolved, after later lines; those are in order
/// among themselves, so they go to a second file that <see cref="Complete"/> merges in: memory stays bounded whatever the
/// number of invalid lines. Not thread-safe.
/// </summary>
public sealed class BatchSkippedLog : IDisposable
{
    /// <summary>The log's file name inside a job directory.</summary>
    public const string FileName = "skipped.jsonl";

    private const string LateFileName = "skipped.late.jsonl";

    private readonly string _directory;
    private Writer? _inOrder;
    private Writer? _late;

    /// <summary>Creates the log for <paramref name="directory"/>; no file exists until a line is appended.</summary>
    public BatchSkippedLog(string directory) => _directory = directory;

    /// <summary>Appends a line found invalid while reading, in input order.</summary>
    public void Append(BatchSkippedLine line) => (_inOrder ??= new Writer(Path.Combine(_directory, FileName))).Write(line);

    /// <summary>Appends a line found invalid later (a duplicate custom_id), in input order among such lines.</summary>
    public void AppendLate(BatchSkippedLine line) => (_late ??= new Writer(Path.Combine(_directory, LateFileName))).Write(line);

    /// <summary>Merges the late lines in and makes the log durable: call before the job is recorded.</summary>
    public void Complete()
    {
        _inOrder?.Dispose();
        _late?.Dispose();
        if (_late is not null)
        {
            var main = Path.Combine(_directory, FileName);
            var late = Path.Combine(_directory, LateFileName);
            var merged = main + ".tmp";
            using (var writer = new Writer(merged))
            {
                using var first = ReadFile(main).GetEnumerator();
                using var second = ReadFile(late).GetEnumerator();
                var hasFirst = first.MoveNext();
                var hasSecond = second.MoveNext();
                while (hasFirst || hasSecond)
                {
                    if (hasFirst && (!hasSecond || first.Current.LineNumber < second.Current.LineNumber))
                    {
                        writer.Write(first.Current);
                        hasFirst = first.MoveNext();
                    }
                    else
                    {
                        writer.Write(second.Current);
                        hasSecond = second.MoveNext();
                    }
                }
            }

            File.Move(merged, main, overwrite: true);
            File.Delete(late);
        }

        _inOrder = _late = null;
    }

    /// <summary>Deletes whatever was written (the job was not recorded).</summary>
    public void Abandon()
    {
        Dispose();
        File.Delete(Path.Combine(_directory, FileName));
        File.Delete(Path.Combine(_directory, LateFileName));
    }

    /// <summary>The skipped lines of a job directory, in input order; none when the job skipped nothing.</summary>
    public static IEnumerable<BatchSkippedLine> Read(string directory) => ReadFile(Path.Combine(directory, FileName));

    private static IEnumerable<BatchSkippedLine> ReadFile(string path)
    {
        if (!File.Exists(path))
        {
            yield break;
        }

        foreach (var text in File.ReadLines(path))
        {
            using var line = JsonDocument.Parse(text);
            var root = line.RootElement;
            yield return new BatchSkippedLine(
                root.GetProperty("line").GetInt64(),
                root.GetProperty("custom_id").GetString(),
                root.GetProperty("message").GetString()!);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _inOrder?.Dispose();
        _late?.Dispose();
        _inOrder = _late = null;
    }

    /// <summary>One JSONL file of skipped lines, flushed to disk when closed.</summary>
    private sealed class Writer : IDisposable
    {
        private readonly FileStream _file;
        private readonly Utf8JsonWriter _json;

        public Writer(string path)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            _file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
            _json = new Utf8JsonWriter(_file);
        }

        public void Write(BatchSkippedLine line)
        {
            _json.WriteStartObject();
            _json.WriteNumber("line"u8, line.LineNumber);
            _json.WriteString("custom_id"u8, line.CustomId);
            _json.WriteString("message"u8, line.Message);
            _json.WriteEndObject();
            _json.Flush();
            _json.Reset();
            _file.WriteByte((byte)'\n');
        }

        public void Dispose()
        {
            _json.Dispose();
            _file.Flush(flushToDisk: true);
            _file.Dispose();
        }
    }
}
