using System.Diagnostics;
using Switchyard.Costs;
using Switchyard.Failures;
using Switchyard.Providers;
using Switchyard.Resilience;
using Switchyard.Routing;

namespace Switchyard.Gateway;

public sealed partial class ChatForwarder
{
    /// <summary>
    /// Counts the prompt tokens of <paramref name="request"/> (read by a <see cref="ITokenCountCodec"/> front door) the way
    /// the route's targets would: each target in the planner's order is asked on its provider's count endpoint — the raw
    /// body with the target's model spliced in when the provider speaks the caller's format, else the canonical request
    /// written in the provider's count format. A target whose breaker is not closed is skipped without a call. A failed
    /// call (timeout, 5xx, 429, network, or a translated body the provider refused) falls back to the next target, with
    /// no retries: when none answers, the count is the gateway's own estimate (<see cref="TokenEstimator"/>, as cost
    /// admission uses), because a client asking for a count is better served by an estimate than by an error.
    /// A same-format body the provider refuses (400, 404, …) is the caller's mistake, returned as a failure.
    /// Counting is free: nothing is reserved, recorded in the ledger, or taken from rate-limit buckets and retry budgets,
    /// and its outcomes are not reported to breakers (count endpoints have limits of their own, so a count's 429 says
    /// nothing about chat capacity). Never throws for provider failures.
    /// </summary>
    public async Task<TokenCountOutcome> CountTokensAsync(GatewayRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.FrontDoor is not ITokenCountCodec)
        {
            throw new ArgumentException($"The {request.FrontDoor.Format} front door has no token-count format.", nameof(request));
        }

