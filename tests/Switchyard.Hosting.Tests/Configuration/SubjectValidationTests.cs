using Switchyard.Hosting.Auth;
using Switchyard.Hosting.Configuration;

namespace Switchyard.Hosting.Tests.Configuration;

/// <summary>
/// Names that point elsewhere in the configuration must point at something: a budget or limit whose subject is
/// misspelled would match no request and silently never apply.
/// </summary>
public sealed class SubjectValidationTests
{
    [Fact]
    public void BudgetSubjects_NamingNoTenantKeyOrRoute_AreRefusedWithTheNamesThatExist()
    {
        var options = Options();
        options.Costs.Budgets.AddRange(
        [
            new BudgetOptions { Name = "t", Scope = "tenant", Subject = "acmee", LimitUsd = 1 },
            new BudgetOptions { Name = "k", Scope = "key", Subject = "acme-prd", LimitUsd = 1 },
            new BudgetOptions { Name = "r", Scope = "route", Subject = "chat-fats", LimitUsd = 1 },
            new BudgetOptions { Name = "g", Scope = "global", Subject = "acme", LimitUsd = 1 },
        ]);

        var failures = Failures(options);

        Assert.Contains(failures, f => f.StartsWith("Switchyard:Costs:Budgets:0:Subject 'acmee' names no tenant", StringComparison.Ordinal) && f.Contains("acme, default", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Switchyard:Costs:Budgets:1:Subject 'acme-prd' names no key", StringComparison.Ordinal) && f.Contains("acme-prod", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Switchyard:Costs:Budgets:2:Subject 'chat-fats' names no route", StringComparison.Ordinal) && f.Contains("chat-fast", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Switchyard:Costs:Budgets:3:Subject 'acme' does not apply to a global budget", StringComparison.Ordinal));
    }

    [Fact]
    public void BudgetSubjects_ThatExist_IncludingPlainModelsAndTheProcessKeys_AreAccepted()
    {
        var options = Options();
        options.Costs.Budgets.AddRange(
        [
            new BudgetOptions { Name = "t", Scope = "tenant", Subject = "acme", LimitUsd = 1 },
            new BudgetOptions { Name = "d", Scope = "tenant", Subject = "default", LimitUsd = 1 },
            new BudgetOptions { Name = "k", Scope = "key", Subject = "acme-prod", LimitUsd = 1 },
            new BudgetOptions { Name = "e", Scope = "key", Subject = "SWITCHYARD_API_KEY", LimitUsd = 1 },
            new BudgetOptions { Name = "r", Scope = "route", Subject = "chat-fast", LimitUsd = 1 },
            new BudgetOptions { Name = "m", Scope = "route", Subject = "gpt-4o-mini", LimitUsd = 1 },
            new BudgetOptions { Name = "b", Scope = "route", Subject = "batch", LimitUsd = 1 },
        ]);
        options.InboundLimits.Tenants["acme"] = new RateLimitPair { RequestsPerMinute = 10 };

        Assert.Empty(Failures(options));
    }

    [Fact]
    public void InboundLimit_ForATenantWithNoKey_IsRefused()
    {
        var options = Options();
        options.InboundLimits.Tenants["acmee"] = new RateLimitPair { RequestsPerMinute = 10 };

        Assert.Contains(Failures(options), f => f.StartsWith("Switchyard:InboundLimits:Tenants:acmee names no tenant", StringComparison.Ordinal));
    }

    [Fact]
    public void InProcessHosts_WhoseClientsNameTheirOwnTenants_MayBudgetAnyTenantOrKey_ButNotAMissingRoute()
    {
        var options = Options();
        options.Costs.Budgets.AddRange(
        [
            new BudgetOptions { Name = "t", Scope = "tenant", Subject = "capped", LimitUsd = 1 },
            new BudgetOptions { Name = "k", Scope = "key", Subject = "worker", LimitUsd = 1 },
            new BudgetOptions { Name = "r", Scope = "route", Subject = "chat-fats", LimitUsd = 1 },
        ]);

        var failures = new SwitchyardOptionsValidator { TenantsComeFromKeys = false }.Validate(null, options).Failures ?? [];

        Assert.StartsWith("Switchyard:Costs:Budgets:2:Subject 'chat-fats' names no route", Assert.Single(failures), StringComparison.Ordinal);
    }

    [Fact]
    public void KeyBudgets_MayNameTheKeysMemorysOwnCallsAreMadeUnder()
    {
        var options = Options();
        options.Costs.Budgets.AddRange(
        [
            new BudgetOptions { Name = "e", Scope = "key", Subject = "memory-embedder", LimitUsd = 1 },
            new BudgetOptions { Name = "s", Scope = "key", Subject = "memory-summarizer", LimitUsd = 1 },
            new BudgetOptions { Name = "typo", Scope = "key", Subject = "memory-embeder", LimitUsd = 1 },
        ]);

        var failures = Failures(options);

        Assert.StartsWith("Switchyard:Costs:Budgets:2:Subject 'memory-embeder' names no key", Assert.Single(failures), StringComparison.Ordinal);
    }

    private static List<string> Failures(SwitchyardOptions options) => new SwitchyardOptionsValidator().Validate(null, options).Failures?.ToList() ?? [];

    private static SwitchyardOptions Options()
    {
        var options = new SwitchyardOptions();
        options.Keys.Add(new VirtualKeyOptions { Tenant = "acme", Name = "acme-prod", Hash = KeyHash.Compute("sy-a") });
        options.Routes["chat-fast"] = new RouteOptions { Targets = [new RouteTargetOptions { Provider = "openai", Model = "gpt-4o-mini" }] };
        return options;
    }
}
