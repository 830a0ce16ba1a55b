using System.Diagnostics.Metrics;

namespace Switchyard.Resilience;

/// <summary>
/// Storm-control metrics (meter <c>Switchyard.Resilience</c>). Tags carry deployment and breaker keys, never API keys
/// or content. Static: instruments are process-wide by design in .NET metrics.
/// </summary>
public static class ResilienceMetrics
{
    /// <summary>The meter name, for OpenTelemetry / MeterListener subscriptions.</summary>
    public const string MeterName = "Switchyard.Resilience";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Transitions = Meter.CreateCounter<long>("switchyard.breaker.transitions", description: "Circuit breaker state changes by breaker and target state.");
    private static readonly Counter<long> RetriesRefused = Meter.CreateCounter<long>("switchyard.retry_budget.refused", description: "Retries refused because the deployment's retry budget was spent.");
    private static readonly Counter<long> RateLimited = Meter.CreateCounter<long>("switchyard.rate_limiter.refused", description: "Attempts refused because the deployment's buckets could not admit them within the deadline.");

    private static readonly Counter<long> RetriesWithdrawn = Meter.CreateCounter<long>("switchyard.retry_budget.withdrawn", "{retry}", "Retries and hedges admitted by the deployment's retry budget (each spends one retry).");
    private static readonly Histogram<double> BucketWait = Meter.CreateHistogram(
        "switchyard.rate_limiter.wait", "s", "Time an admitted attempt waited for the deployment's request and token buckets.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });

    private static readonly List<WeakReference<ResilienceRegistry>> Registries = [];

    // Current state of every breaker (0 closed, 1 half-open, 2 open), read on collection from the live registries.
    private static readonly ObservableGauge<int> BreakerState = Meter.CreateObservableGauge(
        "switchyard.breaker.state",
        ObserveBreakers,
        description: "Circuit breaker state: 0 closed, 1 half-open, 2 open.");

    /// <summary>Makes a registry's breakers visible to the state gauge (held weakly: a disposed gateway drops out).</summary>
    internal static void Track(ResilienceRegistry registry)
    {
        lock (Registries)
        {
            Registries.RemoveAll(r => !r.TryGetTarget(out _));
            Registries.Add(new WeakReference<ResilienceRegistry>(registry));
        }
    }

    private static IEnumerable<Measurement<int>> ObserveBreakers()
    {
        List<ResilienceRegistry> live;
        lock (Registries)
        {
            live = Registries.Select(r => r.TryGetTarget(out var registry) ? registry : null).OfType<ResilienceRegistry>().ToList();
        }

        foreach (var breaker in live.SelectMany(r => r.BreakerSnapshots()))
        {
            var value = breaker.State switch
            {
                Resilience.BreakerState.Closed => 0,
                Resilience.BreakerState.HalfOpen => 1,
                _ => 2,
            };
            yield return new Measurement<int>(value, new KeyValuePair<string, object?>("switchyard.breaker", breaker.Name));
        }
    }

    internal static void RecordTransition(BreakerTransition transition) =>
        Transitions.Add(1, new("switchyard.breaker", transition.Name), new("switchyard.breaker.from", transition.From.ToString()), new("switchyard.breaker.to", transition.To.ToString()));

    internal static void RecordRetryRefused(string deployment) =>
        RetriesRefused.Add(1, new KeyValuePair<string, object?>("switchyard.deployment", deployment));

    internal static void RecordRetryWithdrawn(string deployment) =>
        RetriesWithdrawn.Add(1, new KeyValuePair<string, object?>("switchyard.deployment", deployment));

    internal static void RecordBucketWait(string deployment, TimeSpan wait) =>
        BucketWait.Record(wait.TotalSeconds, new KeyValuePair<string, object?>("switchyard.deployment", deployment));

    internal static void RecordRateLimited(string deployment) =>
        RateLimited.Add(1, new KeyValuePair<string, object?>("switchyard.deployment", deployment));
}
