namespace Switchyard.Costs;

/// <summary>The keys a spend report groups by; combine flags. <see cref="None"/> gives one total row.</summary>
[Flags]
public enum SpendGrouping
{
    /// <summary>One row for everything that matches.</summary>
    None = 0,

    /// <summary>By tenant.</summary>
    Tenant = 1,

    /// <summary>By key name.</summary>
    Key = 2,

    /// <summary>By route.</summary>
    Route = 4,

    /// <summary>By upstream model.</summary>
    Model = 8,

    /// <summary>By UTC calendar day.</summary>
    Day = 16,

    /// <summary>By provider.</summary>
    Provider = 32,
}
