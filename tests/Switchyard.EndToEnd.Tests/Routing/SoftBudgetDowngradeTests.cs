using System.Net;

namespace Switchyard.EndToEnd.Tests.Routing;

/// <summary>A soft budget that runs out moves requests to its cheaper route, with a warning header, and never refuses.</summary>
public sealed class SoftBudgetDowngradeTests(SoftBudgetDowngradeTests.Harness harness) : IClassFixture<SoftBudgetDowngradeTests.Harness>
{
    public sealed class Harness : RoutingHarness
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
        [
            .. Route("premium", "gpt-4o"),
            .. Route("budget", "gpt-4o-mini"),
            Setting("Switchyard:Costs:Budgets:0:Name", "acme-soft"),
            Setting("Switchyard:Costs:Budgets:0:Scope", "tenant"),
            Setting("Switchyard:Costs:Budgets:0:LimitUsd", "0.0008"),
            Setting("Switchyard:Costs:Budgets:0:Hard", "false"),
            Setting("Switchyard:Costs:Budgets:0:DowngradeRoute", "budget"),
        ];
    }

    [Fact]
    public async Task Post_PremiumAfterTheSoftLimitIsExceeded_IsServedByTheCheaperRouteWithAWarning()
    {
        // gpt-4o with 50 output tokens costs about $0.00054: the first fits the $0.0008 limit, a second would not.
        using (var first = await harness.PostChatAsync(RoutingHarness.ChatBody("premium")))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Equal("gpt-4o", RoutingHarness.Header(first, "x-switchyard-model"));
            Assert.Null(RoutingHarness.Header(first, "x-switchyard-budget-warning"));
        }

        // About $0.00003 each on gpt-4o-mini: a dozen pass the limit itself, and still nothing is refused.
        for (var i = 0; i < 12; i++)
        {
            using var response = await harness.PostChatAsync(RoutingHarness.ChatBody("premium", text: $"Question {i}."));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("gpt-4o-mini", RoutingHarness.Header(response, "x-switchyard-model"));
            Assert.Equal("budget", RoutingHarness.Header(response, "x-switchyard-route"));
            Assert.Contains("acme-soft", RoutingHarness.Header(response, "x-switchyard-budget-warning") ?? "", StringComparison.Ordinal);
        }

        Assert.True(await harness.TotalSpendAsync() > 0.0008m, "the soft limit was passed without a refusal");
        var byModel = (await harness.SpendAsync("group_by=model")).EnumerateArray().ToDictionary(r => r.GetProperty("model").GetString()!, r => r.GetProperty("requests").GetInt64());
        Assert.Equal(1, byModel.GetValueOrDefault("gpt-4o"));
        Assert.Equal(12, byModel.GetValueOrDefault("gpt-4o-mini"));
    }
}
