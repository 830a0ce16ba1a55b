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
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(new WriteItem(null, null, flushed)), this);

        Volatile.Read(ref _kick).TrySetResult();
        await flushed.Task.WaitAsync(ct).ConfigureAwait(false);
    }

    private void Enqueue(LiveStream stream, StreamEventRecord record)
    {
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(new WriteItem(stream, record, null)), this);
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
        var batch = new List<(LiveStream Stream, StreamEventRecord Record)>(_options.MaxBatch);
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

                batch.Add((item.Stream!, item.Record!));
                if (batch.Count >= _options.MaxBatch)
                {
                    await CommitAsync(batch).ConfigureAwait(false);
                }
            }

            await CommitAsync(batch).ConfigureAwait(false);
        }
    }

    private async Task CommitAsync(List<(LiveStream Stream, StreamEventRecord Record)> batch)
    {
        if (batch.Count == 0)
        {
            return;
        }

        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            using var transaction = _connection.BeginTransaction(deferred: false);
            _insertEvent.Transaction = transaction;
            var p = _insertEvent.Parameters;
            foreach (var (stream, record) in batch)
            {
                p["$id"].Value = stream.Header.StreamId;
                p["$seq"].Value = record.Sequence;
                p["$type"].Value = (object?)record.EventType ?? DBNull.Value;
                p["$data"].Value = AsArray(record.Data);
                _insertEvent.ExecuteNonQuery();
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
            _insertEvent.Transaction = null;
            _gate.Release();
        }

        // Live readers in this process still received the events from memory, so they leave the pending queue either way.
        foreach (var (stream, record) in batch)
        {
            stream.MarkDurable(record.Sequence);
        }

        batch.Clear();
    }

    // Append already copied the bytes into an exact array; reuse it rather than copying again.
    private static byte[] AsArray(ReadOnlyMemory<byte> data) =>
        MemoryMarshal.TryGetArray(data, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : data.ToArray();

    private readonly record struct WriteItem(LiveStream? Stream, StreamEventRecord? Record, TaskCompletionSource? Flushed);
}
