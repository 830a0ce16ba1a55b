namespace Switchyard.Resilience;

/// <summary>A circuit breaker's state at one moment, for metrics and <c>/admin/breakers</c>.</summary>
/// <param name="Name">The breaker's key (deployment × model).</param>
/// <param name="State">Its state.</param>
/// <param name="OpenUntil">When an open breaker lets probes through; null unless open.</param>
/// <param name="Calls">Counted calls in the sampling window (closed state only).</param>
/// <param name="Failures">Unhealthy outcomes among them.</param>
/// <param name="ConsecutiveConnectFailures">Connect failures in a row.</param>
/// <param name="ProbesInFlight">Half-open probes not yet reported.</param>
/// <param name="TimesOpened">How often it opened since it was created.</param>
/// <param name="LastReason">Why it last changed state, if it ever did.</param>
public sealed record BreakerSnapshot(
    string Name,
    BreakerState State,
    DateTimeOffset? OpenUntil,
    long Calls,
    long Failures,
    int ConsecutiveConnectFailures,
    int ProbesInFlight,
    long TimesOpened,
    string? LastReason);
