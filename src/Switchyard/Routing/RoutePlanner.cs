namespace Switchyard.Routing;

/// <summary>
/// Orders a route's targets for one request by the route's strategy. Thread-safe. Randomness and costs are injected so
/// that tests can pin them.
/// </summary>
public sealed class RoutePlanner(LatencyTracker latency, Func<RouteTarget, decimal?> estimatedCost, Random? random = null)
{
    private readonly Random _random = random ?? Random.Shared;

    /// <summary>The targets in the order the attempt loop should try them.</summary>
    public IReadOnlyList<RouteTarget> Order(Route route)
    {
        ArgumentNullException.ThrowIfNull(route);
        return route.Strategy switch
        {
            RoutingStrategy.Weighted => Weighted(route.Targets),
            // Unmeasured targets first (they need a sample), then fastest; ties keep configured order (stable sort).
            RoutingStrategy.LowestLatency => route.Targets.OrderBy(t => latency.AverageMs(t.Key) ?? double.MinValue).ToList(),
            // Unknown prices last: a known cheap target beats a guess. The cost function prices a nominal request, so
            // the order reflects both input and output prices.
            RoutingStrategy.LowestCost => route.Targets.OrderBy(t => estimatedCost(t) ?? decimal.MaxValue).ToList(),
            _ => route.Targets,
        };
    }

    private List<RouteTarget> Weighted(IReadOnlyList<RouteTarget> targets)
    {
        var pool = targets.Where(t => t.Weight > 0).ToList();
        var ordered = new List<RouteTarget>(targets.Count);
        while (pool.Count > 0)
        {
            var draw = _random.NextDouble() * pool.Sum(t => t.Weight);
            var index = 0;
            for (var cumulative = pool[0].Weight; cumulative <= draw && index < pool.Count - 1; cumulative += pool[++index].Weight)
            {
            }

            ordered.Add(pool[index]);
            pool.RemoveAt(index);
        }

        // Zero-weight targets never lead, but still serve as failover.
        ordered.AddRange(targets.Where(t => t.Weight <= 0));
        return ordered;
    }
}
