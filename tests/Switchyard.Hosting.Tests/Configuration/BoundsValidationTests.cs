using Switchyard.Hosting.Configuration;

namespace Switchyard.Hosting.Tests.Configuration;

/// <summary>
/// Values that used to pass validation and then fail at start with a stack trace (a retention that overflows a date,
/// a storage path SQLite cannot open) or be silently ignored (a setting that does not apply where it was written).
/// </summary>
public sealed class BoundsValidationTests
{
    [Fact]
    public void Retentions_TooLongForADate_AreRefused()
    {
        var options = new SwitchyardOptions();
        options.Conversations.RetentionDays = int.MaxValue;
        options.Idempotency.RetentionHours = int.MaxValue;
        options.Memory.Retention = TimeSpan.MaxValue;
        options.Costs.BatchBillingSweepSeconds = 1e300;

        var failures = Failures(options);

        Assert.Contains(failures, f => f.StartsWith("Switchyard:Conversations:RetentionDays must be 1–36500", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Switchyard:Idempotency:RetentionHours must be 1–876000", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Switchyard:Memory:Retention: must be more than zero and at most 36500 days", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Switchyard:Costs:BatchBillingSweepSeconds must be 0 (off) or 0.1–86400", StringComparison.Ordinal));
    }

    [Fact]
    public void SweepOfAFractionOfASecond_IsRefused_RatherThanSpinning()
    {
        var options = new SwitchyardOptions();
        options.Costs.BatchBillingSweepSeconds = 1e-9;

        Assert.Contains(Failures(options), f => f.StartsWith("Switchyard:Costs:BatchBillingSweepSeconds", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("", "Switchyard:Storage:Path is required")]
    [InlineData("/no/such/directory/switchyard.db", "is in a directory that does not exist")]
    [InlineData(".", "is a directory")]
    public void StoragePath_SqliteCannotOpen_IsRefusedWithTheSetting(string path, string expected)
    {
        var options = new SwitchyardOptions();
        options.Storage.Path = path;

        Assert.Contains(Failures(options), f => f.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void SettingsThatDoNotApplyWhereWritten_AreRefused()
    {
        var options = new SwitchyardOptions();
        options.Costs.Budgets.Add(new BudgetOptions { Name = "d", Scope = "global", Window = "day", RollingSeconds = 60, LimitUsd = 1 });
        options.Costs.Prices["gpt-4o"] = new PriceOptions { Model = "gpt-4o-mini", Input = 1, Output = 1 };
        options.Routes[""] = new RouteOptions { Targets = [new RouteTargetOptions { Provider = "openai", Model = "gpt-4o" }] };

        var failures = Failures(options);

        Assert.Contains(failures, f => f.StartsWith("Switchyard:Costs:Budgets:0:RollingSeconds applies to rolling windows only", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Switchyard:Costs:Prices:gpt-4o:Model is read in PriceList entries only", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Switchyard:Routes has a route without a name", StringComparison.Ordinal));
    }

    [Fact]
    public void BudgetWithoutALimit_AndAKeyWithAnEmptyName_AreRefused_RatherThanReadAsZeroAndAsANameless()
    {
        var options = new SwitchyardOptions();
        options.Costs.Budgets.Add(new BudgetOptions { Name = "day", Scope = "global", Window = "day" });
        options.Keys.Add(new VirtualKeyOptions { Tenant = "acme", Name = " ", Hash = Switchyard.Hosting.Auth.KeyHash.Compute("sy-a") });

        var failures = Failures(options);

        Assert.Contains(failures, f => f.StartsWith("Switchyard:Costs:Budgets:0:LimitUsd is required", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Switchyard:Keys:0:Name must not be empty", StringComparison.Ordinal));
    }

    [Fact]
    public void ProviderBaseUrl_WithCredentials_IsRefused_WithoutPrintingThem()
    {
        var options = new SwitchyardOptions();
        options.Providers.OpenAI.BaseUrl = "https://user:sk-live-secret@api.openai.com";
        options.Providers.Anthropic.BaseUrl = "ftp://user:sk-ant-secret@example.com";

        var failures = Failures(options);

        Assert.Contains(failures, f => f.StartsWith("Switchyard:Providers:OpenAI:BaseUrl must not hold credentials", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Switchyard:Providers:Anthropic:BaseUrl must be an absolute http(s) URL", StringComparison.Ordinal));
        Assert.DoesNotContain(failures, f => f.Contains("secret", StringComparison.Ordinal));
    }

    [Fact]
    public void ResilienceDurations_BeyondADay_AreRefused_RatherThanOverflowingTheBreakersDates()
    {
        var huge = TimeSpan.Parse("10675199.02:48:05.4775807", System.Globalization.CultureInfo.InvariantCulture);
        var options = new SwitchyardOptions
        {
            Resilience = new Switchyard.Resilience.ResilienceOptions
            {
                CircuitBreaker = new Switchyard.Resilience.CircuitBreakerOptions
                {
                    BreakDuration = huge, MaxBreakDuration = huge, SamplingDuration = huge, ProbeTimeout = huge,
                },
                Backoff = new Switchyard.Resilience.BackoffOptions { Base = huge, Cap = huge },
            },
        };
        options.Streams.DetachedGenerationSeconds = int.MaxValue;

        var failures = Failures(options);

        foreach (var setting in new[]
        {
            "Resilience:CircuitBreaker:BreakDuration", "Resilience:CircuitBreaker:MaxBreakDuration", "Resilience:CircuitBreaker:SamplingDuration",
            "Resilience:CircuitBreaker:ProbeTimeout", "Resilience:Backoff:Base", "Resilience:Backoff:Cap",
        })
        {
            Assert.Contains(failures, f => f.StartsWith($"Switchyard:{setting}: must", StringComparison.Ordinal) && f.Contains("at most a day", StringComparison.Ordinal));
        }

        Assert.Contains(failures, f => f.StartsWith("Switchyard:Streams:DetachedGenerationSeconds must be 0–86400", StringComparison.Ordinal));
    }

    [Fact]
    public void RetryBudgetRatio_AboveOne_IsRefused_AsAShare()
    {
        var options = new SwitchyardOptions
        {
            Resilience = new Switchyard.Resilience.ResilienceOptions { RetryBudget = new Switchyard.Resilience.RetryBudgetOptions { Ratio = 5 } },
        };

        Assert.Contains(Failures(options), f => f.StartsWith("Switchyard:Resilience:RetryBudget:Ratio: must be between 0 and 1", StringComparison.Ordinal));
    }

    private static List<string> Failures(SwitchyardOptions options) => new SwitchyardOptionsValidator().Validate(null, options).Failures?.ToList() ?? [];
}
