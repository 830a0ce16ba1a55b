namespace Switchyard.Resilience;

/// <summary>A change of a circuit breaker's state, raised by <see cref="CircuitBreaker.Transitioned"/>.</summary>
/// <param name="Name">The breaker's key.</param>
/// <param name="From">The state it left.</param>
/// <param name="To">The state it entered.</param>
/// <param name="Reason">Why, in words for logs.</param>
/// <param name="At">When.</param>
public sealed record BreakerTransition(string Name, BreakerState From, BreakerState To, string Reason, DateTimeOffset At);
