using System.Net;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using OpenAI.Embeddings;
using Switchyard.EndToEnd.Tests.Observability;
using Switchyard.EndToEnd.Tests.Routing;
using static Switchyard.EndToEnd.Tests.Embeddings.EmbeddingsHarness;

namespace Switchyard.EndToEnd.Tests.Embeddings;

/// <summary>
/// <c>POST /v1/embeddings</c> through the official OpenAI SDK and raw HTTP against the real simulator: vectors in order
/// and of the asked length, base64 passed through, fallback across OpenAI targets, Anthropic targets refused or
/// skipped, budgets, spend rows, headers, metrics and logs.
/// </summary>
public sealed class EmbeddingsTests(EmbeddingsHarness harness) : IClassFixture<EmbeddingsHarness>, IAsyncLifetime
{
    // Unusual words that can only reach a log line from the input.
    private const string Secret = "Axolotl Quillwort Persimmon";

    private static readonly string[] Texts = ["My locker code is 4711.", "What is the code of my locker?", "The harbour of the old town is full of boats."];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await harness.ResetSimulatorAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static async Task<JsonElement> JsonOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone();

    private static float[] Floats(JsonElement item) => item.GetProperty("embedding") is { ValueKind: JsonValueKind.String } text
        ? MemoryMarshal.Cast<byte, float>(Convert.FromBase64String(text.GetString()!)).ToArray()
        : item.GetProperty("embedding").EnumerateArray().Select(v => v.GetSingle()).ToArray();

    /// <summary>The gateway's <c>/metrics</c>, scraped until <paramref name="done"/> (metrics are exported in the background), for up to 5 s.</summary>
    private async Task<PrometheusText> ScrapeUntilAsync(Func<PrometheusText, bool> done)
    {
        PrometheusText scrape;
        var tries = 0;
        do
        {
            await Task.Delay(100, Ct);
            scrape = new PrometheusText(await harness.ScrapeMetricsAsync(Ct));
        }
        while (!done(scrape) && ++tries < 50);

        return scrape;
    }

    [Fact]
    public async Task Sdk_Batch_VectorsInInputOrderOfTheAskedLength()
    {
        var client = harness.Sdk(Small);

        OpenAIEmbeddingCollection batch = await client.GenerateEmbeddingsAsync(Texts, new EmbeddingGenerationOptions { Dimensions = 256 }, Ct);
        var singles = new List<float[]>();
        foreach (var text in Texts)
        {
            OpenAIEmbedding single = await client.GenerateEmbeddingAsync(text, new EmbeddingGenerationOptions { Dimensions = 256 }, Ct);
            singles.Add(single.ToFloats().ToArray());
        }

        Assert.Equal([0, 1, 2], batch.Select(e => e.Index));
        Assert.All(batch, e => Assert.Equal(256, e.ToFloats().Length));
        for (var i = 0; i < Texts.Length; i++)
        {
            Assert.Equal(singles[i], batch[i].ToFloats().ToArray());
        }

        Assert.NotEqual(singles[0], singles[2]);
        Assert.True(batch.Usage.InputTokenCount > 10);
        var sent = (await harness.EmbeddingCallsAsync())[0];
        Assert.Equal(Small, sent.GetProperty("model").GetString());
        Assert.Equal(256, sent.GetProperty("dimensions").GetInt32());
        Assert.Equal(3, sent.GetProperty("input").GetArrayLength());
    }

    [Fact]
    public async Task Sdk_SingleInput_DefaultLengthAndTheSdksBase64EncodingDecoded()
    {
        OpenAIEmbedding embedding = await harness.Sdk(Small).GenerateEmbeddingAsync("A single sentence to embed.", cancellationToken: Ct);

        Assert.Equal(1536, embedding.ToFloats().Length);
        Assert.InRange(Math.Sqrt(embedding.ToFloats().ToArray().Sum(v => (double)v * v)), 0.999, 1.001);
        // The SDK asks for base64 unless told otherwise; the gateway must pass that through, not answer floats it cannot read.
        Assert.Equal("base64", (await harness.EmbeddingCallsAsync()).Single().GetProperty("encoding_format").GetString());
    }

    [Fact]
    public async Task Base64AndFloat_SameVectors_BodyPassedThroughWithTheRouteModelSpliced()
    {
        const string extra = "\"x_custom\": {\"kept\": [1, 2]}";
        using var asBase64 = await harness.PostAsync("/v1/embeddings", $$"""{ "model": "{{SpendRoute}}", "input": ["tides", "rivers"], "encoding_format": "base64", {{extra}} }""");
        using var asFloat = await harness.PostAsync("/v1/embeddings", $$"""{"model":"{{Small}}","input":["tides","rivers"],"encoding_format":"float"}""");
        var base64 = await JsonOf(asBase64);
        var floats = await JsonOf(asFloat);

        Assert.Equal(HttpStatusCode.OK, asBase64.StatusCode);
        Assert.Equal(JsonValueKind.String, base64.GetProperty("data")[0].GetProperty("embedding").ValueKind);
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(Floats(floats.GetProperty("data")[i]), Floats(base64.GetProperty("data")[i]));
        }

