using Switchyard.Failures;

namespace Switchyard.Resilience;

public sealed partial class CircuitBreaker
{
    /// <summary>Up to two transitions collected under the lock and raised after it (one call never makes more).</summary>
    private struct Pending
    {
        public BreakerTransition? First;
        public BreakerTransition? Second;

        public void Add(BreakerTransition transition)
        {
            if (First is null)
            {
                First = transition;
            }
            else
            {
                Second = transition;
            }
        }
    }

    /// <summary>Moves an open breaker whose break has passed to half-open, and frees probe slots held too long.</summary>
    private void Refresh(DateTimeOffset now, ref Pending pending)
    {
        if (_state == BreakerState.Open && now >= _openUntil)
        {
            MoveTo(BreakerState.HalfOpen, "break over; probing", now, ref pending);
            _probes = 0;
        }
        else if (_state == BreakerState.HalfOpen && _probes > 0 && now >= _probeDeadline)
        {
            // A probe that never reported: forget it (its late report no longer matches the epoch) and probe again.
            _epoch++;
            _probes = 0;
        }
    }

    private void ReportProbe(DateTimeOffset now, HealthVerdict verdict, ref Pending pending)
    {
        if (verdict == HealthVerdict.Healthy)
        {
            _failedProbes = 0;
            _window.Clear();
            _consecutiveConnect = 0;
            MoveTo(BreakerState.Closed, "probe succeeded", now, ref pending);
        }
        else if (verdict == HealthVerdict.Unhealthy)
        {
            _failedProbes++;
            var grown = _options.BreakDuration.Ticks * Math.Pow(2, _failedProbes);
            Open(now, now + TimeSpan.FromTicks((long)Math.Min(grown, _options.MaxBreakDuration.Ticks)), "probe failed", ref pending);
        }
    }

    private void ReportClosed(DateTimeOffset now, HealthVerdict verdict, FailureKind? kind, ref Pending pending)
    {
        var unhealthy = verdict == HealthVerdict.Unhealthy;
        _window.Add(Elapsed, 1, unhealthy ? 1 : 0);
        _consecutiveConnect = kind == FailureKind.ConnectFailed ? _consecutiveConnect + 1 : 0;
        if (!unhealthy)
        {
            return;
        }

        if (_options.ConsecutiveConnectFailures > 0 && _consecutiveConnect >= _options.ConsecutiveConnectFailures)
        {
            Open(now, now + _options.BreakDuration, $"{_consecutiveConnect} connect failures in a row", ref pending);
            return;
        }

        var (calls, failures) = _window.Sum(Elapsed);
        if (calls >= _options.MinimumThroughput && failures >= _options.FailureRatio * calls)
        {
            Open(now, now + _options.BreakDuration, $"{failures} of {calls} calls failed within {_options.SamplingDuration.TotalSeconds:0.###} s", ref pending);
        }
    }

    /// <summary>Keeps the breaker open until at least <paramref name="until"/>: opens it if needed; never shortens a break.</summary>
    private void HoldOpen(DateTimeOffset now, DateTimeOffset until, ref Pending pending)
    {
        if (_state == BreakerState.Open)
        {
            if (until > _openUntil)
            {
                _openUntil = until;
            }

            return;
        }

        Open(now, until, $"provider asked to retry after {(until - now).TotalSeconds:0.###} s", ref pending);
    }

    private void Open(DateTimeOffset now, DateTimeOffset until, string reason, ref Pending pending)
    {
        _openUntil = _state == BreakerState.Open && _openUntil > until ? _openUntil : until;
        _probes = 0;
        _consecutiveConnect = 0;
        _window.Clear();
        if (_state != BreakerState.Open)
        {
            _timesOpened++;
            MoveTo(BreakerState.Open, reason, now, ref pending);
        }
    }

    private void MoveTo(BreakerState to, string reason, DateTimeOffset now, ref Pending pending)
    {
        var from = _state;
        _state = to;
        _epoch++;
        _lastReason = reason;
        pending.Add(new BreakerTransition(Name, from, to, reason, now));
    }

    private void Raise(Pending pending)
    {
        if (pending.First is null)
        {
            return;
        }

        ResilienceMetrics.RecordTransition(pending.First);
        Transitioned?.Invoke(this, pending.First);
        if (pending.Second is { } second)
        {
            ResilienceMetrics.RecordTransition(second);
            Transitioned?.Invoke(this, second);
        }
    }
}
