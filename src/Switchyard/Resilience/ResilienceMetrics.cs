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

    internal static void RecordRateLimited(string deployment) =>
        RateLimited.Add(1, new KeyValuePair<string, object?>("switchyard.deployment", deployment));
}
