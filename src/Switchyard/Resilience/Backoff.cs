namespace Switchyard.Resilience;

/// <summary>
/// Decides how long to wait before retrying the same target: the provider's <c>retry-after</c> exactly when it sent one
/// (it knows its own state; waiting less fails again, waiting more wastes the caller's deadline), otherwise exponential
/// backoff with full jitter (<see cref="BackoffOptions"/>). Refuses the retry when the wait would use up the deadline.
/// Thread-safe: the injected <see cref="Random"/> is only touched under a lock.
/// </summary>
public sealed class Backoff
{
    private readonly BackoffOptions _options;
    private readonly Random _random;
    private readonly Lock _lock = new();

    /// <summary>Creates a backoff. <paramref name="random"/> defaults to a new unseeded generator; tests pass a seeded one.</summary>
    public Backoff(BackoffOptions options, Random? random = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _random = random ?? new Random();
    }

    /// <summary>The upper bound of the jittered wait before retry <paramref name="retryNumber"/>: <c>min(Cap, Base · 2^(n−1))</c>.</summary>
    /// <param name="retryNumber">1 for the first retry, 2 for the second, …</param>
    public TimeSpan Bound(int retryNumber)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retryNumber, 1);
        // Math.Pow saturates to infinity rather than overflowing, and the cap is applied before converting back.
        var ticks = Math.Min(_options.Cap.Ticks, _options.Base.Ticks * Math.Pow(2, retryNumber - 1));
        return TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>
    /// The wait before retry <paramref name="retryNumber"/>, or null when it should not be made because the wait is not
    /// shorter than <paramref name="remainingDeadline"/> (a retry that starts with no time left cannot succeed).
    /// </summary>
    /// <param name="retryNumber">1 for the first retry, 2 for the second, …</param>
    /// <param name="retryAfter">The provider's <c>retry-after</c>, if it sent one; honoured exactly (negative counts as zero).</param>
    /// <param name="remainingDeadline">Time left before the request's deadline.</param>
    public TimeSpan? NextDelay(int retryNumber, TimeSpan? retryAfter, TimeSpan remainingDeadline)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retryNumber, 1);
        TimeSpan wait;
        if (retryAfter is { } asked)
        {
            wait = asked > TimeSpan.Zero ? asked : TimeSpan.Zero;
        }
        else
        {
            var bound = Bound(retryNumber);
            double sample;
            lock (_lock)
            {
                sample = _random.NextDouble();
            }

            wait = TimeSpan.FromTicks((long)(bound.Ticks * sample));
        }

        return wait < remainingDeadline ? wait : null;
    }
}
