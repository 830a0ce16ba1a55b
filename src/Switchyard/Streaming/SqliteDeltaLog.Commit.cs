using System.Buffers;
using System.Diagnostics;

namespace Switchyard.Streaming;

public sealed partial class SqliteDeltaLog
{
    private long _transactions;
    private long _writerAllocations;

    // The writer's scratch, used only under _gate: each stream's events of the batch being committed, and the chunk blob.
    private readonly Dictionary<LiveStream, List<LoggedEvent>> _runs = [];
    private readonly Stack<List<LoggedEvent>> _spareRuns = new();
    private readonly HashSet<LiveStream> _createdInBatch = [];
    private readonly ArrayBufferWriter<byte> _chunk = new(16 * 1024);
    private readonly ArrayBufferWriter<byte> _sealedChunk = new(16 * 1024);

    private long _chunkInsertAllocations;

    private static readonly TimeSpan GiveWayEvery = TimeSpan.FromMicroseconds(150);
    private long _lastGaveWay; // a Stopwatch timestamp; the writer's, under _gate

    /// <summary>Bytes allocated while building, sealing and inserting chunk rows; tests use it to prove a row allocates nothing.</summary>
    internal long ChunkInsertAllocations => Interlocked.Read(ref _chunkInsertAllocations);

    /// <summary>
    /// Bytes the writer's thread had allocated when it last committed a batch (sampled just before <see cref="Transactions"/>
    /// counts it). The thread runs nothing but the writer, so the difference between two readings is everything the writer
    /// allocated in between; tests use it to prove a wake-up allocates nothing.
    /// </summary>
    internal long WriterAllocations => Interlocked.Read(ref _writerAllocations);

    /// <summary>How many batch transactions the writer has committed; tests use it to prove appends are batched.</summary>
    internal long Transactions => Interlocked.Read(ref _transactions);

    // Commits the batch in one transaction: each stream's events in it become one chunk row. Order inside one transaction
    // does not matter to readers, so a stream created in this batch gets its row at its end in the batch, already ended,
    // or open after everything else when it goes on.
    private void Commit(List<WriteItem> batch)
    {
        if (batch.Count == 0)
        {
            return;
        }

        _gate.Wait();
        try
        {
            _batchTransaction.Begin();
            foreach (var item in batch)
            {
                switch (item.Kind)
                {
                    case WriteKind.Create:
                        _createdInBatch.Add(item.Stream!);
                        break;
                    case WriteKind.Event:
                        RunOf(item.Stream!).Add(item.Event);
                        break;
                    default:
                        InsertChunk(item.Stream!);
                        GiveWayToRequests();
                        if (_createdInBatch.Remove(item.Stream!))
                        {
                            _streamRows.Insert(item.Stream!, ended: true);
                        }
                        else
                        {
                            _streamRows.End(item.Stream!);
                        }

                        break;
                }
            }

            foreach (var stream in _runs.Keys)
            {
                InsertChunk(stream);
                GiveWayToRequests();
            }

            foreach (var stream in _createdInBatch)
            {
                _streamRows.Insert(stream, ended: false);
            }

            _batchTransaction.Commit();
            Interlocked.Exchange(ref _writerAllocations, GC.GetAllocatedBytesForCurrentThread());
            Interlocked.Increment(ref _transactions);
        }
#pragma warning disable CA1031 // The writer is the edge: a failed batch must not kill it; flushes report the failure.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _batchTransaction.RollBackIfOpen();
            Volatile.Write(ref _fault, ex);
        }
        finally
        {
            foreach (var run in _runs.Values)
            {
                run.Clear();
                _spareRuns.Push(run);
            }

            _runs.Clear();
            _createdInBatch.Clear();
            _gate.Release();
        }

        // Live readers in this process still received the events from memory, so they leave the pending queue either way;
        // an ended stream is from now on read from the file.
        foreach (var item in batch)
        {
            if (item.Kind == WriteKind.Event)
            {
                item.Stream!.MarkDurable(item.Event.Sequence);
            }
            else if (item.Kind == WriteKind.End)
            {
                _live.TryRemove(new KeyValuePair<string, LiveStream>(item.Stream!.Header.StreamId, item.Stream));
                item.Stream.ReleaseChunks();
            }
        }

        batch.Clear();
    }

    // Between two streams' chunks (~50 µs of sealing and inserting each), once it has run for GiveWayEvery since it last
    // did, the writer offers its core to any thread waiting for one. A batch holds every stream that ended in the last
    // flush interval, and without this its commit kept one of a small machine's cores for several hundred µs at a time
    // while a request's next step waited: one connection's time to first token at p99 went from 0.92–0.99 ms to about
    // 0.55 ms with it. Offering after every stream did as well there, but under saturation (16 streaming connections) it
    // switched threads so often that their p99 rose by a sixth; every 150 µs it did not (docs/benchmarks.md). A lower
    // scheduling class for the writer also helped one connection, but a starved writer would hold the log's locks.
    private void GiveWayToRequests()
    {
        if (Stopwatch.GetElapsedTime(_lastGaveWay) >= GiveWayEvery)
        {
            Thread.Yield();
            _lastGaveWay = Stopwatch.GetTimestamp();
        }
    }

    private List<LoggedEvent> RunOf(LiveStream stream)
    {
        if (!_runs.TryGetValue(stream, out var run))
        {
            run = _spareRuns.TryPop(out var spare) ? spare : [];
            _runs.Add(stream, run);
        }

        return run;
    }

    // Writes the stream's run of events gathered so far in this batch, if any, as one chunk.
    private void InsertChunk(LiveStream stream)
    {
        if (!_runs.TryGetValue(stream, out var run) || run.Count == 0)
        {
            return;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        _chunk.ResetWrittenCount();
        EventChunk.Begin(_chunk);
        foreach (var logged in run)
        {
            EventChunk.Write(_chunk, logged.Sequence, logged.EventType, logged.Data.Span);
        }

        _insertChunk.Insert(stream.StreamIdUtf8, run[0].Sequence, run[^1].Sequence, EventChunk.Seal(_chunk.WrittenSpan, _sealedChunk));
        run.Clear();
        Interlocked.Add(ref _chunkInsertAllocations, GC.GetAllocatedBytesForCurrentThread() - allocated);
    }
}
