using Microsoft.Extensions.Configuration;
using Switchyard.Hosting.Configuration;

namespace Switchyard.Hosting.Tests.Configuration;

/// <summary>Storm-control settings bind from flat configuration keys into the engine's option records, strictly.</summary>
public sealed class ResilienceConfigurationTests
{
    [Fact]
    public void Bind_ResilienceSection_ReachesTheEngineOptions()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Switchyard:StormControl"] = "true",
            ["Switchyard:Resilience:CircuitBreaker:BreakDuration"] = "00:00:02",
            ["Switchyard:Resilience:CircuitBreaker:MinimumThroughput"] = "4",
            ["Switchyard:Resilience:RetryBudget:Ratio"] = "0.2",
            ["Switchyard:Resilience:Backoff:Base"] = "00:00:00.050",
            ["Switchyard:Resilience:RateLimits:RequestsPerMinute"] = "600",
            ["Switchyard:Resilience:Deployments:openai/default/gpt-4o:TokensPerMinute"] = "30000",
        }).Build();

        var options = new SwitchyardOptions();
        configuration.GetSection("Switchyard").Bind(options, b => b.ErrorOnUnknownConfiguration = true);

        Assert.Equal(TimeSpan.FromSeconds(2), options.Resilience.CircuitBreaker.BreakDuration);
        Assert.Equal(4, options.Resilience.CircuitBreaker.MinimumThroughput);
        Assert.Equal(0.2, options.Resilience.RetryBudget.Ratio);
        Assert.Equal(TimeSpan.FromMilliseconds(50), options.Resilience.Backoff.Base);
        Assert.Equal(600, options.Resilience.RateLimits.RequestsPerMinute);
        Assert.Equal(30000, options.Resilience.Deployments["openai/default/gpt-4o"].TokensPerMinute);
        Assert.Empty(new SwitchyardOptionsValidator().Validate(null, options).Failures ?? []);
    }

    [Fact]
    public void Validate_BadResilienceValues_ReportsThemWithTheirPaths()
    {
        var options = new SwitchyardOptions
        {
            Resilience = new Switchyard.Resilience.ResilienceOptions
            {
                CircuitBreaker = new Switchyard.Resilience.CircuitBreakerOptions { FailureRatio = 1.5 },
                RetryBudget = new Switchyard.Resilience.RetryBudgetOptions { Ratio = -1 },
            },
        };

        var failures = new SwitchyardOptionsValidator().Validate(null, options).Failures!.ToList();

        Assert.Contains(failures, f => f.Contains("Switchyard:Resilience:CircuitBreaker", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Switchyard:Resilience:RetryBudget", StringComparison.Ordinal));
    }
}
