using System.Buffers;

namespace Switchyard.Streaming;

public sealed partial class SqliteDeltaLog
{
    private TaskCompletionSource _kick = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Exception? _fault;
    private long _transactions;

    // The writer's scratch, used only under _gate: each stream's events of the batch being committed, and the chunk blob.
    private readonly Dictionary<LiveStream, List<LoggedEvent>> _runs = [];
    private readonly Stack<List<LoggedEvent>> _spareRuns = new();
    private readonly ArrayBufferWriter<byte> _chunk = new(16 * 1024);
    private readonly ArrayBufferWriter<byte> _sealedChunk = new(16 * 1024);

    private long _chunkInsertAllocations;

    /// <summary>Bytes allocated while building, sealing and inserting chunk rows; tests use it to prove a row allocates nothing.</summary>
    internal long ChunkInsertAllocations => Interlocked.Read(ref _chunkInsertAllocations);

    /// <summary>How many batch transactions the writer has committed; tests use it to prove appends are batched.</summary>
    internal long Transactions => Interlocked.Read(ref _transactions);

    /// <inheritdoc />
    /// <exception cref="Exception">The writer failed to commit a batch queued before this call (the same exception).</exception>
    public async Task FlushAsync(CancellationToken ct)
    {
        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(new WriteItem(WriteKind.Flush, null, default, flushed)), this);

        Volatile.Read(ref _kick).TrySetResult();
        await flushed.Task.WaitAsync(ct).ConfigureAwait(false);
    }

    private void Enqueue(LiveStream stream, LoggedEvent logged)
    {
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(new WriteItem(WriteKind.Event, stream, logged, null)), this);
    }

    private void EnqueueEnd(LiveStream stream)
    {
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(new WriteItem(WriteKind.End, stream, default, null)), this);
    }

    // Gathers for one flush interval (unless a batch is already full or a flush is waiting), then commits everything queued
    // in transactions of at most MaxBatch events. A flush marker is answered once every event queued before it committed.
    private async Task WriteLoopAsync()
    {
        try
        {
            await DrainLoopAsync().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A writer that died silently would leave every later flush waiting forever.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Volatile.Write(ref _fault, ex);
            _queue.Writer.TryComplete(ex);
            while (_queue.Reader.TryRead(out var item))
            {
                item.Flushed?.TrySetException(ex);
            }
        }
    }

    private async Task DrainLoopAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<WriteItem>(_options.MaxBatch);
        while (true)
        {
            var kick = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _kick, kick);
            if (!await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                break;
            }

            if (reader.Count < _options.MaxBatch)
            {
                await Task.WhenAny(Task.Delay(_options.FlushInterval), kick.Task).ConfigureAwait(false);
            }

            while (reader.TryRead(out var item))
            {
                if (item.Flushed is { } flushed)
                {
                    await CommitAsync(batch).ConfigureAwait(false);
                    if (Volatile.Read(ref _fault) is { } fault)
                    {
                        flushed.TrySetException(fault);
                    }
                    else
                    {
                        flushed.TrySetResult();
                    }

                    continue;
                }

                batch.Add(item);
                if (batch.Count >= _options.MaxBatch)
                {
                    await CommitAsync(batch).ConfigureAwait(false);
                }
            }

            await CommitAsync(batch).ConfigureAwait(false);
        }
    }

    // Commits the batch in one transaction: each stream's events in it become one chunk row, written after the stream's
    // row (queued before them) and before its end (queued after them). Order across streams does not matter inside one
    // transaction.
    private async Task CommitAsync(List<WriteItem> batch)
    {
        if (batch.Count == 0)
        {
            return;
        }

        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            using var transaction = _connection.BeginTransaction(deferred: false);
            _insertStream.Transaction = transaction;
            _endStream.Transaction = transaction;
            foreach (var item in batch)
            {
                switch (item.Kind)
                {
                    case WriteKind.Create:
                        InsertStream(item.Stream!);
                        break;
                    case WriteKind.Event:
                        RunOf(item.Stream!).Add(item.Event);
                        break;
                    default:
                        InsertChunk(item.Stream!);
                        EndStream(item.Stream!);
                        break;
                }
            }

            foreach (var stream in _runs.Keys)
            {
                InsertChunk(stream);
            }

            transaction.Commit();
            Interlocked.Increment(ref _transactions);
        }
#pragma warning disable CA1031 // The writer is the edge: a failed batch must not kill it; flushes report the failure.
        catch (Exception ex)
#pragma warning restore CA1031
        {
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
            _insertStream.Transaction = null;
            _endStream.Transaction = null;
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

    private List<LoggedEvent> RunOf(LiveStream stream)
    {
        if (!_runs.TryGetValue(stream, out var run))
        {
            run = _spareRuns.TryPop(out var spare) ? spare : [];
            _runs.Add(stream, run);
        }

        return run;
    }

    private void InsertStream(LiveStream stream)
    {
        var p = _insertStream.Parameters;
        p["$id"].Value = stream.Header.StreamId;
        p["$tenant"].Value = stream.Header.Tenant;
        p["$front_door"].Value = stream.Header.FrontDoor;
        p["$created"].Value = UnixMs(stream.Header.CreatedAt);
        _insertStream.ExecuteNonQuery();
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

    private void EndStream(LiveStream stream)
    {
        var p = _endStream.Parameters;
        p["$id"].Value = stream.Header.StreamId;
        p["$state"].Value = (int)stream.State;
        p["$now"].Value = UnixMs(stream.EndedAt);
        _endStream.ExecuteNonQuery();
    }

    private enum WriteKind
    {
        Create,
        Event,
        End,
        Flush,
    }

    // Event is default unless Kind is Event.
    private readonly record struct WriteItem(WriteKind Kind, LiveStream? Stream, LoggedEvent Event, TaskCompletionSource? Flushed);
}
