namespace Switchyard.Costs;

/// <summary>
/// Durable spend and budget state, shared by every gateway process that uses the same store. Requests reserve their
/// worst-case cost before the call, then settle the actual cost or release the hold. Reservations expire, so a gateway
/// that dies mid-request leaks nothing beyond the TTL. Implementations are thread-safe.
/// </summary>
public interface IBudgetLedger : IAsyncDisposable
{
    /// <summary>
    /// Atomically checks every applicable budget (global, tenant, key, route): when a hard budget's spend in window plus
    /// unexpired reservations plus <see cref="ReservationRequest.EstimatedMaxUsd"/> exceeds its limit, refuses and reserves
    /// nothing; otherwise holds the estimate until now + <paramref name="reservationTtl"/> and reports soft budgets that are
    /// or would be exceeded.
    /// </summary>
    Task<ReservationOutcome> ReserveAsync(ReservationRequest request, TimeSpan reservationTtl, CancellationToken cancellationToken);

    /// <summary>Deletes the reservation and appends the spend in one transaction. An unknown or expired id still records the spend.</summary>
    Task SettleAsync(Guid reservationId, SpendRecord actual, CancellationToken cancellationToken);

    /// <summary>Deletes the reservation without spend (the request failed before costing anything). Unknown ids are ignored.</summary>
    Task ReleaseAsync(Guid reservationId, CancellationToken cancellationToken);

    /// <summary>Appends spend that had no reservation (batch results, summaries). No budget is checked.</summary>
    Task RecordAsync(SpendRecord actual, CancellationToken cancellationToken);

    /// <summary>Deletes expired reservations (they already stopped counting) and returns how many.</summary>
    Task<int> ExpireReservationsAsync(CancellationToken cancellationToken);

    /// <summary>The current state of every budget that applies to these coordinates.</summary>
    Task<IReadOnlyList<BudgetState>> GetStatesAsync(string tenant, string keyName, string route, CancellationToken cancellationToken);

    /// <summary>Settled spend, filtered and grouped, ordered by the group keys.</summary>
    Task<IReadOnlyList<SpendRow>> QuerySpendAsync(SpendQuery query, CancellationToken cancellationToken);
}
