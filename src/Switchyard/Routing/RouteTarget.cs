using Switchyard.Costs;

namespace Switchyard.Routing;

/// <summary>One place a route can send a request: a provider and its model name.</summary>
/// <param name="Provider">Provider name (<c>openai</c>, <c>anthropic</c>).</param>
/// <param name="Model">The provider's model name.</param>
public sealed record RouteTarget(string Provider, string Model)
{
    /// <summary>Relative weight for <see cref="RoutingStrategy.Weighted"/>. The default is 1.</summary>
    public int Weight { get; init; } = 1;

    /// <summary>The model's context window in tokens, if known; used for context-too-long fallbacks.</summary>
    public int? ContextWindow { get; init; }

    /// <summary>Price override for this target; null uses the price book.</summary>
    public ModelPrice? Price { get; init; }

    /// <summary>Timeout tier override for this target; null uses the route's.</summary>
    public string? Tier { get; init; }

    /// <summary>A stable key for metrics and latency tracking: <c>provider/model</c>.</summary>
    public string Key => $"{Provider}/{Model}";
}
