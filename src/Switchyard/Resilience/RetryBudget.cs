namespace Switchyard.Resilience;

/// <summary>
/// The retry budget of one provider deployment, shared by every request to it (<see cref="RetryBudgetOptions"/>).
/// Within the TTL window, retries allowed = <c>⌊Ratio × first attempts + MinRetriesPerSecond × Ttl⌋ − retries made</c>.
/// Deposits and withdrawals both age out, one-second slot by one-second slot, so the floor comes back at
/// <c>MinRetriesPerSecond</c> per second. Thread-safe (one short lock per call); time comes from the injected
/// <see cref="TimeProvider"/>.
/// </summary>
/// <remarks>
/// Hand-written: neither Polly nor System.Threading.RateLimiting has a budget that ties retries to recent traffic.
/// </remarks>
public sealed class RetryBudget
{
    private readonly RetryBudgetOptions _options;
    private readonly TimeProvider _time;
    private readonly long _origin;
    private readonly long _floor;
    private readonly SlidingCounters _window;
    private readonly Lock _lock = new();

    /// <summary>Creates a budget named <paramref name="name"/> (its deployment key) that starts with only the floor available.</summary>
    public RetryBudget(string name, RetryBudgetOptions options, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(options);
        Name = name;
        _options = options;
        _time = time ?? TimeProvider.System;
        _origin = _time.GetTimestamp();
        var seconds = (int)Math.Max(1, Math.Round(options.Ttl.TotalSeconds));
        _floor = (long)options.MinRetriesPerSecond * seconds;
        _window = new SlidingCounters(TimeSpan.FromSeconds(seconds), seconds);
    }

    /// <summary>The deployment key this budget belongs to.</summary>
    public string Name { get; }

    /// <summary>Records a first attempt (not a retry, not a hedge): deposits <see cref="RetryBudgetOptions.Ratio"/> of a retry.</summary>
    public void RecordRequest()
    {
        var now = Now;
        lock (_lock)
        {
            _window.Add(now, 1, 0);
        }
    }

    /// <summary>Withdraws one retry if the budget allows it; false means the retry must not be made.</summary>
    public bool TryWithdrawRetry()
    {
        var now = Now;
        bool withdrawn;
        lock (_lock)
        {
            withdrawn = Available(_window.Sum(now)) >= 1;
            if (withdrawn)
            {
                _window.Add(now, 0, 1);
            }
        }

        // Metrics outside the lock: a listener's callback must never extend the critical section.
        if (withdrawn)
        {
            ResilienceMetrics.RecordRetryWithdrawn(Name);
        }
        else
        {
            ResilienceMetrics.RecordRetryRefused(Name);
        }

        return withdrawn;
    }

    /// <summary>The budget's state now.</summary>
    public RetryBudgetSnapshot Snapshot()
    {
        var now = Now;
        lock (_lock)
        {
            var sums = _window.Sum(now);
            return new RetryBudgetSnapshot(sums.First, sums.Second, Math.Max(0, Available(sums)));
        }
    }

    private TimeSpan Now => _time.GetElapsedTime(_origin);

    // The epsilon keeps 0.29 × 100 from flooring to 28.
    private long Available((long Requests, long Retries) sums) =>
        (long)Math.Floor((_options.Ratio * sums.Requests) + 1e-9) + _floor - sums.Retries;
}
