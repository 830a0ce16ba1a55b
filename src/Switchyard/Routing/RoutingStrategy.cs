namespace Switchyard.Routing;

/// <summary>How a route orders its targets for each request.</summary>
public enum RoutingStrategy
{
    /// <summary>In the configured order: the first target is the primary, the rest are failover order. The default.</summary>
    Priority,

    /// <summary>A weighted random first target (by <see cref="RouteTarget.Weight"/>), the rest by weighted draws without replacement.</summary>
    Weighted,

    /// <summary>Lowest observed time to first token first (an EWMA per target; unmeasured targets are tried first).</summary>
    LowestLatency,

    /// <summary>Cheapest estimated cost for this request first (price book × token estimate).</summary>
    LowestCost,
}
