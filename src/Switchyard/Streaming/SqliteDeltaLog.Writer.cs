namespace Switchyard.Streaming;

public sealed partial class SqliteDeltaLog
{
    // The writer owns a thread rather than looping on the thread pool: its SQLite work blocks anyway, and a thread can wait
    // on events that are reset and reused, where an async loop allocated a promise, a delay and a WhenAny per wake-up (per
    // event for a stream slower than the flush interval).
    private readonly ManualResetEventSlim _queued = new(false, spinCount: 1); // set by every enqueue and by disposal
    private readonly ManualResetEventSlim _kick = new(false, spinCount: 1); // set by a flush (and disposal): stop gathering
    private readonly TaskCompletionSource _writerStopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _flushesQueued;
    private Exception? _fault;

    /// <inheritdoc />
    /// <exception cref="Exception">The writer failed to commit a batch queued before this call (the same exception).</exception>
    public async Task FlushAsync(CancellationToken ct)
    {
        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Increment(ref _flushesQueued);
        if (!_queue.Writer.TryWrite(new WriteItem(WriteKind.Flush, null, default, flushed)))
        {
            Interlocked.Decrement(ref _flushesQueued);
            throw new ObjectDisposedException(GetType().FullName);
        }

        _kick.Set();
        Wake();
        await flushed.Task.WaitAsync(ct).ConfigureAwait(false);
    }

    private void Enqueue(LiveStream stream, LoggedEvent logged)
    {
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(new WriteItem(WriteKind.Event, stream, logged, null)), this);
        Wake();
    }

    private void EnqueueEnd(LiveStream stream)
    {
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(new WriteItem(WriteKind.End, stream, default, null)), this);
        Wake();
    }

    // After the item is queued. When the event is still set the writer has not yet reset it, and it looks at the queue
    // only after resetting, so it will see the item: skipping Set then saves every event but the first of a gathering.
    private void Wake()
    {
        if (!_queued.IsSet)
        {
            _queued.Set();
        }
    }

    private void StartWriter()
    {
        // UnsafeStart: the writer must not carry the creator's async-locals (a request's activity) for its whole life.
        var thread = new Thread(WriteLoop) { IsBackground = true, Name = "Switchyard delta log writer" };
        thread.UnsafeStart();
    }

    private void WriteLoop()
    {
        try
        {
            DrainLoop();
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
        finally
        {
            _writerStopped.TrySetResult();
        }
    }

    // Gathers for one flush interval (unless a batch is already full or a flush is waiting), then commits everything queued
    // in transactions of at most MaxBatch events. A flush marker is answered once every event queued before it committed.
    private void DrainLoop()
    {
        var reader = _queue.Reader;
        var batch = new List<WriteItem>(_options.MaxBatch);
        while (true)
        {
            // Count, not TryPeek: a peek marks the queue's segment as observed, so it is never reused and every few
            // dozen events the producer would allocate a new one.
            if (reader.Count == 0)
            {
                if (reader.Completion.IsCompleted)
                {
                    break;
                }

                // An item queued after the count finds the event set or sets it, so the wait ends; one queued after the
                // reset sets it again, and one queued in between is counted next time round.
                _queued.Wait();
                _queued.Reset();
                continue;
            }

            // A flush queued after the reset sets the kick after it, so the wait below ends at once; one queued before
            // it is counted.
            _kick.Reset();
            if (reader.Count < _options.MaxBatch && Volatile.Read(ref _flushesQueued) == 0)
            {
                _kick.Wait(_options.FlushInterval);
            }

            while (reader.TryRead(out var item))
            {
                if (item.Flushed is { } flushed)
                {
                    Commit(batch);
                    Interlocked.Decrement(ref _flushesQueued);
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
                    Commit(batch);
                }
            }

            Commit(batch);
        }
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
