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

    internal static void RecordTransition(BreakerTransition transition) =>
        Transitions.Add(1, new("switchyard.breaker", transition.Name), new("switchyard.breaker.from", transition.From.ToString()), new("switchyard.breaker.to", transition.To.ToString()));

    internal static void RecordRetryRefused(string deployment) =>
        RetriesRefused.Add(1, new KeyValuePair<string, object?>("switchyard.deployment", deployment));

    internal static void RecordRateLimited(string deployment) =>
        RateLimited.Add(1, new KeyValuePair<string, object?>("switchyard.deployment", deployment));
}
