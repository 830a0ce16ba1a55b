using Switchyard.Costs;
using Switchyard.Failures;
using Switchyard.Gateway.Attempts;
using Switchyard.Gateway.Streams;
using Switchyard.Providers;
using Switchyard.Resilience;
using Switchyard.Routing;

namespace Switchyard.Gateway;

/// <summary>
/// The engine entry point for one validated request: resolves its route, runs the attempt loop (retry, fall back or fail
/// fast by failure kind; optional hedging; one deadline shared by every attempt), commits the first good answer to the
/// caller, and reports every attempt when none succeeds. Thread-safe; one instance serves all requests.
/// </summary>
public sealed partial class ChatForwarder
{
    private readonly RouteTable _routes;
    private readonly Dictionary<string, IChatProvider> _providers;
    private readonly RoutePlanner _planner;
    private readonly LatencyTracker _latency;
    private readonly TimeProvider _time;
    private readonly CostGate? _costs;
    private readonly ResilienceRegistry? _resilience;
    private readonly StreamRecovery _recovery;

    /// <summary>
    /// Creates a forwarder. Without <paramref name="costs"/> nothing is priced, reserved or recorded; without
    /// <paramref name="resilience"/> there are no circuit breakers, client-side rate limits or retry budgets.
    /// </summary>
    public ChatForwarder(RouteTable routes, IEnumerable<IChatProvider> providers, LatencyTracker latency, RoutePlanner planner, TimeProvider? time = null, CostGate? costs = null, ResilienceRegistry? resilience = null, StreamRecovery? recovery = null)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(providers);
        _routes = routes;
        _providers = providers.ToDictionary(p => p.Name, StringComparer.Ordinal);
        _latency = latency;
        _planner = planner;
        _time = time ?? TimeProvider.System;
        _costs = costs;
        _resilience = resilience;
        _recovery = recovery ?? StreamRecovery.Default;
    }

    /// <summary>How streams are logged and repaired.</summary>
    public StreamRecovery Recovery => _recovery;

    /// <summary>The route table in use.</summary>
    public RouteTable Routes => _routes;

    /// <summary>
    /// Serves <paramref name="request"/> and writes the outcome to <paramref name="sink"/>. Never throws for provider
    /// failures. An embeddings request (<see cref="GatewayRequest.Embeddings"/>) goes through the same admission, attempt
    /// loop and settlement, on the route's targets that have an embeddings API (<see cref="TryEmbeddingRoute"/>).
    /// </summary>
    public async Task<ForwardOutcome> ForwardAsync(GatewayRequest request, IChatResponseSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(sink);
        var started = _time.GetTimestamp();
        var activity = GatewayTelemetry.StartRequest(request);
        ForwardOutcome? outcome = null;
        try
        {
            outcome = await ServeAsync(request, sink, cancellationToken);
        }
        finally
        {
            // The model name is the client's free text: only a name the configuration knows becomes a metric tag.
            var route = outcome?.ServedBy?.Route ?? _routes.Find(request.Request.Model)?.Name ?? GatewayMetrics.UnknownRoute;
            if (outcome is not null)
            {
                GatewayMetrics.Record(route, outcome, _time.GetElapsedTime(started), request.OperationName);
                GatewayTelemetry.EndRequest(activity, route, outcome);
            }

            activity?.Dispose();
        }

        return outcome;
    }

    private async Task<ForwardOutcome> ServeAsync(GatewayRequest request, IChatResponseSink sink, CancellationToken cancellationToken)
    {
        var route = _routes.Find(request.Request.Model);
        if (route is null)
        {
            return await RefuseAsync(sink, ModelName.NotServed(request.Request.Model), cancellationToken);
        }

        if (request.Embeddings is not null)
        {
            if (!TryEmbeddingRoute(route, out var embeddingRoute, out var cannotEmbed))
            {
                return await RefuseAsync(sink, cannotEmbed, cancellationToken);
            }

            route = embeddingRoute;
        }

        var tier = _routes.FindTier(request.TierOverride ?? route.Tier);
        if (tier is null)
        {
            return await RefuseAsync(sink, new Failure(FailureKind.InvalidRequest, $"Unknown timeout tier '{request.TierOverride}'.") { Param = "x-switchyard-timeout-tier" }, cancellationToken);
        }

        if (route.AutoPromptCache && request.Embeddings is null && request.FrontDoor.Format != WireFormat.AnthropicMessages
            && ReachesClaude(route) && AutomaticCacheMark.Apply(request.Request) is { } marked)
        {
            request = request with { Request = marked };
        }

        var deadline = RequestDeadline.Start(request.DeadlineOverride is { } asked && asked < tier.Total ? asked : tier.Total, _time);
        if (_costs is null)
        {
            return await RunAsync(new AttemptLoop(this, request, route, tier, deadline, null, cancellationToken), sink, cancellationToken);
        }

        var admission = await _costs.AdmitAsync(request, route, cancellationToken);
        // Embeddings are never downgraded: another route's model would answer vectors of another space.
        if (admission.DowngradeRoute is { } cheaper && request.Embeddings is null && _routes.Find(cheaper) is { } downgrade && admission.Refusal is null)
        {
            // A soft budget is spent: serve from the configured cheaper route instead (reserving for it).
            await _costs.ReleaseAsync(admission, cancellationToken);
            var warning = admission.SoftExceeded[0].BudgetName;
            route = downgrade;
            admission = await _costs.AdmitAsync(request, route, cancellationToken) with { SoftExceeded = admission.SoftExceeded };
            request = request with { BudgetWarning = $"{warning}: downgraded to route '{route.Name}'" };
        }

        if (admission.Refusal is { } refusal)
        {
            return await RefuseAsync(sink, refusal, cancellationToken);
        }

        if (admission.ClampedMaxOutputTokens is { } clamp)
        {
            request = request with { MaxOutputTokensOverride = clamp };
        }

        var outcome = await RunAsync(new AttemptLoop(this, request, route, tier, deadline, admission, cancellationToken), sink, cancellationToken);
        // Settling must happen even when the caller left: the provider bills regardless.
        var cost = await _costs.SettleAsync(admission, request, route.Name, outcome.Attempts, CancellationToken.None);
        return outcome with { CostUsd = cost };
    }

    private bool ReachesClaude(Route route)
    {
        foreach (var target in route.Targets)
        {
            if (_providers.TryGetValue(target.Provider, out var provider) && provider.Codec.Format == WireFormat.AnthropicMessages)
            {
                return true;
            }
        }

        return false;
    }

    // A caller that leaves mid-write surfaces as a cancellation from the sink; what was attempted still counts.
    private static async Task<ForwardOutcome> RunAsync(AttemptLoop loop, IChatResponseSink sink, CancellationToken cancellationToken)
    {
        try
        {
            return await loop.RunAsync(sink);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new ForwardOutcome(null, new Failure(FailureKind.Cancelled, "The caller went away."), null) { Attempts = loop.Finished };
        }
    }

    private static async Task<ForwardOutcome> RefuseAsync(IChatResponseSink sink, Failure failure, CancellationToken cancellationToken)
    {
        await sink.SendFailureAsync(failure, null, cancellationToken);
        return new ForwardOutcome(null, failure, null) { Attempts = [] };
    }

    private UpstreamAttempt CreateAttempt(IChatProvider provider, GatewayRequest request, RouteTarget target, TimeoutTier routeTier, RequestDeadline deadline, bool hedge, BreakerPermit permit, int estimatedTokens, ClientStream? stream, ContinuationContext? continuation, CancellationToken cancellationToken)
    {
        var tier = target.Tier is { } name && _routes.FindTier(name) is { } own ? own : routeTier;
        var context = new AttemptContext(request, provider, target, tier, deadline, _time, hedge)
        {
            Limiter = _resilience?.RateLimiterFor(DeploymentKey.For(target)),
            EstimatedTokens = estimatedTokens,
            Continuation = continuation,
            ResumeUpstream = _recovery.ResumeUpstream && stream is not null && provider is IResumableProvider { CanResume: true },
        };
        return stream is not null ? new StreamingAttempt(context, stream, cancellationToken) { Permit = permit }
            : request.Embeddings is not null ? new EmbeddingAttempt(context, cancellationToken) { Permit = permit }
            : new BufferedAttempt(context, cancellationToken) { Permit = permit };
    }
}
