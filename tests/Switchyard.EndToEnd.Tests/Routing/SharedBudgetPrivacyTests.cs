using System.Net;
using System.Text.Json;
using Switchyard.Hosting.Auth;
using Switchyard.Testing;

namespace Switchyard.EndToEnd.Tests.Routing;

/// <summary>
/// A route or global budget sums every tenant's spend, so its amounts are other tenants' spend too: a tenant's key sees
/// such a budget's name, limit and whether it is exhausted, never what is spent or reserved, in <c>/admin/budgets</c> and
/// in the refusal it answers. Its own tenant's budget it sees in full, and an admin key sees everything.
/// </summary>
public sealed class SharedBudgetPrivacyTests(SharedBudgetPrivacyTests.Harness harness) : IClassFixture<SharedBudgetPrivacyTests.Harness>
{
    private const string GlobexKey = "sy-test-globex-budgets-4242";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public sealed class Harness : GatewayHarness
    {
        // $0.001 per output token: a request with max_tokens 20 reserves $0.02; the route's $0.05 holds two of them.
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
        [
            new("Switchyard:Keys:1:Tenant", "globex"),
            new("Switchyard:Keys:1:Hash", KeyHash.Compute(GlobexKey)),
            new("Switchyard:Costs:Prices:gpt-4o-mini:Input", "0"),
            new("Switchyard:Costs:Prices:gpt-4o-mini:Output", "1000"),
            new("Switchyard:Costs:Budgets:0:Name", "mini-route"),
            new("Switchyard:Costs:Budgets:0:Scope", "route"),
            new("Switchyard:Costs:Budgets:0:Subject", "gpt-4o-mini"),
            new("Switchyard:Costs:Budgets:0:LimitUsd", "0.05"),
            new("Switchyard:Costs:Budgets:1:Name", "everything"),
            new("Switchyard:Costs:Budgets:1:Scope", "global"),
            new("Switchyard:Costs:Budgets:1:LimitUsd", "100"),
            new("Switchyard:Costs:Budgets:2:Name", "globex-own"),
            new("Switchyard:Costs:Budgets:2:Scope", "tenant"),
            new("Switchyard:Costs:Budgets:2:Subject", "globex"),
            new("Switchyard:Costs:Budgets:2:LimitUsd", "1"),
        ];
    }

    [Fact]
    public async Task AcmeSpendsTheRoutesBudget_GlobexLearnsOnlyThatItIsExhausted()
    {
        for (var i = 0; i < 3; i++)
        {
            using var _ = await harness.PostAsync("/v1/chat/completions", RoutingHarness.ChatBody("gpt-4o-mini", maxTokens: 20));
        }

        var globexView = await BudgetsAsync(GlobexKey);
        var adminView = await BudgetsAsync(GatewayHarness.AdminKey);
        using var refused = await harness.PostAsync("/v1/chat/completions", RoutingHarness.ChatBody("gpt-4o-mini", maxTokens: 20), GlobexKey);
        var refusal = JsonDocument.Parse(await refused.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("error").GetProperty("message").GetString()!;

        var route = globexView["mini-route"];
        Assert.Equal("route", route.GetProperty("scope").GetString());
        Assert.Equal(0.05m, route.GetProperty("limit_usd").GetDecimal());
        Assert.True(route.GetProperty("exhausted").GetBoolean() || adminView["mini-route"].GetProperty("remaining_usd").GetDecimal() < 0.02m);
        Assert.False(route.TryGetProperty("spent_usd", out _));
        Assert.False(route.TryGetProperty("reserved_usd", out _));
        Assert.False(route.TryGetProperty("remaining_usd", out _));
        Assert.False(globexView["everything"].TryGetProperty("spent_usd", out _));
        Assert.Equal(0m, globexView["globex-own"].GetProperty("spent_usd").GetDecimal());
        Assert.True(adminView["mini-route"].GetProperty("spent_usd").GetDecimal() > 0.03m);
        Assert.True(adminView["everything"].GetProperty("spent_usd").GetDecimal() > 0.03m);

        Assert.Equal((HttpStatusCode)429, refused.StatusCode);
        Assert.StartsWith("Budget 'mini-route' (route gpt-4o-mini, every tenant's spend) is exhausted; this request could cost up to $0.02", refusal, StringComparison.Ordinal);
        Assert.DoesNotContain("spent", refusal, StringComparison.Ordinal);
    }

    private async Task<Dictionary<string, JsonElement>> BudgetsAsync(string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(harness.GatewayUrl, "/admin/budgets?route=gpt-4o-mini"));
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + key);
        using var response = await harness.Http.SendAsync(request, Ct);
        response.EnsureSuccessStatusCode();
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        return body.GetProperty("budgets").EnumerateArray().ToDictionary(b => b.GetProperty("name").GetString()!, b => b.Clone());
    }
}
