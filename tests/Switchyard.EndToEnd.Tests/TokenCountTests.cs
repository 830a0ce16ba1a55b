#pragma warning disable OPENAI001 // The Responses client of the official SDK is experimental.
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using System.Text;
using System.Text.Json;
using Anthropic.Models.Messages;
using Microsoft.Extensions.Logging;
using OpenAI.Responses;
using Switchyard.Costs;
using Switchyard.EndToEnd.Tests.Observability;
using Switchyard.EndToEnd.Tests.Routing;
using Switchyard.Providers.Anthropic;
using Switchyard.Providers.OpenAI;
using Switchyard.Testing;

namespace Switchyard.EndToEnd.Tests;

/// <summary>
/// The token-count doors (<c>POST /v1/messages/count_tokens</c>, <c>POST /v1/responses/input_tokens</c>) against the real
/// simulator: counted by the target's provider (same format or translated), the next target when one fails, the
/// gateway's estimate when none answers; errors in the caller's format; metrics and logs.
/// </summary>
public sealed class TokenCountTests(TokenCountTests.Harness harness) : IClassFixture<TokenCountTests.Harness>, IAsyncLifetime
{
    private const string Fallback = "count-fallback";
    private const string MetricsRoute = "count-metrics";
    private const string BudgetRoute = "count-budget";
    private const string System = "Be brief.";

    // Unusual words that can only reach a log line from the prompt.
    private const string Secret = "Axolotl Quillwort Persimmon";

    public sealed class Harness : RoutingHarness
    {
        public CapturingLoggerProvider Capture { get; } = new();

        protected override LogLevel MinimumLogLevel => LogLevel.Debug;

        protected override IReadOnlyList<ILoggerProvider> LoggerProviders => [Capture];

        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
        [
            .. Route(Fallback, SecondaryModel, PrimaryModel),
            .. Route(MetricsRoute, SecondaryModel),
            .. Route(BudgetRoute, SecondaryModel),
            // Counting is free: a budget with nothing left must not refuse it.
            Setting("Switchyard:Costs:Budgets:0:Name", "count-spent"),
            Setting("Switchyard:Costs:Budgets:0:Scope", "route"),
            Setting("Switchyard:Costs:Budgets:0:Subject", BudgetRoute),
            Setting("Switchyard:Costs:Budgets:0:LimitUsd", "0.000001"),
        ];
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await harness.ResetSimulatorAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static string Messages(string model, string question, bool maxTokens = false) =>
        $$"""{"model":"{{model}}",{{(maxTokens ? "\"max_tokens\":40," : "")}}"system":"{{System}}","messages":[{"role":"user","content":{{JsonSerializer.Serialize(question)}}}]}""";

    private static string Responses(string model, string question) =>
        $$"""{"model":"{{model}}","instructions":"{{System}}","input":[{"type":"message","role":"user","content":[{"type":"input_text","text":{{JsonSerializer.Serialize(question)}}}]}]}""";

    private static async Task<JsonElement> JsonOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone();

