using Microsoft.Extensions.Time.Testing;
using Switchyard.Failures;
using Switchyard.Resilience;
using Switchyard.Routing;

namespace Switchyard.Tests.Resilience;

public sealed class ResilienceRegistryTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 14, 12, 0, 0, TimeSpan.Zero));
    private static readonly DeploymentKey OpenAI = new("openai", "default", "gpt-4o");

    [Fact]
    public void For_SameKey_ReturnsTheSameInstance()
    {
        var registry = new ResilienceRegistry(new ResilienceOptions(), _time);

        Assert.Same(registry.RetryBudgetFor(OpenAI), registry.RetryBudgetFor(OpenAI));
        Assert.Same(registry.RateLimiterFor(OpenAI), registry.RateLimiterFor(OpenAI));
        Assert.Same(registry.BreakerFor(OpenAI, "gpt-4o"), registry.BreakerFor(OpenAI, "gpt-4o"));
        Assert.NotSame(registry.BreakerFor(OpenAI, "gpt-4o"), registry.BreakerFor(OpenAI, "gpt-4o-mini"));
        Assert.NotSame(registry.RetryBudgetFor(OpenAI), registry.RetryBudgetFor(OpenAI with { Account = "batch" }));
    }

    [Fact]
    public void RateLimiterFor_DeploymentOverride_UsesItsLimits()
    {
        var registry = new ResilienceRegistry(new ResilienceOptions
        {
            RateLimits = new ProviderRateLimitOptions { RequestsPerMinute = 1000 },
            Deployments = new Dictionary<string, ProviderRateLimitOptions> { ["openai/default/gpt-4o"] = new() { RequestsPerMinute = 10 } },
        }, _time);

        Assert.Equal(10, registry.RateLimiterFor(OpenAI).Snapshot().RequestsPerMinute);
        Assert.Equal(1000, registry.RateLimiterFor(DeploymentKey.For(new RouteTarget("anthropic", "claude-sonnet-4-5"))).Snapshot().RequestsPerMinute);
    }

    [Fact]
    public void BreakerSnapshots_ListsEveryBreakerByNameWithState()
    {
        var registry = new ResilienceRegistry(new ResilienceOptions(), _time);
        var transitions = new List<BreakerTransition>();
        registry.BreakerTransitioned += (_, t) => transitions.Add(t);
        var broken = registry.BreakerFor(OpenAI, "gpt-4o");
        registry.BreakerFor(OpenAI, "gpt-4o-mini");
        Assert.True(broken.TryAcquire(out var permit));
        broken.Report(permit, new Failure(FailureKind.RateLimited, "slow down") { RetryAfter = TimeSpan.FromSeconds(10) });

        var snapshots = registry.BreakerSnapshots();

        Assert.Equal(["openai/default/gpt-4o|gpt-4o", "openai/default/gpt-4o|gpt-4o-mini"], snapshots.Select(s => s.Name));
        Assert.Equal(BreakerState.Open, snapshots[0].State);
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromSeconds(10), snapshots[0].OpenUntil);
        Assert.Equal(BreakerState.Closed, snapshots[1].State);
        Assert.Single(transitions);
    }

    [Fact]
    public void Validate_NestedErrors_AreAllReportedWithPaths()
    {
        var errors = new ResilienceOptions
        {
            Backoff = new BackoffOptions { Base = TimeSpan.Zero },
            CircuitBreaker = new CircuitBreakerOptions { HalfOpenProbes = 0 },
            Deployments = new Dictionary<string, ProviderRateLimitOptions> { ["openai"] = new() { RequestsPerMinute = 0 } },
        }.Validate();

        Assert.Contains(errors, e => e.StartsWith("Resilience:Backoff:Base: must be positive", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Resilience:CircuitBreaker:HalfOpenProbes", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Resilience:Deployments:openai: the key", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Resilience:Deployments:openai:RequestsPerMinute", StringComparison.Ordinal));
        Assert.Empty(new ResilienceOptions().Validate());
    }
}
