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
    public async Task Messages_HourLongCacheWrite_CountsAtItsPriceAgainstTheCap()
    {
        // claude-haiku-4-5: $1 per million input, $2 for a one-hour cache write, $5 output. About 280 prompt tokens and
        // 20 output tokens fit the $0.0005 cap at the input price and at the five-minute write price ($1.25), not when the
        // whole prompt may be written for an hour.
        var rules = string.Concat(Enumerable.Repeat("lake ", 220));
        static string Body(string rules, string cache) => $$"""
            {"model":"claude-haiku-4-5","max_tokens":20,"system":[{"type":"text","text":"{{rules}}"{{cache}}}],
             "messages":[{"role":"user","content":"Hi"}]}
            """;

        using var plain = await reject.PostAsync("/v1/messages", Body(rules, ""), anthropicHeaders: true);
        using var fiveMinutes = await reject.PostAsync("/v1/messages", Body(rules, ""","cache_control":{"type":"ephemeral"}"""), anthropicHeaders: true);
        var callsBefore = await reject.SimulatorRequestCountAsync();
        using var hour = await reject.PostAsync("/v1/messages", Body(rules, ""","cache_control":{"type":"ephemeral","ttl":"1h"}"""), anthropicHeaders: true);

        Assert.True(plain.StatusCode == HttpStatusCode.OK, await plain.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.True(fiveMinutes.StatusCode == HttpStatusCode.OK, await fiveMinutes.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.OK, fiveMinutes.StatusCode);
        Assert.Equal((HttpStatusCode)429, hour.StatusCode);
        using var error = JsonDocument.Parse(await hour.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Contains("per-request cap", error.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(callsBefore, await reject.SimulatorRequestCountAsync());
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

    [Fact]
    public async Task Messages_ClampOutputBelowTheThinkingBudget_ThinkingStopsAndTheAnswerComes()
    {
        // Anthropic refuses a thinking budget that is not below max_tokens; a clamped limit must not turn a valid
        // request into that 400. At about 90 output tokens the budget cannot be kept at the API's minimum of 1,024.
        using var response = await clamp.PostAsync("/v1/messages", """
            {"model":"claude-haiku-4-5","max_tokens":4096,"thinking":{"type":"enabled","budget_tokens":2048},
             "messages":[{"role":"user","content":"Tell me about rivers."}]}
            """, anthropicHeaders: true);

        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        using var body = JsonDocument.Parse(text);
        Assert.Equal("max_tokens", body.RootElement.GetProperty("stop_reason").GetString());
        var (_, sent) = (await clamp.SimulatorRequestsAsync())[^1];
        Assert.Equal("""{"type":"disabled"}""", sent.GetProperty("thinking").GetRawText());
        Assert.True(sent.GetProperty("max_tokens").GetInt32() < 1024);
    }
}
