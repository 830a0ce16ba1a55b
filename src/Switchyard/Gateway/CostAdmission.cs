using Switchyard.Costs;
using Switchyard.Failures;

namespace Switchyard.Gateway;

/// <summary>The cost side of admitting one request: its estimate, its reservation, and any clamp or downgrade.</summary>
public sealed record CostAdmission
{
    /// <summary>Set when the request must be refused (hard budget, per-request cap).</summary>
    public Failure? Refusal { get; init; }

    /// <summary>The reservation to settle or release; null when no budget applies or nothing was reserved.</summary>
    public Guid? ReservationId { get; init; }

    /// <summary>The tenant the reservation was taken for (metrics).</summary>
    public string Tenant { get; init; } = "default";

    /// <summary>Estimated prompt tokens (the largest over the route's targets).</summary>
    public int InputTokens { get; init; }

    /// <summary>Worst-case cost reserved, USD.</summary>
    public decimal EstimatedMaxUsd { get; init; }

    /// <summary>Output-token limit imposed by the per-request cap, if it clamped.</summary>
    public int? ClampedMaxOutputTokens { get; init; }

    /// <summary>A soft budget is exceeded and names this cheaper route.</summary>
    public string? DowngradeRoute { get; init; }

    /// <summary>Soft budgets exceeded (warn only).</summary>
    public IReadOnlyList<BudgetState> SoftExceeded { get; init; } = [];

    /// <summary>Budget states at admission (before this reservation).</summary>
    public IReadOnlyList<BudgetState> Budgets { get; init; } = [];
}
