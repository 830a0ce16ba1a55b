namespace Switchyard.Resilience;

/// <summary>
/// Permission from <see cref="CircuitBreaker.TryAcquire"/> to make one call; report its outcome exactly once with
/// <see cref="CircuitBreaker.Report"/>. Outcomes of permits from before the breaker last changed state are not
/// counted (except a <c>retry-after</c>, which is always honoured).
/// </summary>
public readonly record struct BreakerPermit
{
    internal BreakerPermit(long epoch, bool isProbe)
    {
        Epoch = epoch;
        IsProbe = isProbe;
    }

    /// <summary>Whether this call is a half-open probe whose outcome decides the breaker's state.</summary>
    public bool IsProbe { get; }

    internal long Epoch { get; }
}
