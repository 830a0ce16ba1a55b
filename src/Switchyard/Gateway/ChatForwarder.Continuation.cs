using Switchyard.Costs;
using Switchyard.Failures;
using Switchyard.Gateway.Attempts;
using Switchyard.Resilience;
using Switchyard.Routing;
using Switchyard.Streaming;

namespace Switchyard.Gateway;

public sealed partial class ChatForwarder
{
    private sealed partial class AttemptLoop
    {
        /// <summary>
        /// Ends a committed stream: a break the gateway can repair is continued (same target first, then the route's
        /// remaining fallbacks) from the text already sent; what cannot be repaired ends with an explicit error event.
        /// </summary>
        private async Task<Failure?> FinishStreamAsync(RouteTarget last, Failure? failure, IChatResponseSink sink, ServedBy servedBy)
        {
            while (failure is not null && CanContinue(failure))
            {
                var (continued, next) = await ContinueAsync(last, sink, servedBy);
                if (continued is null)
                {
                    break;
                }

                last = continued;
                failure = next;
            }

            if (_stream!.Continuations > 0)
            {
                _stream.AppendTrailer("x-switchyard-continued", _stream.Continuations.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            if (failure is null)
            {
                await _stream.CompleteAsync();
            }
            else if (_stream!.IsCommitted)
            {
                await _stream.FailAsync(failure);
            }

            return failure;
        }

        /// <summary>
        /// Whether a break after commit may be continued: a transient upstream failure, plain-text output only (never
        /// tool calls, reasoning or JSON), the route allows it, and there is budget and time left.
        /// </summary>
        private bool CanContinue(Failure failure) =>
            failure.Kind is FailureKind.StreamBroken or FailureKind.Overloaded or FailureKind.ServerError or FailureKind.IdleTimeout
            && route.AllowContinuation
            && _stream!.Continuations < owner._recovery.MaxContinuations
            && !_stream.SentNonText
            && _stream.SentText.Length > 0
            && !deadline.Passed
            && !cancellationToken.IsCancellationRequested;

        /// <summary>
        /// Tries continuation attempts until one reaches its commit point: on <paramref name="last"/>, then on the
        /// candidates not tried yet. Returns the target that continued and how its stream ended; a null target when none
        /// could (the original failure stands).
        /// </summary>
        private async Task<(RouteTarget? Target, Failure? Failure)> ContinueAsync(RouteTarget last, IChatResponseSink sink, ServedBy servedBy)
        {
            var sent = _stream!.SentText.ToString();
            foreach (var target in new[] { last }.Concat(_candidates).ToList())
            {
                if (_stream.Continuations >= owner._recovery.MaxContinuations || deadline.Passed)
                {
                    break;
                }

                if (!owner._providers.TryGetValue(target.Provider, out var provider) || Untranslatable(provider) is not null)
                {
                    continue;
                }

                var original = request.Request with { MaxOutputTokens = request.MaxOutputTokensOverride ?? request.Request.MaxOutputTokens };
                var style = ContinuationPlanner.StyleFor(target.Provider, target.Model);
                var plan = ContinuationPlanner.Plan(original, sent, TokenEstimator.CountText(sent, target.Model), style);
                if (plan is null)
                {
                    return (null, null);
                }

                var permit = default(BreakerPermit);
                if (owner._resilience is { } resilience && Admit(resilience, target, extraLoad: true, out permit) != Admission.Admitted)
                {
                    continue;
                }

                _stream.PrimeEncoderForContinuation();
                _stream.Continuations++;
                var continuation = request with { Request = plan.Request, MaxOutputTokensOverride = null };
                var attempt = owner.CreateAttempt(provider, continuation, target, tier, deadline, hedge: false, permit, EstimatedTokens, _stream, new ContinuationContext(sent, plan), cancellationToken);
                _started++;
                _toDispose.Add(attempt);
                var prepared = await attempt.PrepareAsync();
                Report(attempt, prepared);
                if (prepared is not null)
                {
                    _finished.Add(Summary(attempt, prepared) with { Continuation = true });
                    SettleLease(attempt);
                    continue;
                }

                Failure? failure = null;
                try
                {
                    failure = await attempt.CommitAsync(sink, servedBy);
                }
                finally
                {
                    _finished.Add(Summary(attempt, failure) with { Continuation = true });
                    SettleLease(attempt);
                }

                GatewayMetrics.RecordContinuation(route.Name, target.Provider, failure is null);
                return (target, failure);
            }

            return (null, null);
        }
    }
}
