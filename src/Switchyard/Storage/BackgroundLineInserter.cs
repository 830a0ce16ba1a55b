using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Switchyard.Batching;

namespace Switchyard.Storage;

/// <summary>
/// Runs a plan's bulk line inserts on a second thread, so validating and writing chunk files on the planner's thread
/// overlaps with SQLite. The caller must <see cref="Drain"/> before it uses the connection itself: the connection is
/// only ever used by one thread at a time. The queue is bounded (<see cref="MaxQueuedBatches"/> batches), which bounds
/// memory and lets SQLite set the pace when it is the slower side.
/// </summary>
internal sealed class BackgroundLineInserter : IDisposable
{
    private const int MaxQueuedBatches = 64;

    private readonly BatchLineBulkInsert _insert;
    private readonly string _jobId;
    private BlockingCollection<BatchLinePlacement[]>? _batches;
    private Task? _worker;
    private Exception? _fault;

    public BackgroundLineInserter(SqliteConnection connection, string jobId)
    {
        _insert = new BatchLineBulkInsert(connection);
        _jobId = jobId;
    }

    /// <summary>Queues <see cref="BatchLineBulkInsert.Rows"/> lines; the array is owned by the inserter from now on.</summary>
    public void Enqueue(BatchLinePlacement[] rows)
    {
        if (_batches is null)
        {
            _fault = null;
            var batches = _batches = new BlockingCollection<BatchLinePlacement[]>(MaxQueuedBatches);
            _worker = Task.Factory.StartNew(() => Run(batches), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        _batches.Add(rows);
    }

    /// <summary>Waits until every queued line is inserted; rethrows an insert's failure.</summary>
    public void Drain()
    {
        if (_batches is null)
        {
            return;
        }

        _batches.CompleteAdding();
        _worker!.GetAwaiter().GetResult();
        _batches.Dispose();
        _batches = null;
        _worker = null;
        if (_fault is { } fault)
        {
            throw new InvalidOperationException("Recording the plan's lines failed.", fault);
        }
    }

    /// <summary>Stops the worker (waiting for it, so the connection is free) and releases the statement.</summary>
    public void Dispose()
    {
        if (_batches is not null)
        {
            _batches.CompleteAdding();
            _worker!.Wait();
            _batches.Dispose();
            _batches = null;
        }

        _insert.Dispose();
    }

    private void Run(BlockingCollection<BatchLinePlacement[]> batches)
    {
        foreach (var rows in batches.GetConsumingEnumerable())
        {
            if (_fault is not null)
            {
                continue; // keep consuming so the planner never blocks on a full queue; Drain reports the failure
            }

            try
            {
                _insert.Insert(_jobId, rows);
            }
            catch (SqliteException ex)
            {
                _fault = ex;
            }
        }
    }
}
