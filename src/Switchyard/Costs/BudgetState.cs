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
}
