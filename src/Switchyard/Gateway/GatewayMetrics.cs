using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Switchyard.Gateway;

/// <summary>
/// The routing layer's metrics (meter <c>Switchyard.Gateway</c>), with the GenAI semantic-convention names where one
/// exists. Tags never carry prompt content, keys or client-chosen free text: routes and models are bounded by the
/// configuration. Static: instruments are process-wide by design in .NET metrics. Recording takes no lock.
/// </summary>
public static class GatewayMetrics
{
    /// <summary>The meter name, for OpenTelemetry / MeterListener subscriptions.</summary>
    public const string MeterName = "Switchyard.Gateway";

    /// <summary>The route tag of a request whose model no route or provider serves (the model name is the client's free text).</summary>
    public const string UnknownRoute = "_unknown";

    internal static readonly Meter Meter = new(MeterName);

    // GenAI semantic-convention bucket advice: durations from 10 ms to ~82 s, token counts by powers of four.
    private static readonly double[] DurationBuckets = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92];
    private static readonly long[] TokenBuckets = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864];

    private static readonly Counter<long> Requests = Meter.CreateCounter<long>("switchyard.requests", "{request}", "Requests by route and outcome.");
    private static readonly Counter<long> Attempts = Meter.CreateCounter<long>("switchyard.attempts", "{attempt}", "Upstream attempts by route, target and outcome.");
    private static readonly Counter<long> Retries = Meter.CreateCounter<long>("switchyard.retries", "{attempt}", "Attempts started as a retry of the same target after a failure.");
    private static readonly Counter<long> Fallbacks = Meter.CreateCounter<long>("switchyard.fallbacks", "{request}", "Requests served by another target after an earlier target failed.");
    private static readonly Counter<long> Hedges = Meter.CreateCounter<long>("switchyard.hedges", "{attempt}", "Hedged attempts started.");
    private static readonly Counter<long> Continuations = Meter.CreateCounter<long>("switchyard.stream.continuations", "{attempt}", "Continuation attempts that repaired (or failed to repair) a broken stream.");
    private static readonly Counter<long> Resumes = Meter.CreateCounter<long>("switchyard.stream.resumes", "{resume}", "Streams resumed from the delta log, by front door.");
    private static readonly Counter<long> UpstreamResumes = Meter.CreateCounter<long>("switchyard.stream.upstream_resumes", "{resume}", "Upstream streams resumed by sequence number after a break.");
    private static readonly Counter<long> TokenCounts = Meter.CreateCounter<long>("switchyard.token_counts", "{request}", "Token-count requests by route and where the count came from (provider, estimate) or why there was none.");
    private static readonly Counter<long> PromptCacheTokens = Meter.CreateCounter<long>(
        "switchyard.prompt_cache.tokens", "{token}", "Prompt tokens the provider read from its prompt cache or wrote to it, by operation (read, write).");
    private static readonly Histogram<double> Duration = Meter.CreateHistogram(
        "gen_ai.client.operation.duration", "s", "GenAI operation duration.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
    private static readonly Histogram<long> TokenUsage = Meter.CreateHistogram(
        "gen_ai.client.token.usage", "{token}", "Tokens used, by token type.", advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = TokenBuckets });

    /// <summary>Records a continuation attempt that reached the caller after an upstream break.</summary>
    public static void RecordContinuation(string route, string provider, bool completed) =>
        Continuations.Add(1, new("switchyard.route", route), new("gen_ai.provider.name", provider), new("switchyard.outcome", completed ? "ok" : "failed"));

    /// <summary>Records an upstream stream resumed from its last sequence number after its connection broke.</summary>
    public static void RecordUpstreamResume(string provider) => UpstreamResumes.Add(1, new KeyValuePair<string, object?>("gen_ai.provider.name", provider));

    /// <summary>Records a client that resumed a stream from the delta log.</summary>
    public static void RecordResume(string frontDoor) => Resumes.Add(1, new KeyValuePair<string, object?>("switchyard.front_door", frontDoor));

    /// <summary>Records a retry of the same target (started after a failure and its backoff).</summary>
    internal static void RecordRetry(string route, string provider, string model) =>
        Retries.Add(1, new("switchyard.route", route), new("gen_ai.provider.name", provider), new("gen_ai.request.model", model));

    /// <summary>
    /// Records one token-count request: <c>switchyard.token_counts</c> by route and source (<c>provider</c>, <c>estimate</c>,
    /// or the failure kind), and its duration as a GenAI operation named <c>count_tokens</c>, so that chat dashboards,
    /// which filter on <c>chat</c>, and the request and attempt counters are unchanged by counting.
    /// </summary>
    public static void RecordTokenCount(string route, TokenCountOutcome outcome, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var source = outcome.Failure?.Kind.ToString() ?? (outcome.Estimated ? "estimate" : "provider");
        TokenCounts.Add(1, new("switchyard.route", route), new("switchyard.token_count.source", source));
        var operation = new TagList
        {
            { "gen_ai.operation.name", "count_tokens" },
            { "switchyard.route", route },
        };
        var target = outcome.ServedBy is { } served ? (served.Provider, served.Model)
            : outcome.Attempts.Count > 0 ? (outcome.Attempts[^1].Target.Provider, outcome.Attempts[^1].Target.Model)
            : default;
        if (target.Provider is not null)
        {
            operation.Add("gen_ai.provider.name", target.Provider);
            operation.Add("gen_ai.request.model", target.Model);
        }

        if (outcome.Failure is { } failure)
        {
            operation.Add("error.type", failure.Kind.ToString());
        }

        Duration.Record(elapsed.TotalSeconds, operation);
    }

    /// <summary>
    /// Records one finished request: its outcome, every attempt, its duration and the answer's token usage, as GenAI
    /// operation <paramref name="operationName"/> (<c>chat</c>, or <c>embeddings</c>, which has input tokens only).
    /// </summary>
    public static void Record(string route, ForwardOutcome outcome, TimeSpan elapsed, string operationName)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var result = outcome.Failure?.Kind.ToString() ?? "ok";
        Requests.Add(1, new("switchyard.route", route), new("switchyard.outcome", result));
        AttemptSummary? winner = null;
        foreach (var attempt in outcome.Attempts)
        {
            winner = attempt.Won ? attempt : winner;
            var tags = new TagList
            {
                { "switchyard.route", route },
                { "gen_ai.provider.name", attempt.Target.Provider },
                { "gen_ai.request.model", attempt.Target.Model },
                { "switchyard.outcome", attempt.Failure?.Kind.ToString() ?? (attempt.Won || attempt.Continuation ? "ok" : "cancelled") },
            };
            Attempts.Add(1, tags);
            if (attempt.Hedge)
            {
                Hedges.Add(1, new("switchyard.route", route), new("gen_ai.provider.name", attempt.Target.Provider), new("gen_ai.request.model", attempt.Target.Model));
            }
        }

        // The operation is attributed to the target that answered, else to the last one that was tried.
        var last = winner ?? (outcome.Attempts.Count > 0 ? outcome.Attempts[^1] : null);
        if (last is null)
        {
            return;
        }

        var operation = new TagList
        {
            { "gen_ai.operation.name", operationName },
            { "gen_ai.provider.name", last.Target.Provider },
            { "gen_ai.request.model", last.Target.Model },
            { "switchyard.route", route },
        };
        if (outcome.ServedBy is { } served)
        {
            operation.Add("gen_ai.response.model", served.Model);
        }

        if (outcome.Failure is { } failure)
        {
            operation.Add("error.type", failure.Kind.ToString());
        }

        Duration.Record(elapsed.TotalSeconds, operation);
        if (winner is null)
        {
            return;
        }

        if (outcome.Attempts.Any(a => a.Failure is not null && a.Target != winner.Target))
        {
            Fallbacks.Add(1, new("switchyard.route", route), new("gen_ai.provider.name", winner.Target.Provider), new("gen_ai.request.model", winner.Target.Model));
        }

        if (outcome.Usage is { } usage)
        {
            var input = operation;
            input.Add("gen_ai.token.type", "input");
            TokenUsage.Record(usage.InputTokens, input);
            if (operationName == "embeddings")
            {
                return;
            }

            var output = operation;
            output.Add("gen_ai.token.type", "output");
            TokenUsage.Record(usage.OutputTokens, output);
            RecordPromptCache(operation, "read", usage.CachedInputTokens);
            RecordPromptCache(operation, "write", usage.CacheWriteTokens);
        }
    }

    // A counter beside gen_ai.client.token.usage, whose token types are only input and output: operators watch what
    // the cache saves (reads at a tenth of the price) and costs (writes at up to twice) per route and model.
    private static void RecordPromptCache(TagList operation, string kind, int tokens)
    {
        if (tokens > 0)
        {
            operation.Add("switchyard.prompt_cache.operation", kind);
            PromptCacheTokens.Add(tokens, operation);
        }
    }
}
