using System.Diagnostics.Metrics;

namespace Switchyard.Gateway;

/// <summary>
/// The routing layer's metrics (meter <c>Switchyard.Gateway</c>), with the GenAI semantic-convention names where one
/// exists. Tags never carry prompt content or keys. Static: instruments are process-wide by design in .NET metrics.
/// </summary>
public static class GatewayMetrics
{
    /// <summary>The meter name, for OpenTelemetry / MeterListener subscriptions.</summary>
    public const string MeterName = "Switchyard.Gateway";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Requests = Meter.CreateCounter<long>("switchyard.requests", description: "Requests by route and outcome.");
    private static readonly Counter<long> Attempts = Meter.CreateCounter<long>("switchyard.attempts", description: "Upstream attempts by target and outcome.");
    private static readonly Counter<long> Fallbacks = Meter.CreateCounter<long>("switchyard.fallbacks", description: "Requests served by a target other than the route's first choice.");
    private static readonly Counter<long> Hedges = Meter.CreateCounter<long>("switchyard.hedges", description: "Hedged attempts started.");
    private static readonly Counter<long> Continuations = Meter.CreateCounter<long>("switchyard.stream.continuations", description: "Continuation attempts that repaired (or failed to repair) a broken stream.");
    private static readonly Counter<long> Resumes = Meter.CreateCounter<long>("switchyard.stream.resumes", description: "Streams resumed from the delta log, by front door.");
    private static readonly Counter<long> UpstreamResumes = Meter.CreateCounter<long>("switchyard.stream.upstream_resumes", description: "Upstream streams resumed by sequence number after a break.");
    private static readonly Counter<double> Cost = Meter.CreateCounter<double>("switchyard.cost", unit: "USD", description: "Spend by provider and model.");
    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("gen_ai.client.operation.duration", unit: "s", description: "GenAI operation duration.");
    private static readonly Histogram<long> TokenUsage = Meter.CreateHistogram<long>("gen_ai.client.token.usage", unit: "{token}", description: "Tokens used.");

    /// <summary>Records a continuation attempt that reached the caller after an upstream break.</summary>
    public static void RecordContinuation(string route, string provider, bool completed) =>
        Continuations.Add(1, new("switchyard.route", route), new("gen_ai.provider.name", provider), new("switchyard.outcome", completed ? "ok" : "failed"));

    /// <summary>Records an upstream stream resumed from its last sequence number after its connection broke.</summary>
    public static void RecordUpstreamResume(string provider) => UpstreamResumes.Add(1, new KeyValuePair<string, object?>("gen_ai.provider.name", provider));

    /// <summary>Records a client that resumed a stream from the delta log.</summary>
    public static void RecordResume(string frontDoor) => Resumes.Add(1, new KeyValuePair<string, object?>("switchyard.front_door", frontDoor));

    /// <summary>Records one finished request.</summary>
    public static void Record(string route, ForwardOutcome outcome, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var result = outcome.Failure?.Kind.ToString() ?? "ok";
        Requests.Add(1, new("switchyard.route", route), new("switchyard.outcome", result));
        foreach (var attempt in outcome.Attempts)
        {
            Attempts.Add(
                1,
                new("gen_ai.provider.name", attempt.Target.Provider),
                new("gen_ai.request.model", attempt.Target.Model),
                new("switchyard.outcome", attempt.Failure?.Kind.ToString() ?? (attempt.Won ? "ok" : "cancelled")));
            if (attempt.Hedge)
            {
                Hedges.Add(1, new("gen_ai.provider.name", attempt.Target.Provider), new("gen_ai.request.model", attempt.Target.Model));
            }
        }

        if (outcome.ServedBy is { } served)
        {
            var provider = new KeyValuePair<string, object?>("gen_ai.provider.name", served.Provider);
            var model = new KeyValuePair<string, object?>("gen_ai.request.model", served.Model);
            Duration.Record(elapsed.TotalSeconds, provider, model, new("gen_ai.operation.name", "chat"));
            if (outcome.Attempts.Count > 0 && !outcome.Attempts[0].Won)
            {
                Fallbacks.Add(1, new KeyValuePair<string, object?>("switchyard.route", route));
            }

            if (outcome.Usage is { } usage)
            {
                TokenUsage.Record(usage.InputTokens, provider, model, new("gen_ai.token.type", "input"));
                TokenUsage.Record(usage.OutputTokens, provider, model, new("gen_ai.token.type", "output"));
            }

            if (outcome.CostUsd > 0)
            {
                Cost.Add((double)outcome.CostUsd, provider, model);
            }
        }
    }
}
