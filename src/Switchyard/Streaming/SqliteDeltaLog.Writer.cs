using System.Runtime.InteropServices;

namespace Switchyard.Streaming;

public sealed partial class SqliteDeltaLog
{
    private TaskCompletionSource _kick = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Exception? _fault;
    private long _transactions;

    /// <summary>How many batch transactions the writer has committed; tests use it to prove appends are batched.</summary>
    internal long Transactions => Interlocked.Read(ref _transactions);

    /// <inheritdoc />
    /// <exception cref="Exception">The writer failed to commit a batch queued before this call (the same exception).</exception>
    public async Task FlushAsync(CancellationToken ct)
    {
        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(new WriteItem(WriteKind.Flush, null, null, flushed)), this);

        Volatile.Read(ref _kick).TrySetResult();
        await flushed.Task.WaitAsync(ct).ConfigureAwait(false);
    }

    private void Enqueue(LiveStream stream, StreamEventRecord record)
    {
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(new WriteItem(WriteKind.Event, stream, record, null)), this);
    }

    private void EnqueueEnd(LiveStream stream)
    {
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(new WriteItem(WriteKind.End, stream, null, null)), this);
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

    // Commits the batch in one transaction, in queue order: a stream's row before its events, its end after them.
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
            foreach (var item in batch)
            {
                var command = Bind(item);
                command.Transaction = transaction;
                command.ExecuteNonQuery();
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
            _insertStream.Transaction = null;
            _insertEvent.Transaction = null;
            _endStream.Transaction = null;
            _gate.Release();
        }

        // Live readers in this process still received the events from memory, so they leave the pending queue either way;
        // an ended stream is from now on read from the file.
        foreach (var item in batch)
        {
            if (item.Kind == WriteKind.Event)
            {
                item.Stream!.MarkDurable(item.Record!.Sequence);
            }
            else if (item.Kind == WriteKind.End)
            {
                _live.TryRemove(new KeyValuePair<string, LiveStream>(item.Stream!.Header.StreamId, item.Stream));
            }
        }

        batch.Clear();
    }

    private Microsoft.Data.Sqlite.SqliteCommand Bind(WriteItem item)
    {
        var stream = item.Stream!;
        switch (item.Kind)
        {
            case WriteKind.Create:
            {
                var p = _insertStream.Parameters;
                p["$id"].Value = stream.Header.StreamId;
                p["$tenant"].Value = stream.Header.Tenant;
                p["$front_door"].Value = stream.Header.FrontDoor;
                p["$created"].Value = UnixMs(stream.Header.CreatedAt);
                return _insertStream;
            }

            case WriteKind.Event:
            {
                var record = item.Record!;
                var p = _insertEvent.Parameters;
                p["$id"].Value = stream.Header.StreamId;
                p["$seq"].Value = record.Sequence;
                p["$type"].Value = (object?)record.EventType ?? DBNull.Value;
                p["$data"].Value = AsArray(record.Data);
                return _insertEvent;
            }

            default:
            {
                var p = _endStream.Parameters;
                p["$id"].Value = stream.Header.StreamId;
                p["$state"].Value = (int)stream.State;
                p["$now"].Value = UnixMs(stream.EndedAt);
                return _endStream;
            }
        }
    }

    // Append already copied the bytes into an exact array; reuse it rather than copying again.
    private static byte[] AsArray(ReadOnlyMemory<byte> data) =>
        MemoryMarshal.TryGetArray(data, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : data.ToArray();

    private enum WriteKind
    {
        Create,
        Event,
        End,
        Flush,
    }

    private readonly record struct WriteItem(WriteKind Kind, LiveStream? Stream, StreamEventRecord? Record, TaskCompletionSource? Flushed);
}
