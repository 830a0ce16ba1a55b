namespace Switchyard.Costs;

/// <summary>
/// A spend limit over a window. A hard budget refuses reservations that would exceed it; a soft one only reports
/// (and may name a cheaper route to downgrade to).
/// </summary>
/// <param name="Name">Unique name, reported in <see cref="BudgetState.BudgetName"/>.</param>
/// <param name="Scope">What spend is summed over.</param>
/// <param name="Subject">
/// The tenant id, key name or route name the budget applies to; null applies it to every subject of the scope
/// separately (every tenant gets its own limit). Ignored for <see cref="BudgetScope.Global"/>.
/// </param>
/// <param name="Window">The window kind.</param>
/// <param name="LimitUsd">The limit in USD; zero or more.</param>
/// <param name="Hard">True to refuse reservations beyond the limit.</param>
public sealed record BudgetDefinition(string Name, BudgetScope Scope, string? Subject, BudgetWindowKind Window, decimal LimitUsd, bool Hard)
{
    /// <summary>The window length for <see cref="BudgetWindowKind.Rolling"/>; required (and positive) there, ignored otherwise.</summary>
    public TimeSpan? RollingPeriod { get; init; }

    /// <summary>For soft budgets: the route to use once exceeded. Null means only warn.</summary>
    public string? DowngradeRoute { get; init; }

    /// <summary>The subject this budget counts for the given request coordinates, or null when it does not apply.</summary>
    /// <returns>The empty string for global budgets, else the tenant, key or route it sums over.</returns>
    public string? SubjectFor(string tenant, string keyName, string route)
    {
        var actual = Scope switch
        {
            BudgetScope.Global => string.Empty,
            BudgetScope.Tenant => tenant,
            BudgetScope.Key => keyName,
            BudgetScope.Route => route,
            _ => null,
        };
        return Scope == BudgetScope.Global || Subject is null || string.Equals(Subject, actual, StringComparison.Ordinal) ? actual : null;
    }

    /// <summary>The inclusive start of the window that contains <paramref name="now"/>.</summary>
    public DateTimeOffset WindowStart(DateTimeOffset now)
    {
        var utc = now.ToUniversalTime();
        return Window switch
        {
            BudgetWindowKind.Day => new DateTimeOffset(utc.Year, utc.Month, utc.Day, 0, 0, 0, TimeSpan.Zero),
            BudgetWindowKind.Month => new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero),
            _ => utc - (RollingPeriod ?? TimeSpan.Zero),
        };
    }

    /// <summary>Every problem with a budget list (empty or duplicate names, negative limits, missing rolling periods), all at once.</summary>
    public static IReadOnlyList<string> Validate(IReadOnlyList<BudgetDefinition> budgets)
    {
        ArgumentNullException.ThrowIfNull(budgets);
        var errors = new List<string>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < budgets.Count; i++)
        {
            var budget = budgets[i];
            if (budget is null)
            {
                errors.Add($"budgets[{i}]: is null.");
                continue;
            }

            if (string.IsNullOrWhiteSpace(budget.Name))
            {
                errors.Add($"budgets[{i}].Name: is required.");
            }
            else if (!names.Add(budget.Name))
            {
                errors.Add($"budgets[{i}].Name: '{budget.Name}' is used twice.");
            }

            if (budget.LimitUsd < 0)
            {
                errors.Add($"budgets[{i}].LimitUsd: must be zero or more.");
            }

            if (budget.Window == BudgetWindowKind.Rolling && budget.RollingPeriod is not { Ticks: > 0 })
            {
                errors.Add($"budgets[{i}].RollingPeriod: a positive period is required for a rolling window.");
            }

            if (!Enum.IsDefined(budget.Scope) || !Enum.IsDefined(budget.Window))
            {
                errors.Add($"budgets[{i}]: unknown scope or window.");
            }
        }

        return errors;
    }
}
