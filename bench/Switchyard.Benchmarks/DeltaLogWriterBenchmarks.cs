using BenchmarkDotNet.Attributes;
using Switchyard.Streaming;

namespace Switchyard.Benchmarks;

/// <summary>
/// The delta log for a live stream slower than its flush interval: each operation appends one event and waits until the
/// writer has woken up, gathered for the flush interval (10 ms is the default) and committed it in a transaction of its
/// own, so one operation is one wake-up and one batch. The memory diagnoser counts the allocations of every thread of the
/// process (precise total), so the writer thread's are in the number; the wait spins, allocating nothing.
/// </summary>
[MemoryDiagnoser]
public class DeltaLogWriterBenchmarks : IDisposable
{
    private readonly byte[] _payload = """{"choices":[{"index":0,"delta":{"content":" token"}}]}"""u8.ToArray();
    private DirectoryInfo _directory = null!;
    private SqliteDeltaLog _log = null!;
    private string _streamId = "";
    private long _sequence;

    [Params(1, 10)]
    public int FlushIntervalMs { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("switchyard-bench-log-");
        _log = new SqliteDeltaLog(Path.Combine(_directory.FullName, "streams.db"), TimeProvider.System,
            new DeltaLogOptions { FlushInterval = TimeSpan.FromMilliseconds(FlushIntervalMs) });
        _streamId = StreamIds.New();
        _log.CreateAsync(new StreamHeader(_streamId, "bench", "openai-chat", DateTimeOffset.UtcNow), CancellationToken.None)
            .GetAwaiter().GetResult();
    }

    [Benchmark]
    public void AppendOneEventAndWaitForItsCommit()
    {
        var committed = _log.Transactions;
        _log.Append(_streamId, ++_sequence, "delta", _payload);
        var spin = default(SpinWait);
        while (_log.Transactions == committed)
        {
            spin.SpinOnce();
        }
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _log?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _directory?.Delete(recursive: true);
        GC.SuppressFinalize(this);
    }
}