        var started = Stopwatch.GetTimestamp();
        var outcome = await CountAsync(request, cancellationToken);
        var route = outcome.ServedBy?.Route ?? _routes.Find(request.Request.Model)?.Name ?? GatewayMetrics.UnknownRoute;
        GatewayMetrics.RecordTokenCount(route, outcome, Stopwatch.GetElapsedTime(started));
        return outcome;
    }

    private async Task<TokenCountOutcome> CountAsync(GatewayRequest request, CancellationToken cancellationToken)
    {
        var route = _routes.Find(request.Request.Model);
        if (route is null)
        {
            return new TokenCountOutcome(null, null, ModelName.NotServed(request.Request.Model));
        }

        var tier = _routes.FindTier(request.TierOverride ?? route.Tier);
        if (tier is null)
        {
            return new TokenCountOutcome(null, null, new Failure(FailureKind.InvalidRequest, $"Unknown timeout tier '{request.TierOverride}'.") { Param = "x-switchyard-timeout-tier" });
        }

        var deadline = RequestDeadline.Start(request.DeadlineOverride is { } asked && asked < tier.Total ? asked : tier.Total, _time);
        var attempts = new List<AttemptSummary>();
        foreach (var target in _planner.Order(route))
        {
            if (deadline.Passed || cancellationToken.IsCancellationRequested)
            {
                break;
            }

            if (!_providers.TryGetValue(target.Provider, out var provider) || provider is not ITokenCountingProvider { CountCodec: { } codec } counting)
            {
                continue;
            }

            if (_resilience?.BreakerFor(DeploymentKey.For(target), target.Model) is { State: not BreakerState.Closed })
            {
                attempts.Add(new AttemptSummary(target, new Failure(FailureKind.CircuitOpen, $"The circuit for {target.Key} is not closed.") { Provider = target.Provider }, ReachedProvider: false, Usage: null, TimeSpan.Zero));
                continue;
            }

            var sameFormat = codec.Format == request.FrontDoor.Format;
            if (!sameFormat && codec.FindUntranslatable(request.Request) is not null)
            {
                // The chat call would refuse this target too; its count of a body with the part left out would be low.
                continue;
            }
            var step = Stopwatch.GetTimestamp();
            var (tokens, requestId, failure) = await CountOnceAsync(counting, codec, request, target, sameFormat, tier, deadline, cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(step);
            if (tokens is { } count)
            {
                attempts.Add(new AttemptSummary(target, null, ReachedProvider: true, Usage: null, elapsed) { ProviderRequestId = requestId, Won = true });
                var calls = attempts.Count(a => a.Failure?.Kind != FailureKind.CircuitOpen);
                var servedBy = new ServedBy(target.Provider, target.Model, requestId, calls) { Route = route.Name };
                return new TokenCountOutcome(count, servedBy, null) { Attempts = attempts };
            }

            attempts.Add(new AttemptSummary(target, failure, ReachedProvider: failure!.ProviderStatus is not null, Usage: null, elapsed) { ProviderRequestId = requestId });
            if (failure.Kind == FailureKind.Cancelled && cancellationToken.IsCancellationRequested)
            {
                return new TokenCountOutcome(null, null, failure) { Attempts = attempts };
            }

            if (sameFormat && !failure.Traits.FallBack)
            {
                // The caller's own body, refused by the provider: as the chat call would be, so the caller learns why.
                return new TokenCountOutcome(null, null, failure) { Attempts = attempts };
            }
        }

        // The route's first target decides the tokenizer (and the Claude factor), as for cost admission.
        var estimate = TokenEstimator.Instance.EstimateInputTokens(request.Request, route.Targets[0].Model);
        return new TokenCountOutcome(estimate, null, null) { Attempts = attempts };
    }

    /// <summary>One count call: the count, or the classified failure (a timeout is the tier's first-token timeout).</summary>
    private async Task<(int? Tokens, string? RequestId, Failure? Failure)> CountOnceAsync(ITokenCountingProvider provider, ITokenCountCodec codec, GatewayRequest request, RouteTarget target, bool sameFormat, TimeoutTier tier, RequestDeadline deadline, CancellationToken cancellationToken)
    {
        var body = sameFormat ? RequestBodyEditor.Edit(request.RawBody, target.Model, forceIncludeUsage: false) : codec.WriteCountRequest(request.Request, target.Model);
        var upstream = new UpstreamRequest(body, Stream: false)
        {
            ForwardedHeaders = sameFormat ? request.ForwardedHeaders : [],
            ConnectTimeout = deadline.Cap(tier.Connect),
        };

        // A count is one short answer: the tier's first-token limit bounds it, within the request's deadline.
        var limit = deadline.Cap(tier.Answer ?? tier.FirstToken);
        using var timer = new CancellationTokenSource(limit, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            using var response = await provider.CountTokensAsync(upstream, linked.Token);
            if (response.Failure is { } failure)
            {
                return (null, response.RequestId, TimedOut(failure, target, limit, deadline, cancellationToken));
            }

            var answer = await response.ReadBodyAsync(linked.Token);
            return codec.ReadCount(answer) is { } tokens
                ? (tokens, response.RequestId, null)
                : (null, response.RequestId, new Failure(FailureKind.ServerError, $"{target.Provider} answered the token count with something that is not one.") { Provider = target.Provider, ProviderStatus = 200 });
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException or IOException)
        {
            var failure = new Failure(ex is OperationCanceledException ? FailureKind.Cancelled : FailureKind.ConnectFailed, $"Could not read {target.Provider}'s token count: {ex.Message}") { Provider = target.Provider };
            return (null, null, TimedOut(failure, target, limit, deadline, cancellationToken));
        }
    }

    /// <summary>A cancellation that is not the caller's is the count's own timer: a first-token timeout, or the deadline.</summary>
    private static Failure TimedOut(Failure failure, RouteTarget target, TimeSpan limit, RequestDeadline deadline, CancellationToken cancellationToken)
    {
        if (failure.Kind != FailureKind.Cancelled || cancellationToken.IsCancellationRequested)
        {
            return failure;
        }

        return deadline.Passed
            ? new Failure(FailureKind.DeadlineExceeded, $"The request's deadline passed while waiting for {target.Provider}'s token count.") { Provider = target.Provider }
            : new Failure(FailureKind.FirstTokenTimeout, $"{target.Provider} did not count within {limit.TotalSeconds:0.###} s.") { Provider = target.Provider };
    }
}
