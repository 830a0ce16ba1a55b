using Switchyard.Failures;
using Switchyard.Resilience;
using Switchyard.Routing;

namespace Switchyard.Gateway;

public sealed partial class ChatForwarder
{
    private sealed partial class AttemptLoop
    {
        // Longest provider retry-after that a one-target route waits out before its last-resort retry.
        private static readonly TimeSpan LastResortRetryAfter = TimeSpan.FromSeconds(2);

        private bool CanStartMore() => _started < route.MaxAttempts && !deadline.Passed && _candidates.Count > 0;

        /// <summary>Starts the next eligible candidate; false when none is left, the attempt cap is reached or time is up.</summary>
        private bool TryStart(bool hedge)
        {
            while (CanStartMore())
            {
                var target = _candidates[0];
                _candidates.RemoveAt(0);
                var retry = _retryQueued.Remove(target);
                if (_needsLargerThan is { } floor && (target.ContextWindow is not { } window || window <= floor))
                {
                    continue;
                }

                if (!owner._providers.TryGetValue(target.Provider, out var provider))
                {
                    // A target whose provider has no key configured cannot serve; the route goes on without it.
                    continue;
                }

                if (Untranslatable(provider) is { } refusal)
                {
                    // Its format cannot carry a part of the request: skipped without a call, as nothing was lost yet.
                    _untranslatable ??= refusal;
                    _finished.Add(new AttemptSummary(target, refusal, ReachedProvider: false, Usage: null, TimeSpan.Zero));
                    continue;
                }

                var permit = default(BreakerPermit);
                var gate = owner._resilience is { } resilience ? Admit(resilience, target, retry || hedge, out permit) : Admission.Admitted;
                if (gate == Admission.RetryBudgetSpent && hedge)
                {
                    // No budget for a hedge: keep the target as the fallback it also is, and hedge no more.
                    _candidates.Insert(0, target);
                    _hedgeRefused = true;
                    return false;
                }

                if (gate != Admission.Admitted)
                {
                    continue;
                }

                var attempt = owner.CreateAttempt(provider, request, target, tier, deadline, hedge, permit, EstimatedTokens, _stream, null, cancellationToken);
                if (retry)
                {
                    GatewayMetrics.RecordRetry(route.Name, target.Provider, target.Model);
                }

                _started++;
                _toDispose.Add(attempt);
                _running.Add((attempt, attempt.PrepareAsync()));
                return true;
            }

            return false;
        }

