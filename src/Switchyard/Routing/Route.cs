namespace Switchyard.Routing;

/// <summary>
/// A name clients use as <c>model</c>, with the ordered targets that can serve it and how to use them. Immutable.
/// </summary>
/// <param name="Name">The route name (what clients send as <c>model</c>).</param>
/// <param name="Targets">Targets in configured order; at least one.</param>
public sealed record Route(string Name, IReadOnlyList<RouteTarget> Targets)
{
    /// <summary>How targets are ordered per request. The default is <see cref="RoutingStrategy.Priority"/>.</summary>
    public RoutingStrategy Strategy { get; init; } = RoutingStrategy.Priority;

    /// <summary>Timeout tier name; null uses the table's default tier.</summary>
    public string? Tier { get; init; }

    /// <summary>What each failure kind does. The default is <see cref="FallbackPolicy.Default"/>.</summary>
    public FallbackPolicy Fallback { get; init; } = FallbackPolicy.Default;

    /// <summary>Cap on upstream attempts per request, retries and fallbacks (and hedges) included. The default is 4.</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>How many times one target is retried after a <see cref="FailureAction.Retry"/> failure. The default is 1.</summary>
    public int MaxRetriesPerTarget { get; init; } = 1;

    /// <summary>When set, a second target is started if the first has produced no first token after this delay.</summary>
    public TimeSpan? HedgeAfter { get; init; }

    /// <summary>
    /// Whether a plain-text stream that breaks after it reached the caller is continued (on the same target or the next
    /// fallback) instead of ended with an error event. The default is true.
    /// </summary>
    public bool AllowContinuation { get; init; } = true;

    /// <summary>
    /// Whether a request from a client that cannot mark its prompt for caching (OpenAI formats, the library) gets the
    /// gateway's breakpoint (<see cref="Costs.AutomaticCacheMark"/>) on its way to a Claude target. The default is true.
    /// </summary>
    public bool AutoPromptCache { get; init; } = true;

    /// <summary>Whether this route was made up for a plain provider model name (not configured).</summary>
    public bool IsImplicit { get; init; }
}
