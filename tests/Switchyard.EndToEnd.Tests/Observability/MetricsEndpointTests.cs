using System.Globalization;
using System.Net;
using System.Text.Json;
using Switchyard.EndToEnd.Tests.Routing;
using Switchyard.Simulator;
using Switchyard.Testing;

namespace Switchyard.EndToEnd.Tests.Observability;

/// <summary>
/// <c>GET /metrics</c> after known traffic: three OpenAI-door requests on route <c>metrics-probe</c> (one streamed, one
/// failing over from a scripted 500 on the primary) and two Anthropic-door requests on <c>metrics-probe-claude</c>.
/// Meters are process-wide and other classes run in parallel, so every assertion filters by these routes' names.
/// </summary>
public sealed class MetricsEndpointTests(MetricsEndpointTests.Harness harness) : IClassFixture<MetricsEndpointTests.Harness>
{
    private const string Probe = "metrics-probe";
    private const string ClaudeProbe = "metrics-probe-claude";

    public sealed class Harness : RoutingHarness
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
        [
            .. Route(Probe, PrimaryModel, SecondaryModel),
            .. Route(ClaudeProbe, SecondaryModel),
            // A budget makes the gateway reserve and settle (the reservation series).
            Setting("Switchyard:Costs:Budgets:0:Name", "acme-metrics"),
            Setting("Switchyard:Costs:Budgets:0:Scope", "tenant"),
            Setting("Switchyard:Costs:Budgets:0:LimitUsd", "100"),
        ];
    }

    [Fact]
    public async Task Scrape_AfterKnownTraffic_ReportsExactGenAIAndSwitchyardSeries()
    {
        var ct = TestContext.Current.CancellationToken;
        await harness.ResetSimulatorAsync();
        var openAIUsage = new List<(long Input, long Output)>();
        var claudeUsage = new List<(long Input, long Output)>();

        // 1. Plain, served by the primary; its usage is exactly what the fault-free simulator answers.
        var plainBody = RoutingHarness.ChatBody(Probe, text: "Tell me about canals.");
        using (var response = await harness.PostChatAsync(plainBody))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var usage = (await JsonOf(response)).GetProperty("usage");
            openAIUsage.Add((usage.GetProperty("prompt_tokens").GetInt64(), usage.GetProperty("completion_tokens").GetInt64()));
            var expected = GatewayHarness.Expected(SimulatorApi.OpenAIChatCompletions, RoutingHarness.ChatBody(RoutingHarness.PrimaryModel, text: "Tell me about canals."));
            Assert.Equal((expected.PromptTokens, expected.CompletionTokens), ((int)openAIUsage[0].Input, (int)openAIUsage[0].Output));
        }

        // 2. Streamed, served by the primary; usage from the final chunk.
        var streamBody = """{"model":"metrics-probe","stream":true,"stream_options":{"include_usage":true},"max_tokens":50,"messages":[{"role":"user","content":"Tell me about bridges."}]}""";
        using (var response = await harness.PostChatAsync(streamBody))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var text = await response.Content.ReadAsStringAsync(ct);
            var usage = text.Split('\n')
                .Where(l => l.StartsWith("data: {", StringComparison.Ordinal))
                .Select(l => JsonDocument.Parse(l["data: ".Length..]).RootElement)
                .Last(e => e.TryGetProperty("usage", out var u) && u.ValueKind == JsonValueKind.Object)
                .GetProperty("usage");
            openAIUsage.Add((usage.GetProperty("prompt_tokens").GetInt64(), usage.GetProperty("completion_tokens").GetInt64()));
        }

        // 3. The primary answers 500 once: the secondary serves (a fallback), in OpenAI format.
        await harness.SetScenarioAsync("""{"rules":[{"provider":"openai","count":1,"fault":{"kind":"status","status":500}}]}""");
        using (var response = await harness.PostChatAsync(RoutingHarness.ChatBody(Probe, text: "Tell me about locks.")))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("anthropic", RoutingHarness.Header(response, "x-switchyard-provider"));
            var usage = (await JsonOf(response)).GetProperty("usage");
            claudeUsage.Add((usage.GetProperty("prompt_tokens").GetInt64(), usage.GetProperty("completion_tokens").GetInt64()));
        }

        await harness.ResetSimulatorAsync();

        // 4, 5. The Anthropic door, same format.
        foreach (var topic in new[] { "harbours", "ferries" })
        {
            var body = $$"""{"model":"{{ClaudeProbe}}","max_tokens":50,"messages":[{"role":"user","content":"Tell me about {{topic}}."}]}""";
            using var response = await harness.PostAsync("/v1/messages", body, anthropicHeaders: true);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var usage = (await JsonOf(response)).GetProperty("usage");
            claudeUsage.Add((usage.GetProperty("input_tokens").GetInt64(), usage.GetProperty("output_tokens").GetInt64()));
        }

        // Metrics are recorded just after the answer is written: wait for the last series of the last request.
        var scrape = await ScrapeUntilAsync(s =>
            s.Sum("gen_ai_client_token_usage_count", ("switchyard_route", Probe), ("gen_ai_token_type", "output")) == 3
            && s.Sum("gen_ai_client_token_usage_count", ("switchyard_route", ClaudeProbe), ("gen_ai_token_type", "output")) == 2);

        // Requests and outcomes.
        Assert.Equal(3, scrape.Sum("switchyard_requests_total", ("switchyard_route", Probe), ("switchyard_outcome", "ok")));
        Assert.Equal(2, scrape.Sum("switchyard_requests_total", ("switchyard_route", ClaudeProbe), ("switchyard_outcome", "ok")));
        Assert.Equal(3, scrape.Sum("switchyard_requests_total", ("switchyard_route", Probe)));

        // Attempts by target and outcome: two good primaries, one 500 on the primary, one good secondary.
        Assert.Equal(2, scrape.Sum("switchyard_attempts_total", ("switchyard_route", Probe), ("gen_ai_provider_name", "openai"), ("gen_ai_request_model", RoutingHarness.PrimaryModel), ("switchyard_outcome", "ok")));
        Assert.Equal(1, scrape.Sum("switchyard_attempts_total", ("switchyard_route", Probe), ("gen_ai_provider_name", "openai"), ("switchyard_outcome", "ServerError")));
        Assert.Equal(1, scrape.Sum("switchyard_attempts_total", ("switchyard_route", Probe), ("gen_ai_provider_name", "anthropic"), ("gen_ai_request_model", RoutingHarness.SecondaryModel), ("switchyard_outcome", "ok")));
        Assert.Equal(4, scrape.Sum("switchyard_attempts_total", ("switchyard_route", Probe)));
        Assert.Equal(2, scrape.Sum("switchyard_attempts_total", ("switchyard_route", ClaudeProbe), ("switchyard_outcome", "ok")));

        // One fallback, to the secondary; no retries (a server error falls back on a two-target route).
        Assert.Equal(1, scrape.Sum("switchyard_fallbacks_total", ("switchyard_route", Probe), ("gen_ai_provider_name", "anthropic")));
        Assert.Equal(0, scrape.Sum("switchyard_fallbacks_total", ("switchyard_route", ClaudeProbe)));
        Assert.Equal(0, scrape.Sum("switchyard_retries_total", ("switchyard_route", Probe)));

        // GenAI operation duration: one per request, attributed to the target that answered.
        Assert.Equal(2, scrape.Sum("gen_ai_client_operation_duration_seconds_count", ("switchyard_route", Probe), ("gen_ai_provider_name", "openai"), ("gen_ai_operation_name", "chat")));
        Assert.Equal(1, scrape.Sum("gen_ai_client_operation_duration_seconds_count", ("switchyard_route", Probe), ("gen_ai_provider_name", "anthropic"), ("gen_ai_request_model", RoutingHarness.SecondaryModel)));
        Assert.Equal(2, scrape.Sum("gen_ai_client_operation_duration_seconds_count", ("switchyard_route", ClaudeProbe)));
        Assert.True(scrape.Sum("gen_ai_client_operation_duration_seconds_sum", ("switchyard_route", Probe)) > 0);

        // Token usage: counts and sums equal what the simulator reported to the caller.
        AssertTokens(scrape, Probe, "openai", openAIUsage);
        AssertTokens(scrape, Probe, "anthropic", claudeUsage.Take(1).ToList());
        AssertTokens(scrape, ClaudeProbe, "anthropic", claudeUsage.Skip(1).ToList());

        // Spend by tenant and reservations back to zero once everything settled.
        Assert.True(scrape.Sum("switchyard_spend_USD_total", ("switchyard_tenant", "acme"), ("switchyard_route", Probe)) > 0, scrape.Text);
        Assert.Equal(0, scrape.Sum("switchyard_reservations_active", ("switchyard_tenant", "acme")));
        Assert.True(Math.Abs(scrape.Sum("switchyard_reservations_reserved_USD", ("switchyard_tenant", "acme"))) < 1e-9);

        // No key or prompt text anywhere in the scrape.
        Assert.DoesNotContain(GatewayHarness.Key, scrape.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-sim-", scrape.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("canals", scrape.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scrape_UnknownModel_IsTaggedUnknownNotWithTheClientsText()
    {
        using var response = await harness.PostChatAsync(RoutingHarness.ChatBody("no-such-model-metrics-7f3a"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var scrape = await ScrapeUntilAsync(s => s.Sum("switchyard_requests_total", ("switchyard_route", "_unknown")) >= 1);
        Assert.DoesNotContain("no-such-model-metrics-7f3a", scrape.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scrape_WithoutKey_IsOpenByDefault()
    {
        using var response = await harness.Http.GetAsync(new Uri(harness.GatewayUrl, "/metrics"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
    }

    private static void AssertTokens(PrometheusText scrape, string route, string provider, List<(long Input, long Output)> usage)
    {
        (string, string)[] Labels(string type) => [("switchyard_route", route), ("gen_ai_provider_name", provider), ("gen_ai_token_type", type), ("gen_ai_operation_name", "chat")];
        Assert.Equal(usage.Count, scrape.Sum("gen_ai_client_token_usage_count", Labels("input")));
        Assert.Equal(usage.Count, scrape.Sum("gen_ai_client_token_usage_count", Labels("output")));
        Assert.Equal(usage.Sum(u => u.Input), scrape.Sum("gen_ai_client_token_usage_sum", Labels("input")));
        Assert.Equal(usage.Sum(u => u.Output), scrape.Sum("gen_ai_client_token_usage_sum", Labels("output")));
    }

    private async Task<PrometheusText> ScrapeUntilAsync(Func<PrometheusText, bool> done)
    {
        PrometheusText? last = null;
        for (var i = 0; i < 50; i++)
        {
            var text = await harness.Http.GetStringAsync(new Uri(harness.GatewayUrl, "/metrics"), TestContext.Current.CancellationToken);
            last = new PrometheusText(text);
            if (done(last))
            {
                return last;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.Fail("The expected series never appeared. Last scrape:\n" + last?.Text);
        return last!;
    }

    private static async Task<JsonElement> JsonOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.Clone();
}
