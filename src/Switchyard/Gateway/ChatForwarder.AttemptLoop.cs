using Switchyard.Failures;
using Switchyard.Gateway.Attempts;
using Switchyard.Gateway.Streams;
using Switchyard.Routing;

namespace Switchyard.Gateway;

public sealed partial class ChatForwarder
{
    /// <summary>The attempt loop of one request. Not thread-safe; lives for one request.</summary>
    private sealed partial class AttemptLoop(ChatForwarder owner, GatewayRequest request, Route route, TimeoutTier tier, RequestDeadline deadline, CostAdmission? admission, CancellationToken cancellationToken)
    {
        private readonly List<RouteTarget> _candidates = [.. owner._planner.Order(route)];
        private readonly Dictionary<RouteTarget, int> _retries = [];
        private readonly List<(UpstreamAttempt Attempt, Task<Failure?> Prepare)> _running = [];
        private readonly List<AttemptSummary> _finished = [];
        private readonly List<UpstreamAttempt> _toDispose = [];
        private readonly HashSet<RouteTarget> _retryQueued = [];
        private readonly List<Failure> _skipped = [];
        private readonly ClientStream? _stream = request.Request.Stream ? new ClientStream(request, owner._recovery.Log, owner._time) : null;
        private int _started;
        private int? _needsLargerThan;
        private TimeSpan _backoff;
        private bool _hedgeRefused;
        private Failure? _untranslatable;

        /// <summary>The attempts finished so far (all of them once <see cref="RunAsync"/> returned).</summary>
        public IReadOnlyList<AttemptSummary> Finished => _finished;

        public async Task<ForwardOutcome> RunAsync(IChatResponseSink sink)
        {
            try
            {
                Failure? last = null;
                while (true)
                {
                    if (_running.Count == 0 && !TryStart(hedge: false))
                    {
                        break;
                    }

                    var (entry, hedgeDue) = await NextCompletionAsync();
                    if (hedgeDue)
                    {
                        TryStart(hedge: true);
                        continue;
                    }

                    _running.Remove(entry);
                    var failure = await entry.Prepare;
                    Report(entry.Attempt, failure);
                    if (failure is null)
                    {
                        return await CommitAsync(entry.Attempt, sink);
                    }

                    Finish(entry.Attempt, failure);
                    SettleLease(entry.Attempt);
                    last = failure;
                    if (failure.Kind == FailureKind.Cancelled && cancellationToken.IsCancellationRequested)
                    {
                        return Outcome(null, failure);
                    }

                    if (!Continue(entry.Attempt.Context.Target, failure))
                    {
                        await CancelRunningAsync();
                        return await FailAsync(sink, Exhausted(failure));
                    }

                    if (_backoff > TimeSpan.Zero && !await BackOffAsync())
                    {
                        return Outcome(null, new Failure(FailureKind.Cancelled, "The caller went away."));
                    }
                }

                return await FailAsync(sink, Exhausted(last));
            }
            finally
            {
                await CancelRunningAsync();
                foreach (var attempt in _toDispose)
                {
                    await attempt.DisposeAsync();
                }
            }
        }

        /// <summary>Waits for the next attempt to reach its commit point or fail, or for the hedge delay to pass.</summary>
        private async Task<((UpstreamAttempt Attempt, Task<Failure?> Prepare) Entry, bool HedgeDue)> NextCompletionAsync()
        {
            // The hedge delay, when a hedge may still be started beside the one running attempt.
            TimeSpan? hedgeAfter = route.HedgeAfter is { } after && _running.Count == 1 && !_hedgeRefused && CanStartMore() ? after : null;
            if (_running.Count == 1 && hedgeAfter is null)
            {
                // The common case, one attempt and nothing to race it against: awaited as it is, without the list and
                // the WhenAny promise a race needs.
                var only = _running[0];
                await only.Prepare;
                return (only, false);
            }

            var waits = _running.Select(r => (Task)r.Prepare).ToList();
            Task? hedge = null;
            if (hedgeAfter is { } delay)
            {
                var sinceStart = _running[0].Attempt.Elapsed;
                hedge = Task.Delay(delay > sinceStart ? delay - sinceStart : TimeSpan.Zero, owner._time, cancellationToken);
                waits.Add(hedge);
            }

            var done = await Task.WhenAny(waits);
            if (done == hedge)
            {
                if (!hedge.IsCanceled)
                {
                    return (default, true);
                }

                // The caller left: no hedge; the running attempts see the same cancellation and finish on their own.
                done = await Task.WhenAny(_running.Select(r => r.Prepare));
            }

            return (_running.First(r => r.Prepare == done), false);
        }

