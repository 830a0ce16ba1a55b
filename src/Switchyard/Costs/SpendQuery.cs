namespace Switchyard.Costs;

/// <summary>A spend report: filters (null = any) and grouping.</summary>
public sealed record SpendQuery
{
    /// <summary>Inclusive start.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Exclusive end.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Only this tenant.</summary>
    public string? Tenant { get; init; }

    /// <summary>Only this key.</summary>
    public string? KeyName { get; init; }

    /// <summary>Only this route.</summary>
    public string? Route { get; init; }

    /// <summary>Only this provider.</summary>
    public string? Provider { get; init; }

    /// <summary>Only this upstream model.</summary>
    public string? Model { get; init; }

    /// <summary>Group keys. The default is <see cref="SpendGrouping.None"/>.</summary>
    public SpendGrouping GroupBy { get; init; }
}
