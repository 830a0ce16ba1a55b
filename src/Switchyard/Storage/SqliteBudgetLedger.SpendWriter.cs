using System.Threading.Channels;
using Switchyard.Costs;

namespace Switchyard.Storage;

// Spend rows (settle and record) leave the request path: they are queued and committed in batches by one background
// writer, so a request no longer waits for a SQLite transaction (about a third of the gateway's busy time per
// non-streaming request before this change, see docs/benchmarks.md). Every other operation of this instance first
// commits what is queued, under the same gate, so a reservation, a budget state or a report made here after a settle
// always sees that settle: the queue is invisible inside the process. Another process sharing the file sees a settle a
// few tens of milliseconds late, and until then counts the (larger) reservation it replaces, so budgets stay conservative.
// Spend is never dropped on a clean shutdown: dispose drains the queue. A failed commit keeps its rows for the next try.
// The writer gathers for SpendGatherInterval after the first queued row: at one connection a commit per request cost
// about ten WAL page writes, three lock calls and a wake-up of this thread per request (strace), some 5 % of the
// gateway's CPU (perf, docs/benchmarks.md); gathered, a busy gateway commits twenty times a second. A crash can lose that interval's settles,
// whose reservations then expire with their TTL (a reservation is never lost before its settle is committed).
public sealed partial class SqliteBudgetLedger
{
    private static readonly TimeSpan SpendGatherInterval = TimeSpan.FromMilliseconds(50);

    private readonly Channel<PendingSpend> _spendQueue = Channel.CreateUnbounded<PendingSpend>(new UnboundedChannelOptions { SingleReader = false });
    private readonly List<PendingSpend> _spendBatch = [];
    private readonly CancellationTokenSource _writerStopping = new();
    private Task? _spendWriter;
    private long _spendCommits;

    /// <summary>How many transactions of their own queued spend rows took; tests use it to prove the writer gathers.</summary>
    internal long SpendCommits => Interlocked.Read(ref _spendCommits);

    /// <summary>
    /// Makes every settle and record queued so far durable (committed to the file), waiting for the ledger's gate.
    /// Settles are otherwise committed by a background writer within about 50 ms.
    /// </summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            CommitQueuedSpend(transaction: null);
        }
        finally
        {
            _gate.Release();
        }
    }

    private void StartSpendWriter() => _spendWriter = Task.Run(WriteSpendLoopAsync);

    private Task QueueSpend(Guid? reservationId, SpendRecord actual)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var spend = new PendingSpend(reservationId, actual, NanoDollars.FromUsd(actual.CostUsd), UnixMs(_time.GetUtcNow()));
        return _spendQueue.Writer.TryWrite(spend) ? Task.CompletedTask : throw new ObjectDisposedException(nameof(SqliteBudgetLedger));
    }

    private async Task WriteSpendLoopAsync()
    {
        // Group commit: whatever queued while the previous batch was being written goes in the next one.
        while (await _spendQueue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            // Real time, not _time: a gather is about the file, not about budget windows, and a test's frozen clock must
            // not hold rows back (every read of this instance commits the queue first anyway). Dispose cancels the wait.
            await Task.Delay(SpendGatherInterval, _writerStopping.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            var failed = false;
            await _gate.WaitAsync().ConfigureAwait(false);
            try
            {
                if (!_disposed)
                {
                    CommitQueuedSpend(transaction: null);
                }
            }
            catch (Microsoft.Data.Sqlite.SqliteException)
            {
                // The file is busy or failing: the rows stay in the batch for the next try (dispose makes a last one).
                failed = true;
            }
            finally
            {
                _gate.Release();
            }

            if (failed)
            {
                await Task.Delay(50).ConfigureAwait(false);
            }
        }
    }

    // Caller holds the gate. With a transaction, the rows join it (committed with the caller's own writes); without, they
    // get their own. Rows leave the batch only once their transaction has committed.
    private void CommitQueuedSpend(Microsoft.Data.Sqlite.SqliteTransaction? transaction)
    {
        while (_spendQueue.Reader.TryRead(out var spend))
        {
            _spendBatch.Add(spend);
        }

        if (_spendBatch.Count == 0)
        {
            return;
        }

        if (transaction is not null)
        {
            WriteSpendRows();
            return;
        }

        using var own = _connection.BeginTransaction(deferred: false);
        WriteSpendRows();
        own.Commit();
        _spendBatch.Clear();
        Interlocked.Increment(ref _spendCommits);
    }

    // For a caller's transaction: the batch is cleared by CommittedSpend after that transaction commits.
    private void CommittedSpend() => _spendBatch.Clear();

    // Runs in the connection's open transaction (the caller's or the writer's own).
    private void WriteSpendRows()
    {
        foreach (var spend in _spendBatch)
        {
            _spendRows.Write(spend.ReservationId, spend.Actual, spend.AtMs, spend.AtMs - (spend.AtMs % SqliteLedgerSchema.HourMs), spend.CostNanos);
        }
    }

    private readonly record struct PendingSpend(Guid? ReservationId, SpendRecord Actual, long CostNanos, long AtMs);
}
