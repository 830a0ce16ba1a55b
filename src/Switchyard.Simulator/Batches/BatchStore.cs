using System.Collections.Concurrent;

namespace Switchyard.Simulator.Batches;

/// <summary>
/// Files and batches of one simulator. File bytes live in a directory on disk (uploads of 200 MB and outputs of
/// 50,000 lines must not sit in memory); the index and batch state are in memory. Thread-safe.
/// </summary>
internal sealed class BatchStore : IDisposable
{
    private readonly ConcurrentDictionary<string, StoredFile> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SimBatch> _batches = new(StringComparer.Ordinal);
    private readonly List<SimBatch> _openAIOrder = [];
    private readonly List<SimBatch> _anthropicOrder = [];
    private readonly Lock _orderGate = new();
    private readonly bool _ownsDirectory;
    private int _disposed;

    public BatchStore(string? directory)
    {
        _ownsDirectory = directory is null;
        Directory = directory ?? Path.Combine(Path.GetTempPath(), "switchyard-sim-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    /// <summary>A fresh path in the store's directory for a new file.</summary>
    public string NewPath(string suffix) => Path.Combine(Directory, Guid.NewGuid().ToString("N") + suffix);

    public void AddFile(StoredFile file) => _files[file.Id] = file;

    public StoredFile? File(string id) => _files.TryGetValue(id, out var file) ? file : null;

    /// <summary>Forgets the file and deletes its bytes (a batch still reading it keeps its open handle).</summary>
    public bool DeleteFile(string id)
    {
        if (!_files.TryRemove(id, out var file))
        {
            return false;
        }

        TryDelete(file.Path);
        return true;
    }

    public void AddBatch(SimBatch batch)
    {
        _batches[batch.Id] = batch;
        lock (_orderGate)
        {
            Order(batch.Provider).Add(batch);
        }
    }

    public SimBatch? Batch(string id, BatchProvider provider) =>
        _batches.TryGetValue(id, out var batch) && batch.Provider == provider ? batch : null;

    public void DeleteBatch(SimBatch batch)
    {
        _batches.TryRemove(batch.Id, out _);
        lock (_orderGate)
        {
            Order(batch.Provider).Remove(batch);
        }

        if (batch.ResultsPath is { } path)
        {
            TryDelete(path);
        }

        batch.Dispose();
    }

    /// <summary>The provider's batches, newest first (both list APIs page in that order).</summary>
    public IReadOnlyList<SimBatch> NewestFirst(BatchProvider provider)
    {
        lock (_orderGate)
        {
            var list = Order(provider).ToList();
            list.Reverse();
            return list;
        }
    }

    /// <summary>Position of <paramref name="id"/> in a list page source, or -1 (list cursors).</summary>
    public static int IndexOf(IReadOnlyList<SimBatch> batches, string id)
    {
        for (var i = 0; i < batches.Count; i++)
        {
            if (batches[i].Id == id)
            {
                return i;
            }
        }

        return -1;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        foreach (var batch in _batches.Values)
        {
            lock (batch.Gate)
            {
                batch.TryCancel(DateTimeOffset.UtcNow);
            }
        }

        if (_ownsDirectory)
        {
            try
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
            catch (IOException)
            {
                // A runner may still hold a file open for a moment; the OS temp cleaner gets the rest.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    private List<SimBatch> Order(BatchProvider provider) => provider == BatchProvider.OpenAI ? _openAIOrder : _anthropicOrder;

    private static void TryDelete(string path)
    {
        try
        {
            System.IO.File.Delete(path);
        }
        catch (IOException)
        {
        }
    }
}
