using System.Globalization;

namespace Switchyard.Batching;

/// <summary>
/// Writes request lines (already in the provider's format) into chunk files under the provider's limits: a new chunk
/// starts when the next line would pass the request count or byte size, and, where the provider wants it, per model.
/// Chunk ids continue from <c>firstChunkId</c>. Not thread-safe.
/// </summary>
internal sealed class BatchChunkWriter : IDisposable
{
    // Anthropic's create body wraps the lines as {"requests":[…]}: keep room for the wrapper.
    private const int EnvelopeBytes = 16;

    private readonly string _directory;
    private readonly string _jobId;
    private readonly int _round;
    private readonly BatchLimits _limits;
    private readonly Dictionary<string, OpenChunk> _open = new(StringComparer.Ordinal);
    private readonly List<BatchChunk> _closed = [];
    private readonly WriteBehindWorker _worker = new();
    private long _nextId;

    public BatchChunkWriter(string directory, string jobId, int round, BatchLimits limits, long firstChunkId)
    {
        _directory = directory;
        _jobId = jobId;
        _round = round;
        _limits = limits;
        _nextId = firstChunkId;
        Directory.CreateDirectory(directory);
    }

    /// <summary>Chunks closed so far (all of them after <see cref="Finish"/>).</summary>
    public IReadOnlyList<BatchChunk> Chunks => _closed;

    /// <summary>Appends one line and says where it went.</summary>
    /// <exception cref="InvalidOperationException">A single line is larger than a whole chunk may be.</exception>
    public (long ChunkId, long Offset) Append(string model, ReadOnlySpan<byte> line, decimal estimatedCostUsd)
    {
        if (line.Length + 1 + EnvelopeBytes > _limits.MaxBytes)
        {
            throw new InvalidOperationException($"A request of {line.Length} bytes exceeds the provider's batch size limit of {_limits.MaxBytes} bytes.");
        }

        var key = _limits.OneModelPerBatch ? model : string.Empty;
        if (_open.TryGetValue(key, out var chunk)
            && (chunk.Requests >= _limits.MaxRequests || chunk.Bytes + line.Length + 1 + EnvelopeBytes > _limits.MaxBytes))
        {
            Close(key, chunk);
            chunk = null;
        }

        if (chunk is null)
        {
            var id = _nextId++;
            var path = Path.Combine(_directory, string.Create(CultureInfo.InvariantCulture, $"chunk-{id:D4}.jsonl"));
            chunk = new OpenChunk(id, path, _limits.OneModelPerBatch ? model : null, _worker);
            _open[key] = chunk;
        }

        var offset = chunk.Bytes;
        chunk.Stream.Write(line);
        chunk.Stream.WriteByte((byte)'\n');
        chunk.Bytes += line.Length + 1;
        chunk.Requests++;
        chunk.EstimatedCostUsd += estimatedCostUsd;
        return (chunk.Id, offset);
    }

    /// <summary>Closes every open chunk and returns all chunks, in id order.</summary>
    public IReadOnlyList<BatchChunk> Finish()
    {
        foreach (var (key, chunk) in _open.ToArray())
        {
            Close(key, chunk);
        }

        _closed.Sort((a, b) => a.Id.CompareTo(b.Id));
        return _closed;
    }

    /// <summary>Closes the files without recording chunks (the plan was abandoned) and deletes them.</summary>
    public void Abandon()
    {
        foreach (var chunk in _open.Values)
        {
            chunk.Stream.Dispose();
            File.Delete(chunk.Path);
        }

        _open.Clear();
        foreach (var chunk in _closed)
        {
            File.Delete(chunk.Path);
        }
    }

    public void Dispose()
    {
        foreach (var chunk in _open.Values)
        {
            chunk.Stream.Dispose();
        }

        _worker.Dispose();
    }

    private void Close(string key, OpenChunk chunk)
    {
        chunk.Stream.Flush(flushToDisk: true);
        chunk.Stream.Dispose();
        _open.Remove(key);
        if (chunk.Requests == 0)
        {
            File.Delete(chunk.Path);
            return;
        }

        _closed.Add(new BatchChunk
        {
            Id = chunk.Id,
            JobId = _jobId,
            Round = _round,
            Model = chunk.Model,
            Path = chunk.Path,
            Requests = chunk.Requests,
            Bytes = chunk.Bytes,
            EstimatedCostUsd = chunk.EstimatedCostUsd,
            Marker = string.Create(CultureInfo.InvariantCulture, $"{_jobId}-c{chunk.Id}"),
        });
    }

    private sealed class OpenChunk(long id, string path, string? model, WriteBehindWorker worker)
    {
        public long Id { get; } = id;

        public string Path { get; } = path;

        public string? Model { get; } = model;

        public WriteBehindStream Stream { get; } = new(path, worker);

        public long Bytes { get; set; }

        public int Requests { get; set; }

        public decimal EstimatedCostUsd { get; set; }
    }
}
