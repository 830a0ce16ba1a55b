using System.Collections.Concurrent;

namespace Switchyard.Routing;

/// <summary>
/// Exponentially weighted moving average of time to first token per target, for <see cref="RoutingStrategy.LowestLatency"/>.
/// Thread-safe; a lost update under a race only delays the average by one sample.
/// </summary>
public sealed class LatencyTracker
{
    // Weight of the newest sample: 0.2 follows a shift within ~10 requests without jumping on one outlier.
    private const double Alpha = 0.2;
    private readonly ConcurrentDictionary<string, double> _ewmaMs = new(StringComparer.Ordinal);

    /// <summary>Records one time to first token for <paramref name="targetKey"/>.</summary>
    public void Record(string targetKey, TimeSpan timeToFirstToken)
    {
        var sample = timeToFirstToken.TotalMilliseconds;
        _ewmaMs.AddOrUpdate(targetKey, sample, (_, previous) => previous + (Alpha * (sample - previous)));
    }

    /// <summary>The average in milliseconds, or null when the target has no sample yet.</summary>
    public double? AverageMs(string targetKey) => _ewmaMs.TryGetValue(targetKey, out var value) ? value : null;
}
