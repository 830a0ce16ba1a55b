using Switchyard.Failures;

namespace Switchyard.Resilience;

// Written by hand rather than on Polly.Core's circuit breaker (checked against Polly.Core 8.9.1's public API):
// - Polly's breaker only runs inside ResiliencePipeline.ExecuteAsync: it decides and records around a callback it
//   executes. Our attempts run in two phases (prepare to the commit point, then commit) with hedges cancelled midway,
//   so the loop must consult the breaker, start the call elsewhere, and report later. CircuitBreakerStateProvider only
//   reads the state (Open stays Open until an execution moves it to HalfOpen) and CircuitBreakerManualControl only
//   isolates (open with no end) or closes.
// - A provider's retry-after cannot hold Polly's breaker open: BreakDurationGenerator sees failure counts and the
//   ResilienceContext, not the outcome, and is consulted only when the breaker opens; an outcome reported while open
//   cannot extend the break, and a single 429 with retry-after cannot open a closed breaker.
// - Polly lets exactly one half-open probe through, and a ratio breaker and a consecutive-failures breaker are two
//   strategies with two states; we want one state per target, N probes, and both triggers.
// Polly's state machine (closed → open → half-open, rolling health slots) is the model followed here.

/// <summary>
/// The circuit breaker of one provider deployment × model. Closed: calls flow and outcomes are sampled. Open: no call
/// goes out (the attempt loop skips the target with <see cref="FailureKind.CircuitOpen"/>). Half-open: up to
/// <see cref="CircuitBreakerOptions.HalfOpenProbes"/> probes go out; a healthy probe closes it, an unhealthy one
/// re-opens it with a longer break. A failure carrying <c>retry-after</c> keeps it open at least that long (the latest
/// deadline wins; a shorter one never shortens it). Which outcomes count: <see cref="HealthVerdicts"/>.
/// Thread-safe: state changes happen under one short lock, and <see cref="Transitioned"/> is raised outside it.
/// Transitions are lazy (no timers): an open breaker becomes half-open when it is next consulted after its break.
/// </summary>
public sealed partial class CircuitBreaker
{
    private readonly CircuitBreakerOptions _options;
    private readonly TimeProvider _time;
    private readonly long _origin;
    private readonly SlidingCounters _window;
    private readonly Lock _lock = new();

    private BreakerState _state = BreakerState.Closed;
    private DateTimeOffset _openUntil;
    private DateTimeOffset _probeDeadline;
    private long _epoch;
    private int _probes;
    private int _consecutiveConnect;
    private int _failedProbes;
    private long _timesOpened;
    private string? _lastReason;

    /// <summary>Creates a closed breaker named <paramref name="name"/> (its key, for snapshots and metrics).</summary>
    public CircuitBreaker(string name, CircuitBreakerOptions options, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(options);
        Name = name;
        _options = options;
        _time = time ?? TimeProvider.System;
        _origin = _time.GetTimestamp();
        _window = new SlidingCounters(options.SamplingDuration, 10);
    }

    /// <summary>Raised after every state change, outside the breaker's lock. Handlers must be quick and must not throw.</summary>
    public event EventHandler<BreakerTransition>? Transitioned;

    /// <summary>The breaker's key (deployment × model).</summary>
    public string Name { get; }

    /// <summary>The current state (an open breaker whose break has passed reads as half-open).</summary>
    public BreakerState State
    {
        get
        {
            var pending = default(Pending);
            BreakerState state;
            lock (_lock)
            {
                Refresh(_time.GetUtcNow(), ref pending);
                state = _state;
            }

            Raise(pending);
            return state;
        }
    }

    /// <summary>When the open breaker starts probing; null unless open.</summary>
    public DateTimeOffset? OpenUntil => State == BreakerState.Open ? ReadOpenUntil() : null;

    /// <summary>
    /// Asks to make one call. True when closed, or when half-open and a probe slot is free (then
    /// <see cref="BreakerPermit.IsProbe"/> is set); false when open or every probe slot is taken — make no call then.
    /// Every permit granted must be reported once with <see cref="Report"/>.
    /// </summary>
    public bool TryAcquire(out BreakerPermit permit)
    {
        var pending = default(Pending);
        bool granted;
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            Refresh(now, ref pending);
            switch (_state)
            {
                case BreakerState.Closed:
                    permit = new BreakerPermit(_epoch, isProbe: false);
                    granted = true;
                    break;
                case BreakerState.HalfOpen when _probes < _options.HalfOpenProbes:
                    _probes++;
                    _probeDeadline = now + _options.ProbeTimeout;
                    permit = new BreakerPermit(_epoch, isProbe: true);
                    granted = true;
                    break;
                default:
                    permit = default;
                    granted = false;
                    break;
            }
        }

        Raise(pending);
        return granted;
    }

    /// <summary>
    /// Reports the outcome of a permitted call: null for success (report at the commit point, when the answer is known
    /// good), else its failure. A hedge cancelled as the loser is reported as <see cref="FailureKind.Cancelled"/>
    /// (neutral).
    /// </summary>
    public void Report(in BreakerPermit permit, Failure? failure)
    {
        var verdict = HealthVerdicts.Of(failure);
        var pending = default(Pending);
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            Refresh(now, ref pending);
            if (permit.IsProbe && permit.Epoch == _epoch && _state == BreakerState.HalfOpen)
            {
                _probes--;
                ReportProbe(now, verdict, ref pending);
            }
            else if (_state == BreakerState.Closed && verdict != HealthVerdict.Neutral)
            {
                ReportClosed(now, verdict, failure?.Kind, ref pending);
            }

            if (verdict == HealthVerdict.Unhealthy && failure?.RetryAfter is { } wait && wait > TimeSpan.Zero)
            {
                HoldOpen(now, now + wait, ref pending);
            }
        }

        Raise(pending);
    }

    /// <summary>The breaker's state now, for the admin API.</summary>
    public BreakerSnapshot Snapshot()
    {
        var pending = default(Pending);
        BreakerSnapshot snapshot;
        lock (_lock)
        {
            Refresh(_time.GetUtcNow(), ref pending);
            var (calls, failures) = _state == BreakerState.Closed ? _window.Sum(Elapsed) : (0, 0);
            snapshot = new BreakerSnapshot(
                Name,
                _state,
                _state == BreakerState.Open ? _openUntil : null,
                calls,
                failures,
                _consecutiveConnect,
                _probes,
                _timesOpened,
                _lastReason);
        }

        Raise(pending);
        return snapshot;
    }

    private DateTimeOffset? ReadOpenUntil()
    {
        lock (_lock)
        {
            return _state == BreakerState.Open ? _openUntil : null;
        }
    }

    private TimeSpan Elapsed => _time.GetElapsedTime(_origin);
}
