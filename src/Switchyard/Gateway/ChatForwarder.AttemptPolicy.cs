using Switchyard.Failures;
using Switchyard.Routing;

namespace Switchyard.Gateway;

public sealed partial class ChatForwarder
{
    private sealed partial class AttemptLoop
    {
        private bool CanStartMore() => _started < route.MaxAttempts && !deadline.Passed && _candidates.Count > 0;

        /// <summary>Starts the next eligible candidate; false when none is left, the attempt cap is reached or time is up.</summary>
        private bool TryStart(bool hedge)
        {
            while (CanStartMore())
            {
                var target = _candidates[0];
                _candidates.RemoveAt(0);
                if (_needsLargerThan is { } floor && (target.ContextWindow is not { } window || window <= floor))
                {
                    continue;
                }

                var attempt = owner.CreateAttempt(request, target, tier, deadline, hedge, cancellationToken);
                if (attempt is null)
                {
                    // A target whose provider has no key configured cannot serve; the route goes on without it.
                    continue;
                }

                _started++;
                _toDispose.Add(attempt);
                _running.Add((attempt, attempt.PrepareAsync()));
                return true;
            }

            return false;
        }

        /// <summary>Applies the route's policy to a failed attempt; false means fail fast.</summary>
        private bool Continue(RouteTarget target, Failure failure)
        {
            switch (route.Fallback.For(failure.Kind))
            {
                case FailureAction.FailFast:
                    return false;
                case FailureAction.Retry when _retries.GetValueOrDefault(target) < route.MaxRetriesPerTarget:
                    var retry = _retries[target] = _retries.GetValueOrDefault(target) + 1;
                    _candidates.Insert(0, target);
                    // Honour the provider's retry-after when it fits the deadline; otherwise a short exponential pause.
                    _backoff = failure.RetryAfter ?? TimeSpan.FromMilliseconds(50 * Math.Pow(2, retry - 1));
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

        /// <summary>The failure reported when no attempt succeeded: the last one's kind, every attempt listed.</summary>
        private Failure Exhausted(Failure? last)
        {
            var attempts = _finished.Select(a => new AttemptRecord(a.Target.Provider, a.Target.Model, a.Failure?.Kind, a.Failure?.ProviderStatus, a.Elapsed) { Hedge = a.Hedge }).ToList();
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