        var sent = (await harness.EmbeddingCallsAsync())[0];
        Assert.Equal(Small, sent.GetProperty("model").GetString());
        // Byte for byte: the field the gateway does not know arrives, with the client's own spacing.
        Assert.Equal("[1, 2]", sent.GetProperty("x_custom").GetProperty("kept").GetRawText());
    }

    [Fact]
    public async Task TokenIdInputs_AreEmbeddedAndBilledAsTheirIdCount()
    {
        using var response = await harness.PostAsync("/v1/embeddings", $$"""{"model":"{{Small}}","input":[[1,2,3],[4,5]],"encoding_format":"float"}""");
        var body = await JsonOf(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, body.GetProperty("data").GetArrayLength());
        Assert.Equal(5, body.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
    }

    [Theory]
    [InlineData("""{"kind":"status","status":503}""")]
    [InlineData("""{"kind":"status","status":429,"retryAfterSeconds":1}""")]
    [InlineData("""{"kind":"status","status":500}""")]
    [InlineData("""{"kind":"reset"}""")]
    [InlineData("""{"kind":"errorEvent"}""")]
    public async Task FirstTargetFails_NextOpenAITargetServes(string fault)
    {
        await harness.SetScenarioAsync($$"""{"rules":[{"api":"embeddings","model":"{{Large}}","fault":{{fault}}}]}""");

        OpenAIEmbedding embedding = await harness.Sdk(FallbackRoute).GenerateEmbeddingAsync("Fall back, please.", cancellationToken: Ct);
        using var raw = await harness.PostAsync("/v1/embeddings", $$"""{"model":"{{FallbackRoute}}","input":"Fall back, please."}""");

        Assert.Equal(1536, embedding.ToFloats().Length);
        Assert.Equal(HttpStatusCode.OK, raw.StatusCode);
        Assert.Equal("openai", RoutingHarness.Header(raw, "x-switchyard-provider"));
        Assert.Equal(Small, RoutingHarness.Header(raw, "x-switchyard-model"));
        Assert.Equal("2", RoutingHarness.Header(raw, "x-switchyard-attempts"));
        Assert.Equal(FallbackRoute, RoutingHarness.Header(raw, "x-switchyard-route"));
        Assert.Equal([Large, Small, Large, Small], (await harness.EmbeddingCallsAsync()).Select(c => c.GetProperty("model").GetString()));
    }

    [Fact]
    public async Task FirstTargetHangs_FallsBackAfterTheTiersFirstTokenTimeout_NotTheDeadline()
    {
        await harness.SetScenarioAsync($$$"""{"rules":[{"api":"embeddings","model":"{{{Large}}}","fault":{"kind":"stall","seconds":20}}]}""");
        var started = System.Diagnostics.Stopwatch.GetTimestamp();

        using var response = await harness.PostAsync("/v1/embeddings", $$"""{"model":"{{TimeoutRoute}}","input":"Are you there?"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Small, RoutingHarness.Header(response, "x-switchyard-model"));
        Assert.Equal("2", RoutingHarness.Header(response, "x-switchyard-attempts"));
        Assert.InRange(System.Diagnostics.Stopwatch.GetElapsedTime(started), TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task EveryTargetFails_OpenAIErrorListingEachAttempt()
    {
        await harness.SetScenarioAsync("""{"rules":[{"api":"embeddings","fault":{"kind":"status","status":503}}]}""");

        using var response = await harness.PostAsync("/v1/embeddings", $$"""{"model":"{{FallbackRoute}}","input":"Nobody answers."}""");
        var error = await RoutingHarness.ErrorOfAsync(response);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("true", RoutingHarness.Header(response, "x-should-retry"));
        Assert.Equal("service_unavailable_error", error.GetProperty("type").GetString());
        Assert.Equal([Large, Small], error.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("model").GetString()));
    }

    [Theory]
    [InlineData(ClaudeRoute)]
    [InlineData("claude-haiku-4-5")]
    public async Task AnthropicOnlyModel_400NamingWhyWithoutAProviderCall(string model)
    {
        using var response = await harness.PostAsync("/v1/embeddings", $$"""{"model":"{{model}}","input":"x"}""");
        var error = await RoutingHarness.ErrorOfAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal("model_not_supported", error.GetProperty("code").GetString());
        Assert.Equal("model", error.GetProperty("param").GetString());
        Assert.Contains("anthropic has no embeddings API", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await harness.SimulatorRequestCountAsync());
    }

    [Fact]
    public async Task MixedRoute_AnthropicTargetSkipped_OpenAITargetServesOnTheFirstAttempt()
    {
        using var response = await harness.PostAsync("/v1/embeddings", $$"""{"model":"{{MixedRoute}}","input":"Skip Claude."}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Small, RoutingHarness.Header(response, "x-switchyard-model"));
        Assert.Equal("1", RoutingHarness.Header(response, "x-switchyard-attempts"));
        Assert.Equal(1, await harness.SimulatorRequestCountAsync());
    }

    [Fact]
    public async Task ExhaustedBudget_429BudgetExceededWithoutAProviderCall()
    {
        var error = await Assert.ThrowsAsync<System.ClientModel.ClientResultException>(() => harness.Sdk(BudgetRoute).GenerateEmbeddingAsync("Too dear.", cancellationToken: Ct));
        using var response = await harness.PostAsync("/v1/embeddings", $$"""{"model":"{{BudgetRoute}}","input":"Too dear."}""");
        var body = await RoutingHarness.ErrorOfAsync(response);

        Assert.Equal(429, error.Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("budget_exceeded", body.GetProperty("code").GetString());
        Assert.Equal("false", RoutingHarness.Header(response, "x-should-retry"));
        Assert.Empty(await harness.EmbeddingCallsAsync());
    }

    [Fact]
    public async Task Spend_RecordedUnderTheCallersTenantKeyAndRoute_AtTheProvidersInputTokens()
    {
        using var response = await harness.PostAsync("/v1/embeddings", $$"""{"model":"{{SpendRoute}}","input":["Bill me for these words.","And these."]}""", SpendKey);
        var tokens = (await JsonOf(response)).GetProperty("usage").GetProperty("prompt_tokens").GetInt32();
        var expected = tokens * 0.02m / 1_000_000m;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, decimal.Parse(RoutingHarness.Header(response, "x-switchyard-cost-usd")!, System.Globalization.CultureInfo.InvariantCulture));
        // Other tests of this class use the route with the harness's own key; this key is used here only.
        var row = Assert.Single(
            (await harness.SpendAsync("group_by=tenant,key,route,provider,model")).EnumerateArray(),
            r => r.GetProperty("route").GetString() == SpendRoute && r.GetProperty("key").GetString() == SpendKeyName);
        Assert.Equal("acme", row.GetProperty("tenant").GetString());
        Assert.Equal(SpendKeyName, row.GetProperty("key").GetString());
        Assert.Equal("openai", row.GetProperty("provider").GetString());
        Assert.Equal(Small, row.GetProperty("model").GetString());
        Assert.Equal(1, row.GetProperty("requests").GetInt32());
        Assert.Equal(tokens, row.GetProperty("input_tokens").GetInt32());
        Assert.Equal(0, row.GetProperty("output_tokens").GetInt32());
        Assert.Equal(expected, row.GetProperty("cost_usd").GetDecimal());
    }

    [Fact]
    public async Task Embeddings_MeteredAsTheEmbeddingsOperationAndLoggedWithoutInputText()
    {
        using (var response = await harness.PostAsync("/v1/embeddings", $$"""{"model":"{{MetricsRoute}}","input":"Tell me about {{Secret}}."}"""))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        (string, string) route = ("switchyard_route", MetricsRoute);
        var scrape = await ScrapeUntilAsync(s => s.Sum("gen_ai_client_token_usage_count", route) >= 1);

        Assert.Equal(1, scrape.Sum("gen_ai_client_operation_duration_seconds_count", route, ("gen_ai_operation_name", "embeddings")));
        Assert.Equal(0, scrape.Sum("gen_ai_client_operation_duration_seconds_count", route, ("gen_ai_operation_name", "chat")));
        Assert.Equal(1, scrape.Sum("gen_ai_client_token_usage_count", route, ("gen_ai_operation_name", "embeddings"), ("gen_ai_token_type", "input")));
        Assert.Equal(0, scrape.Sum("gen_ai_client_token_usage_count", route, ("gen_ai_token_type", "output")));
        Assert.Equal(1, scrape.Sum("switchyard_requests_total", route, ("switchyard_outcome", "ok")));
        Assert.Equal(1, scrape.Sum("switchyard_attempts_total", route, ("gen_ai_request_model", Small), ("switchyard_outcome", "ok")));

        var entries = harness.Capture.Entries.ToList();
        Assert.Contains(entries, e => e.Category.EndsWith("EmbeddingsEndpoint", StringComparison.Ordinal) && e.Level == LogLevel.Information && e.AllText.Contains(MetricsRoute, StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => e.Level > LogLevel.Trace && e.AllText.Contains("Quillwort", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Fallback_CountedAsAFallbackOfTheRoute()
    {
        await harness.SetScenarioAsync($$$"""{"rules":[{"api":"embeddings","model":"{{{Large}}}","fault":{"kind":"status","status":500}}]}""");
        using var response = await harness.PostAsync("/v1/embeddings", $$"""{"model":"{{FallbackRoute}}","input":"Count my fallback."}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        (string, string) route = ("switchyard_route", FallbackRoute);
        var scrape = await ScrapeUntilAsync(s => s.Sum("switchyard_fallbacks_total", route) >= 1);

        Assert.True(scrape.Sum("switchyard_fallbacks_total", route, ("gen_ai_request_model", Small)) >= 1);
        Assert.True(scrape.Sum("switchyard_attempts_total", route, ("gen_ai_request_model", Large), ("switchyard_outcome", "ServerError")) >= 1);
    }
}
