using System.Net;
using System.Text.Json;

namespace Switchyard.EndToEnd.Tests.Routing;

/// <summary>
/// The per-request cost cap (<c>MaxRequestUsd</c>): <c>reject</c> refuses a request whose worst case is over it before
/// any provider sees it; <c>clamp-output</c> lowers its output limit until the worst case fits, and the answer stops at
/// that limit.
/// </summary>
public sealed class RequestCostCapTests(RequestCostCapTests.RejectHarness reject, RequestCostCapTests.ClampHarness clamp)
    : IClassFixture<RequestCostCapTests.RejectHarness>, IClassFixture<RequestCostCapTests.ClampHarness>
{
    // gpt-4o: $10 per million output tokens, so 1000 output tokens could cost $0.01, twenty times the cap.
    private const string Cap = "0.0005";

    public sealed class RejectHarness : RoutingHarness
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
            [Setting("Switchyard:Costs:MaxRequestUsd", Cap), Setting("Switchyard:Costs:RequestCapAction", "reject")];
    }

    public sealed class ClampHarness : RoutingHarness
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
            [Setting("Switchyard:Costs:MaxRequestUsd", Cap), Setting("Switchyard:Costs:RequestCapAction", "clamp-output")];
    }

    [Fact]
    public async Task Post_RejectAndWorstCaseOverTheCap_Returns429BudgetExceededWithoutCallingTheProvider()
    {
        // The other reject test shares the simulator and may have run first.
        var callsBefore = await reject.SimulatorRequestCountAsync();

        using var response = await reject.PostChatAsync(RoutingHarness.ChatBody("gpt-4o", maxTokens: 1000));

        Assert.Equal((HttpStatusCode)429, response.StatusCode);
        Assert.Equal("false", RoutingHarness.Header(response, "x-should-retry"));
        Assert.Equal("budget_exceeded", (await RoutingHarness.ErrorOfAsync(response)).GetProperty("code").GetString());
        Assert.Equal(callsBefore, await reject.SimulatorRequestCountAsync());
    }

    [Fact]
    public async Task Post_RejectAndWorstCaseUnderTheCap_IsServed()
    {
        using var response = await reject.PostChatAsync(RoutingHarness.ChatBody("gpt-4o", maxTokens: 20));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Post_ClampOutputAndWorstCaseOverTheCap_SucceedsCutAtTheClampedLimit()
    {
        using var response = await clamp.PostChatAsync(RoutingHarness.ChatBody("gpt-4o", maxTokens: 1000));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("length", body.RootElement.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        var output = body.RootElement.GetProperty("usage").GetProperty("completion_tokens").GetInt32();
        Assert.InRange(output, 1, 50); // $0.0005 at $10 per million is 50 output tokens, less the prompt's share
        Assert.True(decimal.Parse(RoutingHarness.Header(response, "x-switchyard-cost-usd")!, System.Globalization.CultureInfo.InvariantCulture) <= decimal.Parse(Cap, System.Globalization.CultureInfo.InvariantCulture));
    }
}
