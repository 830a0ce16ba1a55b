namespace Switchyard.Costs;

/// <summary>The time window a budget limits spend over.</summary>
public enum BudgetWindowKind
{
    /// <summary>The current calendar day, UTC.</summary>
    Day,

    /// <summary>The current calendar month, UTC.</summary>
    Month,

    /// <summary>The last <see cref="BudgetDefinition.RollingPeriod"/> up to now.</summary>
    Rolling,
}