    private async Task<List<(string Path, JsonElement Body)>> CountCallsAsync() =>
        (await harness.SimulatorRequestsAsync()).Where(r => r.Path.EndsWith("count_tokens", StringComparison.Ordinal) || r.Path.EndsWith("input_tokens", StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task AnthropicSdkCountTokens_ClaudeModel_EqualsTheInputTokensTheSameMessagesCost()
    {
        var client = harness.Anthropic();
        var tool = new Tool { Name = "get_weather", Description = "Weather for a city", InputSchema = new InputSchema { Properties = new Dictionary<string, JsonElement> { ["city"] = JsonSerializer.SerializeToElement(new { type = "string" }) } } };
        var question = "Which mountains near Oslo are worth a day trip in spring, and why?";

        var count = await client.Messages.CountTokens(new MessageCountTokensParams { Model = "claude-haiku-4-5", System = System, Messages = [new UserMessageParam(question)], Tools = [tool] }, Ct);
        var message = await client.Messages.Create(new MessageCreateParams { Model = "claude-haiku-4-5", MaxTokens = 40, System = System, Messages = [new UserMessageParam(question)], Tools = [tool], ToolChoice = new ToolChoiceNone() }, Ct);

        Assert.Equal(message.Usage.InputTokens, count.InputTokens);
        var call = Assert.Single(await CountCallsAsync());
        Assert.Equal("/v1/messages/count_tokens", call.Path);
        Assert.Equal("claude-haiku-4-5", call.Body.GetProperty("model").GetString());
    }

    [Fact]
    public async Task CountTokens_ClaudeRoute_ProviderCountsWithTheTargetsModelAndSaysSo()
    {
        using var response = await harness.PostAsync("/v1/messages/count_tokens", Messages(Fallback, "Describe a glacier."), anthropicHeaders: true);
        var count = (await JsonOf(response)).GetProperty("input_tokens").GetInt32();
        using var generated = await harness.PostAsync("/v1/messages", Messages(Fallback, "Describe a glacier.", maxTokens: true), anthropicHeaders: true);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("provider", RoutingHarness.Header(response, "x-switchyard-token-count"));
        Assert.Equal("anthropic", RoutingHarness.Header(response, "x-switchyard-provider"));
        Assert.Equal(RoutingHarness.SecondaryModel, RoutingHarness.Header(response, "x-switchyard-model"));
        Assert.Equal((await JsonOf(generated)).GetProperty("usage").GetProperty("input_tokens").GetInt32(), count);
        Assert.Equal(RoutingHarness.SecondaryModel, Assert.Single(await CountCallsAsync()).Body.GetProperty("model").GetString());
    }

    [Fact]
    public async Task CountTokens_GptModelOnTheAnthropicDoor_OpenAICountsTheTranslatedRequest()
    {
        const string question = "How do tides work on a lake?";
        using var response = await harness.PostAsync("/v1/messages/count_tokens", Messages("gpt-4o-mini", question), anthropicHeaders: true);
        var count = (await JsonOf(response)).GetProperty("input_tokens").GetInt32();
        using var generated = await harness.PostAsync("/v1/messages", Messages("gpt-4o-mini", question, maxTokens: true), anthropicHeaders: true);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("provider", RoutingHarness.Header(response, "x-switchyard-token-count"));
        Assert.Equal("openai", RoutingHarness.Header(response, "x-switchyard-provider"));
        // OpenAI's count of the translated request is the prompt usage the same messages report when answered by gpt-*.
        Assert.Equal((await JsonOf(generated)).GetProperty("usage").GetProperty("input_tokens").GetInt32(), count);
        var (path, body) = Assert.Single(await CountCallsAsync());
        Assert.Equal("/v1/responses/input_tokens", path);
        Assert.Equal("gpt-4o-mini", body.GetProperty("model").GetString());
        Assert.Equal(System, body.GetProperty("instructions").GetString());
        Assert.False(body.TryGetProperty("stream", out _));
        Assert.False(body.TryGetProperty("store", out _));
    }

    [Fact]
    public async Task InputTokens_OpenAIModelThroughTheSdk_EqualsTheResponsesUsage()
    {
        var client = new ResponsesClient(new ApiKeyCredential(GatewayHarness.Key), new ResponsesClientOptions { Endpoint = new Uri(harness.GatewayUrl, "/v1"), RetryPolicy = new ClientRetryPolicy(0) });
        var body = Responses("gpt-4o-mini", "Why is the sky blue at noon and red at dusk?");

        // The SDK has only the protocol method for this endpoint (no typed options or result).
        var result = await client.GetInputTokenCountAsync(BinaryContent.Create(BinaryData.FromString(body)), "application/json", new RequestOptions { CancellationToken = Ct });
        var count = JsonDocument.Parse(result.GetRawResponse().Content.ToString()).RootElement.Clone();
        using var generated = await harness.PostAsync("/v1/responses", body);

        Assert.Equal("response.input_tokens", count.GetProperty("object").GetString());
        Assert.Equal("provider", result.GetRawResponse().Headers.TryGetValue("x-switchyard-token-count", out var source) ? source : null);
        Assert.Equal((await JsonOf(generated)).GetProperty("usage").GetProperty("input_tokens").GetInt32(), count.GetProperty("input_tokens").GetInt32());
        Assert.Equal("/v1/responses/input_tokens", Assert.Single(await CountCallsAsync()).Path);
    }

    [Fact]
    public async Task InputTokens_ClaudeModel_AnthropicCountsTheTranslatedRequestWithoutOutputFields()
    {
        var body = Responses("claude-haiku-4-5", "Name three rivers in France.");
        using var response = await harness.PostAsync("/v1/responses/input_tokens", body);
        var count = await JsonOf(response);
        using var generated = await harness.PostAsync("/v1/responses", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("anthropic", RoutingHarness.Header(response, "x-switchyard-provider"));
        Assert.Equal("response.input_tokens", count.GetProperty("object").GetString());
        Assert.Equal((await JsonOf(generated)).GetProperty("usage").GetProperty("input_tokens").GetInt32(), count.GetProperty("input_tokens").GetInt32());
        var (path, sent) = Assert.Single(await CountCallsAsync());
        Assert.Equal("/v1/messages/count_tokens", path);
        Assert.Equal(System, sent.GetProperty("system").GetString());
        Assert.False(sent.TryGetProperty("max_tokens", out _));
        Assert.False(sent.TryGetProperty("stream", out _));
    }

    [Theory]
    [InlineData("gpt-4o-mini")]
    [InlineData("claude-haiku-4-5")]
    public async Task InputTokens_PreviousResponseId_CountsTheWholeStoredConversation(string model)
    {
        using var first = await harness.PostAsync("/v1/responses", Responses(model, "Name a large lake."));
        var id = (await JsonOf(first)).GetProperty("id").GetString();
        var next = $$"""{"model":"{{model}}","previous_response_id":"{{id}}","input":"And a deep one?"}""";

        using var counted = await harness.PostAsync("/v1/responses/input_tokens", next);
        var count = (await JsonOf(counted)).GetProperty("input_tokens").GetInt32();
        using var second = await harness.PostAsync("/v1/responses", next);

        Assert.Equal("provider", RoutingHarness.Header(counted, "x-switchyard-token-count"));
        Assert.Equal((await JsonOf(second)).GetProperty("usage").GetProperty("input_tokens").GetInt32(), count);
        var sent = Assert.Single(await CountCallsAsync()).Body.GetRawText();
        Assert.Contains("Name a large lake.", sent, StringComparison.Ordinal);
        Assert.DoesNotContain(id!, sent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InputTokens_UnknownPreviousResponseId_404WithoutAProviderCall()
    {
        using var response = await harness.PostAsync("/v1/responses/input_tokens", """{"model":"gpt-4o-mini","previous_response_id":"resp_nope","input":"x"}""");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("previous_response_not_found", (await JsonOf(response)).GetProperty("error").GetProperty("code").GetString());
        Assert.Empty(await CountCallsAsync());
    }

    [Fact]
    public async Task CountTokens_FirstTargetAnswers503_TheNextTargetCounts()
    {
        await harness.SetScenarioAsync("""{"rules":[{"provider":"anthropic","api":"count_tokens","fault":{"kind":"status","status":503}}]}""");

        using var response = await harness.PostAsync("/v1/messages/count_tokens", Messages(Fallback, "Explain fjords."), anthropicHeaders: true);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("provider", RoutingHarness.Header(response, "x-switchyard-token-count"));
        Assert.Equal("openai", RoutingHarness.Header(response, "x-switchyard-provider"));
        Assert.Equal("2", RoutingHarness.Header(response, "x-switchyard-attempts"));
        Assert.Equal(["/v1/messages/count_tokens", "/v1/responses/input_tokens"], (await CountCallsAsync()).Select(c => c.Path));
    }

    [Fact]
    public async Task CountTokens_EveryTargetFails_AnswersTheGatewaysEstimate()
    {
        await harness.SetScenarioAsync("""{"rules":[{"fault":{"kind":"status","status":503}}]}""");
        var body = Messages(Fallback, "Explain the water cycle in detail.");

        using var response = await harness.PostAsync("/v1/messages/count_tokens", body, anthropicHeaders: true);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("estimate", RoutingHarness.Header(response, "x-switchyard-token-count"));
        Assert.Null(RoutingHarness.Header(response, "x-switchyard-provider"));
        var request = AnthropicMessagesCodec.Instance.ReadCountRequest(Encoding.UTF8.GetBytes(body)).Value!;
        Assert.Equal(TokenEstimator.Instance.EstimateInputTokens(request, RoutingHarness.SecondaryModel), (await JsonOf(response)).GetProperty("input_tokens").GetInt32());
        Assert.Equal(2, (await CountCallsAsync()).Count);
    }

    [Fact]
    public async Task InputTokens_ProviderRateLimited_AnswersTheEstimateInTheResponsesFormat()
    {
        await harness.SetScenarioAsync("""{"rules":[{"api":"input_tokens","fault":{"kind":"status","status":429}}]}""");
        var body = Responses("gpt-4o-mini", "Count these words, please.");

        using var response = await harness.PostAsync("/v1/responses/input_tokens", body);
        var count = await JsonOf(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("estimate", RoutingHarness.Header(response, "x-switchyard-token-count"));
        Assert.Equal("response.input_tokens", count.GetProperty("object").GetString());
        var request = OpenAIResponsesCodec.Instance.ReadCountRequest(Encoding.UTF8.GetBytes(body)).Value!;
        Assert.Equal(TokenEstimator.Instance.EstimateInputTokens(request, "gpt-4o-mini"), count.GetProperty("input_tokens").GetInt32());
    }

    [Theory]
    [InlineData("{not json", 400, "invalid_request_error")]
    [InlineData("""{"model":"claude-haiku-4-5"}""", 400, "invalid_request_error")]
    [InlineData("""{"model":"claude-haiku-4-5","messages":[{"role":"robot","content":"x"}]}""", 400, "invalid_request_error")]
    [InlineData("""{"model":"mystery-model-9","messages":[{"role":"user","content":"x"}]}""", 404, "not_found_error")]
    public async Task CountTokens_BadRequest_AnthropicErrorAndNoProviderCall(string body, int status, string type)
    {
        using var response = await harness.PostAsync("/v1/messages/count_tokens", body, anthropicHeaders: true);
        var error = await JsonOf(response);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("error", error.GetProperty("type").GetString());
        Assert.Equal(type, error.GetProperty("error").GetProperty("type").GetString());
        Assert.Empty(await CountCallsAsync());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("sy-not-a-key")]
    public async Task CountTokens_NoOrBadKey_401AuthenticationError(string? key)
    {
        using var response = await harness.PostAsync("/v1/messages/count_tokens", Messages("claude-haiku-4-5", "x"), key, anthropicHeaders: true);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("authentication_error", (await JsonOf(response)).GetProperty("error").GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("""{"model":"gpt-4o-mini"}""", 400)]
    [InlineData("""{"model":"mystery-model-9","input":"x"}""", 404)]
    [InlineData(null, 401)]
    public async Task InputTokens_BadRequest_OpenAIErrorFormat(string? body, int status)
    {
        using var response = await harness.PostAsync("/v1/responses/input_tokens", body ?? Responses("gpt-4o-mini", "x"), key: body is null ? null : GatewayHarness.Key);
        var error = (await JsonOf(response)).GetProperty("error");

        Assert.Equal(status, (int)response.StatusCode);
        Assert.True(error.TryGetProperty("message", out _));
        Assert.True(error.TryGetProperty("code", out _));
    }

    [Fact]
    public async Task Counts_AreMeteredAsCountTokensAndLogWithoutPromptText()
    {
        using (var provider = await harness.PostAsync("/v1/messages/count_tokens", Messages(MetricsRoute, $"Tell me about {Secret}."), anthropicHeaders: true))
        {
            Assert.Equal(HttpStatusCode.OK, provider.StatusCode);
        }

        await harness.SetScenarioAsync("""{"rules":[{"fault":{"kind":"status","status":500}}]}""");
        using (var estimate = await harness.PostAsync("/v1/messages/count_tokens", Messages(MetricsRoute, $"More about {Secret}."), anthropicHeaders: true))
        {
            Assert.Equal("estimate", RoutingHarness.Header(estimate, "x-switchyard-token-count"));
        }

        PrometheusText? scrape = null;
        for (var i = 0; i < 50 && scrape?.Sum("switchyard_token_counts_total", ("switchyard_route", MetricsRoute)) is not >= 2; i++)
        {
            await Task.Delay(100, Ct);
            scrape = new PrometheusText(await harness.Http.GetStringAsync(new Uri(harness.GatewayUrl, "/metrics"), Ct));
        }

        Assert.Equal(1, scrape!.Sum("switchyard_token_counts_total", ("switchyard_route", MetricsRoute), ("switchyard_token_count_source", "provider")));
        Assert.Equal(1, scrape.Sum("switchyard_token_counts_total", ("switchyard_route", MetricsRoute), ("switchyard_token_count_source", "estimate")));
        Assert.Equal(2, scrape.Sum("gen_ai_client_operation_duration_seconds_count", ("switchyard_route", MetricsRoute), ("gen_ai_operation_name", "count_tokens")));
        Assert.Equal(0, scrape.Sum("switchyard_requests_total", ("switchyard_route", MetricsRoute)));

        var entries = harness.Capture.Entries.ToList();
        Assert.Contains(entries, e => e.Category.EndsWith("TokenCountEndpoint", StringComparison.Ordinal) && e.Level == LogLevel.Information);
        Assert.DoesNotContain(entries, e => e.Level > LogLevel.Trace && e.AllText.Contains("Quillwort", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Counts_WithAnExhaustedBudget_AreServedAndRecordNoSpend()
    {
        using var refused = await harness.PostAsync("/v1/messages", Messages(BudgetRoute, "Hello there.", maxTokens: true), anthropicHeaders: true);
        using var counted = await harness.PostAsync("/v1/messages/count_tokens", Messages(BudgetRoute, "Hello there."), anthropicHeaders: true);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, counted.StatusCode);
        Assert.Equal("provider", RoutingHarness.Header(counted, "x-switchyard-token-count"));
        Assert.Equal(0, (await harness.SpendAsync($"group_by=route")).EnumerateArray().Count(r => r.GetProperty("route").GetString() == BudgetRoute));
    }
}