        /// <summary>Waits out a retry's backoff (within the deadline); false when the caller left meanwhile.</summary>
        private async Task<bool> BackOffAsync()
        {
            try
            {
                await Task.Delay(deadline.Cap(_backoff), owner._time, cancellationToken);
                return true;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
            finally
            {
                _backoff = TimeSpan.Zero;
            }
        }

        private async Task<ForwardOutcome> CommitAsync(UpstreamAttempt winner, IChatResponseSink sink)
        {
            // The first to its commit point wins; a losing hedge is cancelled (it still counts, and may cost).
            await CancelRunningAsync();
            var target = winner.Context.Target;
            if (winner.TimeToFirstToken is { } ttft)
            {
                owner._latency.Record(target.Key, ttft);
            }

            var servedBy = WithCosts(new ServedBy(target.Provider, winner.ReportedModel ?? target.Model, winner.ProviderRequestId, _started) { Route = route.Name }, winner);
            Failure? failure = null;
            try
            {
                failure = await winner.CommitAsync(sink, servedBy);
            }
            finally
            {
                // Even if the caller left mid-write, the answer was generated and is billed.
                _finished.Add(Summary(winner, failure) with { Won = true });
                SettleLease(winner);
            }

            if (_stream is not null)
            {
                failure = await FinishStreamAsync(winner.Context.Target, failure, sink, servedBy);
                servedBy = _stream.IsLogged ? servedBy with { StreamId = _stream.StreamId } : servedBy;
            }

            return Outcome(servedBy, failure) with { Usage = winner.Usage, Continuations = _stream?.Continuations ?? 0 };
        }

        /// <summary>
        /// Cost headers as far as they are known when headers go out: a buffered answer's exact cost (every attempt so
        /// far included); for a stream, only the budget left if it costs its worst case.
        /// </summary>
        private ServedBy WithCosts(ServedBy servedBy, UpstreamAttempt winner)
        {
            servedBy = servedBy with { BudgetWarning = request.BudgetWarning ?? (admission is { SoftExceeded.Count: > 0 } ? admission.SoftExceeded[0].BudgetName : null) };
            if (admission is null || owner._costs is not { } costs)
            {
                return servedBy;
            }

            decimal? cost = request.Request.Stream
                ? null
                : _finished.Sum(a => costs.CostOf(a, admission.InputTokens)) + costs.CostOf(Summary(winner, null), admission.InputTokens);
            var spend = cost ?? admission.EstimatedMaxUsd;
            var remaining = admission.Budgets.Count == 0 ? (decimal?)null : admission.Budgets.Min(b => b.RemainingUsd) - spend;
            return servedBy with { CostUsd = cost, BudgetRemainingUsd = remaining };
        }

        private async Task<ForwardOutcome> FailAsync(IChatResponseSink sink, Failure failure)
        {
            // The caller still learns where the last attempt went and how many were made (response headers).
            var last = _finished.LastOrDefault();
            var tried = last is null ? null : new ServedBy(last.Target.Provider, last.Target.Model, last.ProviderRequestId, _started) { Route = route.Name };
            await sink.SendFailureAsync(failure, tried, cancellationToken);
            return Outcome(null, failure);
        }

        private ForwardOutcome Outcome(ServedBy? servedBy, Failure? failure) => new(servedBy, failure, null) { Attempts = _finished };

        private async Task CancelRunningAsync()
        {
            foreach (var (attempt, prepare) in _running)
            {
                attempt.Cancel();
                await prepare;
                Report(attempt, new Failure(FailureKind.Cancelled, "hedge lost"));
                SettleLease(attempt);
                _finished.Add(Summary(attempt, null));

                // Close its connection now, so the provider stops generating (and billing) at once.
                await attempt.DisposeAsync();
            }

            _running.Clear();
        }

        private void Finish(UpstreamAttempt attempt, Failure failure) => _finished.Add(Summary(attempt, failure));

        private static AttemptSummary Summary(UpstreamAttempt attempt, Failure? failure) =>
            new(attempt.Context.Target, failure, attempt.ReachedProvider, attempt.Usage, attempt.Elapsed) { Hedge = attempt.Context.Hedge, ProviderRequestId = attempt.ProviderRequestId, StreamedCharacters = attempt.StreamedCharacters };
    }
}
