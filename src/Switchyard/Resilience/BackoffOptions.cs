namespace Switchyard.Resilience;

/// <summary>
/// Exponential backoff with full jitter (AWS, "Exponential Backoff and Jitter"): the n-th retry waits a uniformly random
/// time in <c>[0, min(Cap, Base · 2^(n−1)))</c>. Full jitter spreads a storm of retries over the whole interval instead
/// of synchronising them at its end.
/// </summary>
public sealed record BackoffOptions
{
    /// <summary>The bound of the first retry's wait. The default is 100 milliseconds.</summary>
    public TimeSpan Base { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The largest bound any retry's wait can have. The default is 5 seconds.</summary>
    public TimeSpan Cap { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Every problem with these options, all at once, each prefixed with its config path.</summary>
    public IReadOnlyList<string> Validate(string path = "Resilience:Backoff")
    {
        var errors = new List<string>();
        // A day at most, as the breaker's durations: a wait is a timer, and timers refuse ~49 days and more.
        if (Base <= TimeSpan.Zero || Base > CircuitBreakerOptions.MaxDuration)
        {
            errors.Add($"{path}:Base: must be positive and at most a day (was {Base}).");
        }

        if (Cap < Base)
        {
            errors.Add($"{path}:Cap: must be at least Base ({Base}).");
        }
        else if (Cap > CircuitBreakerOptions.MaxDuration)
        {
            errors.Add($"{path}:Cap: must be at most a day (was {Cap}).");
        }

        return errors;
    }
}
