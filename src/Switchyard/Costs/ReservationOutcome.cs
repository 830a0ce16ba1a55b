namespace Switchyard.Costs;

/// <summary>The answer to <see cref="IBudgetLedger.ReserveAsync"/>.</summary>
/// <param name="Admitted">True when the reservation was made.</param>
/// <param name="ReservationId">The id to settle or release; <see cref="Guid.Empty"/> when refused.</param>
/// <param name="Budgets">Every applicable budget as it stood at the check, before this reservation was added.</param>
/// <param name="BlockedBy">The first hard budget the estimate would have exceeded; null when admitted.</param>
/// <param name="SoftExceeded">Soft budgets already exceeded, or exceeded once this estimate is added (states before it).</param>
public sealed record ReservationOutcome(bool Admitted, Guid ReservationId, IReadOnlyList<BudgetState> Budgets, BudgetState? BlockedBy, IReadOnlyList<BudgetState> SoftExceeded);
