namespace Switchyard.Costs;

/// <summary>What a budget's spend is summed over.</summary>
public enum BudgetScope
{
    /// <summary>All traffic.</summary>
    Global,

    /// <summary>One tenant (or each tenant separately when the subject is null).</summary>
    Tenant,

    /// <summary>One virtual key by name (or each key separately).</summary>
    Key,

    /// <summary>One route by name (or each route separately).</summary>
    Route,
}
