using Microsoft.Data.Sqlite;
using Switchyard.Costs;

namespace Switchyard.Storage;

public sealed partial class SqliteBudgetLedger
{
    /// <inheritdoc />
    /// <remarks>
    /// Admission is exact in nano-dollars: a hard budget admits while spent + reserved + estimate ≤ limit. The estimate is
    /// rounded up to the nano-dollar. <see cref="ReservationOutcome.Budgets"/> are the states read inside the transaction.
    /// </remarks>
    public async Task<ReservationOutcome> ReserveAsync(ReservationRequest request, TimeSpan reservationTtl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfNegative(request.EstimatedMaxUsd);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(reservationTtl, TimeSpan.Zero);
        var estimate = NanoDollars.FromUsdCeiling(request.EstimatedMaxUsd);
        var budgets = Volatile.Read(ref _budgets);

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var now = _time.GetUtcNow();
            using var transaction = _connection.BeginTransaction(deferred: false);
            CommitQueuedSpend(transaction);
            var evaluated = Evaluate(budgets, request.Tenant, request.KeyName, request.Route, now, transaction);

            var states = new BudgetState[evaluated.Count];
            BudgetState? blockedBy = null;
            List<BudgetState>? softExceeded = null;
            for (var i = 0; i < evaluated.Count; i++)
            {
                var budget = evaluated[i];
                states[i] = budget.State;
                if (budget.Spent + budget.Reserved + estimate <= budget.Limit)
                {
                    continue;
                }

                if (budget.State.Hard)
                {
                    blockedBy ??= budget.State;
                }
                else
                {
                    (softExceeded ??= []).Add(budget.State);
                }
            }

            var id = Guid.Empty;
            if (blockedBy is null)
            {
                id = Guid.CreateVersion7(now);
                Bind(_insertReservation, transaction, id, now);
                _insertReservation.Parameters["$expires"].Value = UnixMs(now + reservationTtl);
                _insertReservation.Parameters["$tenant"].Value = request.Tenant;
                _insertReservation.Parameters["$key"].Value = request.KeyName;
                _insertReservation.Parameters["$route"].Value = request.Route;
                _insertReservation.Parameters["$provider"].Value = request.Provider;
                _insertReservation.Parameters["$model"].Value = request.Model;
                _insertReservation.Parameters["$amount"].Value = estimate;
                _insertReservation.ExecuteNonQuery();
            }

            transaction.Commit();
            CommittedSpend();
            Reservations.Add(1, new KeyValuePair<string, object?>("outcome", blockedBy is null ? "admitted" : "refused"));
            return new ReservationOutcome(blockedBy is null, id, states, blockedBy, (IReadOnlyList<BudgetState>?)softExceeded ?? []);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    /// <remarks>Queued and committed by a background writer within about 50 ms; see <see cref="FlushAsync"/>.</remarks>
    public Task SettleAsync(Guid reservationId, SpendRecord actual, CancellationToken cancellationToken) =>
        QueueSpend(reservationId, actual);

    /// <inheritdoc />
    /// <remarks>Queued and committed by a background writer within about 50 ms; see <see cref="FlushAsync"/>.</remarks>
    public Task RecordAsync(SpendRecord actual, CancellationToken cancellationToken) =>
        QueueSpend(null, actual);

    /// <inheritdoc />
    public async Task ReleaseAsync(Guid reservationId, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            CommitQueuedSpend(transaction: null);
            Bind(_deleteReservation, null, reservationId, null);
            _deleteReservation.ExecuteNonQuery();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<int> ExpireReservationsAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            CommitQueuedSpend(transaction: null);
            Bind(_deleteExpired, null, null, _time.GetUtcNow());
            return _deleteExpired.ExecuteNonQuery();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<BudgetState>> GetStatesAsync(string tenant, string keyName, string route, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(keyName);
        ArgumentNullException.ThrowIfNull(route);
        var budgets = Volatile.Read(ref _budgets);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            CommitQueuedSpend(transaction: null);
            using var transaction = _connection.BeginTransaction(deferred: true);
            var evaluated = Evaluate(budgets, tenant, keyName, route, _time.GetUtcNow(), transaction);
            transaction.Commit();
            return [.. evaluated.Select(e => e.State)];
        }
        finally
        {
            _gate.Release();
        }
    }

    private List<Evaluated> Evaluate(BudgetDefinition[] budgets, string tenant, string keyName, string route, DateTimeOffset now, SqliteTransaction transaction)
    {
        var result = new List<Evaluated>(budgets.Length);
        var nowMs = UnixMs(now);
        foreach (var budget in budgets)
        {
            if (budget.SubjectFor(tenant, keyName, route) is not { } subject)
            {
                continue;
            }

            var startMs = Math.Max(0, UnixMs(budget.WindowStart(now)));
            var alignedMs = (startMs + SqliteLedgerSchema.HourMs - 1) / SqliteLedgerSchema.HourMs * SqliteLedgerSchema.HourMs;
            var command = _windowSums[(int)budget.Scope];
            command.Transaction = transaction;
            if (budget.Scope != BudgetScope.Global)
            {
                command.Parameters["$subject"].Value = subject;
            }

            command.Parameters["$aligned"].Value = alignedMs;
            command.Parameters["$start"].Value = startMs;
            command.Parameters["$now"].Value = nowMs;

            long spent, reserved;
            using (var reader = command.ExecuteReader())
            {
                reader.Read();
                spent = reader.GetInt64(0);
                reserved = reader.GetInt64(1);
            }

            var limit = NanoDollars.FromUsd(budget.LimitUsd);
            var state = new BudgetState(budget.Name, budget.LimitUsd, NanoDollars.ToUsd(spent), NanoDollars.ToUsd(reserved), budget.Hard)
            {
                Subject = subject,
                DowngradeRoute = budget.DowngradeRoute,
                Scope = budget.Scope,
            };
            result.Add(new Evaluated(state, limit, spent, reserved));
        }

        return result;
    }

    private static void Bind(SqliteCommand command, SqliteTransaction? transaction, Guid? id, DateTimeOffset? now)
    {
        command.Transaction = transaction;
        if (id is { } value)
        {
            command.Parameters["$id"].Value = value.ToByteArray();
        }

        if (now is { } time)
        {
            command.Parameters["$now"].Value = UnixMs(time);
        }
    }

    private readonly record struct Evaluated(BudgetState State, long Limit, long Spent, long Reserved);
}
