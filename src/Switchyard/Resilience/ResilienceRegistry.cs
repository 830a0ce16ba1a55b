using System.Collections.Concurrent;

namespace Switchyard.Resilience;

/// <summary>
/// Hands out the storm-control state shared by all requests: one <see cref="RetryBudget"/> and one
/// <see cref="ProviderRateLimiter"/> per deployment, one <see cref="CircuitBreaker"/> per deployment × model, each
/// created on first use; and one <see cref="Resilience.Backoff"/>. Thread-safe; one instance per process (the state
/// is in-process; a fleet-wide implementation would sit behind the same calls).
/// </summary>
public sealed class ResilienceRegistry
{
    private readonly ResilienceOptions _options;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<DeploymentKey, RetryBudget> _budgets = new();
    private readonly ConcurrentDictionary<DeploymentKey, ProviderRateLimiter> _limiters = new();
    private readonly ConcurrentDictionary<(DeploymentKey, string), CircuitBreaker> _breakers = new();

    /// <summary>Creates a registry. <paramref name="random"/> feeds the backoff's jitter (seed it in tests).</summary>
    public ResilienceRegistry(ResilienceOptions options, TimeProvider? time = null, Random? random = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _time = time ?? TimeProvider.System;
        Backoff = new Backoff(options.Backoff, random);
        ResilienceMetrics.Track(this);
    }

    /// <summary>Raised when any breaker of this registry changes state (outside the breaker's lock).</summary>
    public event EventHandler<BreakerTransition>? BreakerTransitioned;

    /// <summary>The backoff shared by every retry.</summary>
    public Backoff Backoff { get; }

    /// <summary>The retry budget of <paramref name="deployment"/>.</summary>
    public RetryBudget RetryBudgetFor(DeploymentKey deployment) =>
        _budgets.GetOrAdd(deployment, static (key, self) => new RetryBudget(key.ToString(), self._options.RetryBudget, self._time), this);

    /// <summary>The rate limiter of <paramref name="deployment"/>, with its configured limits if any.</summary>
    public ProviderRateLimiter RateLimiterFor(DeploymentKey deployment) =>
        _limiters.GetOrAdd(deployment, static (key, self) =>
        {
            var name = key.ToString();
            var limits = self._options.Deployments.TryGetValue(name, out var own) ? own : self._options.RateLimits;
            return new ProviderRateLimiter(name, limits, self._time);
        }, this);

    /// <summary>The circuit breaker of <paramref name="model"/> on <paramref name="deployment"/>.</summary>
    public CircuitBreaker BreakerFor(DeploymentKey deployment, string model)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        if (_breakers.TryGetValue((deployment, model), out var existing))
        {
            return existing;
        }

        var created = new CircuitBreaker($"{deployment}|{model}", _options.CircuitBreaker, _time);
        var breaker = _breakers.GetOrAdd((deployment, model), created);
        if (ReferenceEquals(breaker, created))
        {
            // Subscribed only on the instance that won the race, so each transition is raised once.
            breaker.Transitioned += (sender, transition) => BreakerTransitioned?.Invoke(sender, transition);
        }

        return breaker;
    }

    /// <summary>Every breaker created so far, ordered by name (for <c>/admin/breakers</c>).</summary>
    public IReadOnlyList<BreakerSnapshot> BreakerSnapshots() =>
        [.. _breakers.Values.Select(b => b.Snapshot()).OrderBy(s => s.Name, StringComparer.Ordinal)];

    /// <summary>Every deployment's rate limiter created so far, ordered by name.</summary>
    public IReadOnlyList<RateLimiterSnapshot> RateLimiterSnapshots() =>
        [.. _limiters.Values.Select(l => l.Snapshot()).OrderBy(s => s.Name, StringComparer.Ordinal)];

    /// <summary>Every deployment's retry budget created so far, by name.</summary>
    public IReadOnlyDictionary<string, RetryBudgetSnapshot> RetryBudgetSnapshots() =>
        _budgets.Values.ToDictionary(b => b.Name, b => b.Snapshot(), StringComparer.Ordinal);
}
