using System.Collections.Frozen;

namespace Switchyard.Routing;

/// <summary>
/// Resolves what a client sent as <c>model</c> into a <see cref="Route"/>: a configured route by name, or else a plain
/// provider model as a one-target route (followed by the default fallback targets, when configured). Immutable; a
/// configuration reload builds a new table.
/// </summary>
public sealed class RouteTable
{
    private readonly FrozenDictionary<string, Route> _routes;
    private readonly FrozenDictionary<string, TimeoutTier> _tiers;
    private readonly Func<string, string?> _providerOf;
    private readonly IReadOnlyList<RouteTarget> _defaultFallback;

    /// <summary>Creates a table.</summary>
    /// <param name="routes">Configured routes.</param>
    /// <param name="providerOf">The provider that serves a plain model name, or null (conventions plus explicit map).</param>
    /// <param name="tiers">Timeout tiers by name; the built-in ones are added when missing.</param>
    /// <param name="defaultTier">Tier for routes that name none. The default is <c>standard</c>.</param>
    /// <param name="defaultFallback">Targets appended after a plain model name's own target.</param>
    public RouteTable(
        IEnumerable<Route> routes,
        Func<string, string?> providerOf,
        IReadOnlyDictionary<string, TimeoutTier>? tiers = null,
        string defaultTier = "standard",
        IReadOnlyList<RouteTarget>? defaultFallback = null)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(providerOf);
        _routes = routes.ToFrozenDictionary(r => r.Name, StringComparer.Ordinal);
        var allTiers = new Dictionary<string, TimeoutTier>(TimeoutTier.BuiltIn, StringComparer.Ordinal);
        foreach (var (name, tier) in tiers ?? new Dictionary<string, TimeoutTier>())
        {
            allTiers[name] = tier;
        }

        _tiers = allTiers.ToFrozenDictionary(StringComparer.Ordinal);
        _providerOf = providerOf;
        DefaultTier = defaultTier;
        _defaultFallback = defaultFallback ?? [];
    }

    /// <summary>Name of the tier used when neither the route, the target nor the client names one.</summary>
    public string DefaultTier { get; }

    /// <summary>Configured routes.</summary>
    public IEnumerable<Route> Routes => _routes.Values;

    /// <summary>The route for <paramref name="model"/>, or null when neither a route nor a provider convention matches.</summary>
    public Route? Find(string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (_routes.TryGetValue(model, out var route))
        {
            return route;
        }

        if (!ModelName.IsPlausible(model) || _providerOf(model) is not { } provider)
        {
            return null;
        }

        var own = new RouteTarget(provider, model);
        return new Route(model, [own, .. _defaultFallback.Where(t => t != own)]) { IsImplicit = true };
    }

    /// <summary>The tier with <paramref name="name"/>, or null when no such tier exists.</summary>
    public TimeoutTier? FindTier(string? name) => _tiers.GetValueOrDefault(name ?? DefaultTier);
}
