namespace Switchyard.Resilience;

/// <summary>The state of a <see cref="CircuitBreaker"/>.</summary>
public enum BreakerState
{
    /// <summary>Calls flow; outcomes are sampled.</summary>
    Closed,

    /// <summary>No call goes out until the break (or a provider's <c>retry-after</c>) has passed.</summary>
    Open,

    /// <summary>A limited number of probe calls go out; the first probe outcome closes or re-opens the breaker.</summary>
    HalfOpen,
}
