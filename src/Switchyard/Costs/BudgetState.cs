namespace Switchyard.Costs;

/// <summary>One budget's standing in its current window.</summary>
/// <param name="BudgetName">The <see cref="BudgetDefinition.Name"/>.</param>
/// <param name="LimitUsd">The limit.</param>
/// <param name="SpentUsd">Settled spend in the window.</param>
/// <param name="ReservedUsd">Unexpired reservations not yet settled or released.</param>
/// <param name="Hard">Whether the budget refuses reservations.</param>
public sealed record BudgetState(string BudgetName, decimal LimitUsd, decimal SpentUsd, decimal ReservedUsd, bool Hard)
{
    /// <summary>What is left; negative once overspent.</summary>
    public decimal RemainingUsd => LimitUsd - SpentUsd - ReservedUsd;

    /// <summary>The tenant, key or route this state was summed for; empty for global budgets.</summary>
    public string Subject { get; init; } = string.Empty;

    /// <summary>The soft budget's downgrade route, copied from the definition.</summary>
    public string? DowngradeRoute { get; init; }

    /// <summary>What the budget counts, copied from the definition.</summary>
    public BudgetScope Scope { get; init; } = BudgetScope.Tenant;

    /// <summary>
    /// Whether the budget sums more than one tenant's spend (a global or a route budget). Its amounts are then other
    /// tenants' spend too, which a tenant's caller must not see.
    /// </summary>
    public bool SpansTenants => Scope is BudgetScope.Global or BudgetScope.Route;

    /// <summary>
    /// Says the budget is exhausted, for the caller it refuses: its amounts for a budget of the caller's own, only its name
    /// and what it covers for one that <see cref="SpansTenants"/>.
    /// </summary>
    public string ExhaustedText() => SpansTenants
        ? $"Budget '{BudgetName}' ({(Scope == BudgetScope.Global ? "all traffic" : $"route {Subject}, every tenant's spend")}) is exhausted"
        : $"Budget '{BudgetName}' ({Subject}) is exhausted: ${SpentUsd:0.######} spent and ${ReservedUsd:0.######} reserved of ${LimitUsd:0.######}";
}
