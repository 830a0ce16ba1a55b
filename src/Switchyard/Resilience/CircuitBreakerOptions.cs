namespace Switchyard.Resilience;

/// <summary>
/// When a provider×model's circuit breaker opens and how it recovers. It opens on a failure ratio over a sampling window
/// (with a minimum throughput), on a run of connect failures, or for as long as the provider's <c>retry-after</c> says.
/// </summary>
public sealed record CircuitBreakerOptions
{
    /// <summary>Unhealthy outcomes ÷ counted calls at or above which the breaker opens. The default is 0.5.</summary>
    public double FailureRatio { get; init; } = 0.5;

    /// <summary>Counted calls the sampling window needs before the ratio can open the breaker. The default is 10.</summary>
    public int MinimumThroughput { get; init; } = 10;

    /// <summary>The window over which the ratio is computed (kept as ten slots). The default is 10 seconds.</summary>
    public TimeSpan SamplingDuration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// <c>ConnectFailed</c> outcomes in a row that open the breaker regardless of throughput (a dead endpoint fails fast
    /// and would otherwise take long to reach the minimum throughput); 0 turns this off. The default is 5.
    /// </summary>
    public int ConsecutiveConnectFailures { get; init; } = 5;

    /// <summary>How long the breaker stays open before probing. The default is 5 seconds.</summary>
    public TimeSpan BreakDuration { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The break doubles each time a half-open probe fails, up to this; closing resets it. Equal to
    /// <see cref="BreakDuration"/> turns growth off. The default is 1 minute.
    /// </summary>
    public TimeSpan MaxBreakDuration { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Probe calls allowed at once while half-open. The default is 1.</summary>
    public int HalfOpenProbes { get; init; } = 1;

    /// <summary>
    /// How long a half-open probe may go unreported before another is let through (a lost permit must not wedge the
    /// breaker half-open). The default is 30 seconds.
    /// </summary>
    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest any of these durations may be: a day. A breaker's deadlines are dates (now + the duration), and a
    /// duration near <see cref="TimeSpan.MaxValue"/> passed the old checks, then made every request fail with an
    /// un-representable date while the breaker never opened.
    /// </summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(1);

    /// <summary>Every problem with these options, all at once, each prefixed with its config path.</summary>
    public IReadOnlyList<string> Validate(string path = "Resilience:CircuitBreaker")
    {
        var errors = new List<string>();
        if (!(FailureRatio > 0 && FailureRatio <= 1))
        {
            errors.Add($"{path}:FailureRatio: must be greater than 0 and at most 1.");
        }

        if (MinimumThroughput < 1)
        {
            errors.Add($"{path}:MinimumThroughput: must be at least 1.");
        }

        if (SamplingDuration < TimeSpan.FromMilliseconds(100) || SamplingDuration > MaxDuration)
        {
            errors.Add($"{path}:SamplingDuration: must be at least 100 ms and at most a day (was {SamplingDuration}).");
        }

        if (ConsecutiveConnectFailures < 0)
        {
            errors.Add($"{path}:ConsecutiveConnectFailures: must be zero (off) or more.");
        }

        if (BreakDuration <= TimeSpan.Zero || BreakDuration > MaxDuration)
        {
            errors.Add($"{path}:BreakDuration: must be positive and at most a day (was {BreakDuration}).");
        }

        if (MaxBreakDuration < BreakDuration)
        {
            errors.Add($"{path}:MaxBreakDuration: must be at least BreakDuration ({BreakDuration}).");
        }
        else if (MaxBreakDuration > MaxDuration)
        {
            errors.Add($"{path}:MaxBreakDuration: must be at most a day (was {MaxBreakDuration}).");
        }

        if (HalfOpenProbes < 1)
        {
            errors.Add($"{path}:HalfOpenProbes: must be at least 1.");
        }

        if (ProbeTimeout <= TimeSpan.Zero || ProbeTimeout > MaxDuration)
        {
            errors.Add($"{path}:ProbeTimeout: must be positive and at most a day (was {ProbeTimeout}).");
        }

        return errors;
    }
}