        /// <summary>
        /// Storm control before a call: an open breaker skips the target without calling it (only half-open probes go
        /// through), and a retry or hedge needs the deployment's retry budget, so retries never multiply load.
        /// </summary>
        private Admission Admit(ResilienceRegistry resilience, RouteTarget target, bool extraLoad, out BreakerPermit permit)
        {
            var deployment = DeploymentKey.For(target);
            var breaker = resilience.BreakerFor(deployment, target.Model);
            if (!breaker.TryAcquire(out permit))
            {
                var wait = breaker.OpenUntil is { } until ? until - owner._time.GetUtcNow() : (TimeSpan?)null;
                _skipped.Add(new Failure(FailureKind.CircuitOpen, $"The circuit for {target.Key} is open{(wait is { } w && w > TimeSpan.Zero ? $" for another {w.TotalSeconds:0.#} s" : "")}.")
                {
                    Provider = target.Provider,
                    RetryAfter = wait > TimeSpan.Zero ? wait : null,
                });
                _finished.Add(new AttemptSummary(target, _skipped[^1], ReachedProvider: false, Usage: null, TimeSpan.Zero));
                return Admission.CircuitOpen;
            }

            var budget = resilience.RetryBudgetFor(deployment);
            if (!extraLoad)
            {
                budget.RecordRequest();
                return Admission.Admitted;
            }

            if (budget.TryWithdrawRetry())
            {
                return Admission.Admitted;
            }

            // The retry budget is spent: this retry (or hedge) would add load the provider cannot take; fall back instead.
            breaker.Report(permit, new Failure(FailureKind.Cancelled, "retry budget spent"));
            return Admission.RetryBudgetSpent;
        }

        /// <summary>
        /// The 400 for a target whose wire format cannot carry a part of the client's request (an Anthropic file id to
        /// OpenAI, audio to Claude, …), naming the part by the client's own path; null when it can take the request.
        /// </summary>
        private Failure? Untranslatable(Providers.IChatProvider provider)
        {
            if (provider.Codec.Format == request.FrontDoor.Format || provider.Codec.FindUntranslatable(request.Request) is not { } part)
            {
                return null;
            }

            return new Failure(FailureKind.InvalidRequest, part.Path is null ? part.Reason : $"{part.Path}: {part.Reason}")
            {
                Param = part.Path,
            };
        }

        /// <summary>What storm control said about starting an attempt.</summary>
        private enum Admission
        {
            Admitted,
            CircuitOpen,
            RetryBudgetSpent,
        }

        /// <summary>Reports an attempt that reached its commit point (or failed before it) to its breaker.</summary>
        private void Report(Attempts.UpstreamAttempt attempt, Failure? failure)
        {
            if (owner._resilience is not { } resilience)
            {
                return;
            }

            var target = attempt.Context.Target;
            var deployment = DeploymentKey.For(target);
            // A client-side refusal never reached the provider: it says nothing about the provider's health.
            resilience.BreakerFor(deployment, target.Model).Report(attempt.Permit, attempt.Sent ? failure : new Failure(FailureKind.Cancelled, "not sent"));
        }

        /// <summary>Corrects the attempt's token reservation in its rate limiter to what it really used, once that is known.</summary>
        private static void SettleLease(Attempts.UpstreamAttempt attempt)
        {
            if (attempt.Sent && attempt.Lease.IsAcquired)
            {
                var actual = attempt.Usage is { } usage ? usage.TotalTokens : 0;
                attempt.Context.Limiter?.Correct(actual - attempt.Context.EstimatedTokens);
            }
        }

        private int EstimatedTokens =>
            (admission?.InputTokens ?? 0) + (request.MaxOutputTokensOverride ?? request.Request.MaxOutputTokens ?? owner._costs?.Policy.DefaultMaxOutputTokens ?? 4096);

        /// <summary>Applies the route's policy to a failed attempt; false means fail fast.</summary>
        private bool Continue(RouteTarget target, Failure failure)
        {
            var action = route.Fallback.For(failure.Kind);
            if (action == FailureAction.Retry && !failure.Traits.RetrySameTarget)
            {
                // Never retry what cannot succeed on the same target (quota exhausted, invalid request, …).
                action = FailureAction.FallBack;
            }
            else if (action == FailureAction.FallBack && route.Targets.Count == 1 && failure.Traits.RetrySameTarget
                && (failure.RetryAfter is null || failure.RetryAfter <= LastResortRetryAfter))
            {
                // A one-target route has nowhere to fall back to: one more try on the same target, within the retry
                // limit, the retry budget and the deadline, beats failing at once — unless the provider asked for a
                // long pause, which the caller should hear about now rather than wait out inside the gateway.
                action = FailureAction.Retry;
            }

            switch (action)
            {
                case FailureAction.FailFast:
                    return false;
                case FailureAction.Retry when _retries.GetValueOrDefault(target) < route.MaxRetriesPerTarget
                    && NextBackoff(_retries.GetValueOrDefault(target) + 1, failure) is { } delay:
                    _retries[target] = _retries.GetValueOrDefault(target) + 1;
                    _candidates.Insert(0, target);
                    _retryQueued.Add(target);
                    _backoff = delay;
                    return true;
                default:
                    if (failure.Kind == FailureKind.ContextTooLong)
                    {
                        // Only a target with a larger (known) window can take the same prompt.
                        _needsLargerThan = Math.Max(_needsLargerThan ?? 0, target.ContextWindow ?? 0);
                    }

                    return true;
            }
        }

        /// <summary>
        /// The wait before retry <paramref name="retry"/>: the provider's retry-after when it sent one, else exponential
        /// backoff with full jitter; null when the wait would not fit the deadline (then the loop falls back instead).
        /// </summary>
        private TimeSpan? NextBackoff(int retry, Failure failure)
        {
            if (owner._resilience is { } resilience)
            {
                return resilience.Backoff.NextDelay(retry, failure.RetryAfter, deadline.Remaining);
            }

            var wait = failure.RetryAfter ?? TimeSpan.FromMilliseconds(50 * Math.Pow(2, retry - 1));
            return wait < deadline.Remaining ? wait : null;
        }

        /// <summary>Whether no attempt ever reached a provider: every target was skipped or refused on our side.</summary>
        private bool NothingSent => _finished.All(a => !a.ReachedProvider) && _toDispose.All(a => !a.Sent);

        /// <summary>The failure reported when no attempt succeeded: the last one's kind, every attempt listed.</summary>
        private Failure Exhausted(Failure? last)
        {
            var attempts = _finished.Select(a => new AttemptRecord(a.Target.Provider, a.Target.Model, a.Failure?.Kind, a.Failure?.ProviderStatus, a.Elapsed) { Hedge = a.Hedge }).ToList();
            if (NothingSent && last is { Kind: FailureKind.RateLimited, Provider: null })
            {
                // Every target's client-side bucket was full: shed with 503 and when to come back, holding nothing.
                _skipped.Add(last);
                last = null;
            }

            if (last is null && _skipped.Count > 0)
            {
                // Every target was skipped client-side (open breakers): shed at once, and say when to come back.
                var soonest = _skipped.Where(f => f.RetryAfter is not null).Select(f => f.RetryAfter!.Value).DefaultIfEmpty(TimeSpan.FromSeconds(1)).Min();
                return new Failure(FailureKind.CircuitOpen, $"Every target of route '{route.Name}' is unavailable: {string.Join("; ", _skipped.Select(f => f.Message))}")
                {
                    RetryAfter = soonest,
                    Attempts = attempts,
                };
            }

            if (last is null && _untranslatable is { } untranslatable)
            {
                // No target could take the request as it is: the caller's content must change, so say which part.
                return untranslatable with { Attempts = attempts };
            }

            if (last is null)
            {
                return deadline.Passed
                    ? new Failure(FailureKind.DeadlineExceeded, $"The request's deadline passed before route '{route.Name}' could be tried.") { Attempts = attempts }
                    : new Failure(FailureKind.Overloaded, $"No target of route '{route.Name}' can serve: their providers are not configured.") { Attempts = attempts };
            }

            if (deadline.Passed && last.Kind is not FailureKind.DeadlineExceeded)
            {
                last = last with { Kind = FailureKind.DeadlineExceeded };
            }

            var why = _started >= route.MaxAttempts && _candidates.Count > 0 ? $" (attempt cap {route.MaxAttempts} reached)" : "";
            var message = attempts.Count <= 1
                ? last.Message
                : $"All {attempts.Count} attempts of route '{route.Name}' failed{why}: {string.Join("; ", attempts)}. Last error: {last.Message}";
            return last with { Message = message, Attempts = attempts };
        }
    }
}
