using System.Globalization;
using System.Net;
using System.Text.Json;
using Anthropic.Models.Messages;
using OpenAI.Chat;
using Switchyard.Testing;

namespace Switchyard.EndToEnd.Tests.Routing;

/// <summary>
/// Prompt caching through the gateway, against the simulator's model of Anthropic's cache: an OpenAI-format client whose
/// request reaches Claude gets a breakpoint on its long system prompt, so the second call reads it at a tenth of the input
/// price as OpenAI would have cached it by itself; an Anthropic client's own marks pass as they are, none are added for
/// it, and what the cache read and wrote is billed at its own prices; OpenAI's automatic cache reads are billed at its
/// cached-input price, and reach an Anthropic client as cache reads.
/// </summary>
public sealed class PromptCachingTests(PromptCachingTests.Harness harness) : IClassFixture<PromptCachingTests.Harness>
{
    private const string Claude = "claude-sonnet-4-5";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OpenAISdk_LongSystemPromptToClaude_MarkedAndReadFromTheCacheOnTheSecondCall()
    {
        var system = LongSystem();
        var client = harness.OpenAIChat(Claude);
        ChatMessage[] messages = [new SystemChatMessage(system), new UserChatMessage("What does it do?")];

        var first = (await client.CompleteChatAsync(messages, cancellationToken: Ct)).Value;
        var upstream = (await harness.SimulatorRequestsAsync())[^1].Body;
        var second = (await client.CompleteChatAsync(messages, cancellationToken: Ct)).Value;

        var block = Assert.Single(upstream.GetProperty("system").EnumerateArray());
        Assert.Equal(system, block.GetProperty("text").GetString());
        Assert.Equal("ephemeral", block.GetProperty("cache_control").GetProperty("type").GetString());
        Assert.Equal(0, first.Usage.InputTokenDetails.CachedTokenCount);
        Assert.True(second.Usage.InputTokenDetails.CachedTokenCount > 2000, $"cached {second.Usage.InputTokenDetails.CachedTokenCount}");
        Assert.Equal(first.Usage.InputTokenCount, second.Usage.InputTokenCount);
    }

    [Fact]
    public async Task ResponsesToClaude_LongInstructionsMarkedAndReadOnTheSecondCall()
    {
        var body = $$"""{"model":"{{Claude}}","instructions":{{JsonSerializer.Serialize(LongSystem())}},"input":"What does it do?","max_output_tokens":100}""";

        await PostAsync("/v1/responses", body);
        var upstream = (await harness.SimulatorRequestsAsync())[^1].Body;
        var (_, usage) = await PostAsync("/v1/responses", body);

        Assert.Equal("ephemeral", upstream.GetProperty("system")[0].GetProperty("cache_control").GetProperty("type").GetString());
        Assert.True(usage.GetProperty("input_tokens_details").GetProperty("cached_tokens").GetInt32() > 2000);
    }

    [Fact]
    public async Task ChatStreamToClaude_TheUsageChunkCarriesTheCacheRead()
    {
        var body = ChatBody(Claude, LongSystem())[..^1] + ""","stream":true,"stream_options":{"include_usage":true}}""";

        await StreamUsageAsync(body);
        var usage = await StreamUsageAsync(body);

        Assert.True(usage.GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt32() > 2000);
    }

    [Fact]
    public async Task ChatToClaude_TheCacheReadIsBilledAtTheReadPrice()
    {
        var body = ChatBody("prompt-cache-auto", LongSystem());

        var (firstCost, _) = await PostAsync("/v1/chat/completions", body);
        var (secondCost, usage) = await PostAsync("/v1/chat/completions", body);

        var prompt = usage.GetProperty("prompt_tokens").GetInt32();
        var cached = usage.GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt32();
        var output = usage.GetProperty("completion_tokens").GetInt32();
        Assert.True(cached > 2000);
        Assert.Equal(Usd(((prompt - cached) * 3m) + (cached * 0.30m) + (output * 15m)), secondCost);
        Assert.True(secondCost < firstCost / 3, $"{secondCost} against {firstCost}");
    }

    [Fact]
    public async Task Metrics_CacheReadsAndWritesCountedByRoute()
    {
        var body = ChatBody("prompt-cache-metrics", LongSystem());

        await PostAsync("/v1/chat/completions", body);
        var (_, usage) = await PostAsync("/v1/chat/completions", body);

        var cached = usage.GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt32();
        (string, string)[] Labels(string operation) =>
            [("switchyard_route", "prompt-cache-metrics"), ("gen_ai_provider_name", "anthropic"), ("gen_ai_request_model", Claude), ("switchyard_prompt_cache_operation", operation)];
        Observability.PrometheusText? scrape = null;
        for (var i = 0; i < 50 && scrape?.Sum("switchyard_prompt_cache_tokens_total", Labels("read")) != cached; i++)
        {
            // Metrics are recorded just after the answer is written.
            await Task.Delay(i == 0 ? 0 : 100, Ct);
            scrape = new(await harness.Http.GetStringAsync(new Uri(harness.GatewayUrl, "/metrics"), Ct));
        }

        Assert.True(cached > 2000);
        Assert.Equal(cached, scrape!.Sum("switchyard_prompt_cache_tokens_total", Labels("read")));
        Assert.Equal(cached, scrape.Sum("switchyard_prompt_cache_tokens_total", Labels("write")));
    }

    [Fact]
    public async Task ChatToolLoopToClaude_EachCallReadsThePreviousCallsWholePrompt()
    {
        var system = JsonSerializer.Serialize(LongSystem());
        const string Tools = ""","tools":[{"type":"function","function":{"name":"search","parameters":{"type":"object","properties":{"q":{"type":"string"}}}}}]""";
        const string Call1 = """{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"search","arguments":"{\"q\":\"canals\"}"}}]},{"role":"tool","tool_call_id":"call_1","content":"Canals carry barges between rivers and ports."}""";
        const string Call2 = """{"role":"assistant","content":null,"tool_calls":[{"id":"call_2","type":"function","function":{"name":"search","arguments":"{\"q\":\"locks\"}"}}]},{"role":"tool","tool_call_id":"call_2","content":"Locks lift boats between water levels."}""";
        string Body(string turns) => $$"""{"model":"prompt-cache-auto","max_tokens":100,"messages":[{"role":"system","content":{{system}}},{"role":"user","content":"Look it up."},{{turns}}]{{Tools}}}""";

        var (_, first) = await PostAsync("/v1/chat/completions", Body(Call1));
        var upstream = (await harness.SimulatorRequestsAsync())[^1].Body;
        var (_, second) = await PostAsync("/v1/chat/completions", Body(Call1 + "," + Call2));

        var turns = upstream.GetProperty("messages");
        var result = turns[turns.GetArrayLength() - 1].GetProperty("content")[0];
        Assert.Equal("tool_result", result.GetProperty("type").GetString());
        Assert.Equal("ephemeral", result.GetProperty("cache_control").GetProperty("type").GetString());
        Assert.True(upstream.GetProperty("system")[0].TryGetProperty("cache_control", out _));
        var written = first.GetProperty("prompt_tokens_details").GetProperty("cache_write_tokens").GetInt32();
        var read = second.GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt32();
        Assert.True(written > 2000, $"wrote {written}");
        Assert.Equal(written, read);
        Assert.True(second.GetProperty("prompt_tokens_details").GetProperty("cache_write_tokens").GetInt32() is > 0 and < 100);
    }

    [Fact]
    public async Task RouteWithAutoPromptCacheOff_NoMarkAndNoCacheRead()
    {
        var body = ChatBody("prompt-cache-off", LongSystem());

        await PostAsync("/v1/chat/completions", body);
        var upstream = (await harness.SimulatorRequestsAsync())[^1].Body;
        var (_, usage) = await PostAsync("/v1/chat/completions", body);

        Assert.DoesNotContain("cache_control", upstream.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(0, usage.GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt32());
    }

    [Fact]
    public async Task ShortSystemPrompt_LeftUnmarked()
    {
        await PostAsync("/v1/chat/completions", ChatBody(Claude, "You are terse."));

        var upstream = (await harness.SimulatorRequestsAsync())[^1].Body;
        Assert.DoesNotContain("cache_control", upstream.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnthropicClientWithItsOwnMark_PassedAsItIs_ReadAndWriteBilledAtTheirPrices()
    {
        var system = JsonSerializer.Serialize(LongSystem());
        var body = $$$"""{"model":"{{{Claude}}}","max_tokens":100,"system":[{"type":"text","text":{{{system}}},"cache_control":{"type":"ephemeral","ttl":"1h"}}],"messages":[{"role":"user","content":"What does it do?"}]}""";

        var (firstCost, written) = await PostAsync("/v1/messages", body, anthropic: true);
        var (secondCost, read) = await PostAsync("/v1/messages", body, anthropic: true);

        var hourWrites = written.GetProperty("cache_creation").GetProperty("ephemeral_1h_input_tokens").GetInt32();
        Assert.True(hourWrites > 2000);
        Assert.Equal(hourWrites, written.GetProperty("cache_creation_input_tokens").GetInt32());
        Assert.Equal(Usd((written.GetProperty("input_tokens").GetInt32() * 3m) + (hourWrites * 6m) + (written.GetProperty("output_tokens").GetInt32() * 15m)), firstCost);
        Assert.Equal(hourWrites, read.GetProperty("cache_read_input_tokens").GetInt32());
        Assert.Equal(Usd((read.GetProperty("input_tokens").GetInt32() * 3m) + (hourWrites * 0.30m) + (read.GetProperty("output_tokens").GetInt32() * 15m)), secondCost);
    }

    [Fact]
    public async Task AnthropicClientWithoutMarks_NoneAdded()
    {
        var system = JsonSerializer.Serialize(LongSystem());
        var body = $$"""{"model":"{{Claude}}","max_tokens":100,"system":{{system}},"messages":[{"role":"user","content":"What does it do?"}]}""";

        await PostAsync("/v1/messages", body, anthropic: true);
        var (_, usage) = await PostAsync("/v1/messages", body, anthropic: true);

        Assert.Equal(0, usage.GetProperty("cache_read_input_tokens").GetInt32());
        Assert.DoesNotContain("cache_control", (await harness.SimulatorRequestsAsync())[^1].Body.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChatToOpenAI_ItsAutomaticCacheRead_BilledAtTheCachedPrice()
    {
        var body = ChatBody("gpt-4o", LongSystem());

        await PostAsync("/v1/chat/completions", body);
        var upstream = (await harness.SimulatorRequestsAsync())[^1].Body;
        var (cost, usage) = await PostAsync("/v1/chat/completions", body);

        var prompt = usage.GetProperty("prompt_tokens").GetInt32();
        var cached = usage.GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt32();
        Assert.DoesNotContain("cache_control", upstream.GetRawText(), StringComparison.Ordinal);
        Assert.True(cached > 2000);
        Assert.Equal(Usd(((prompt - cached) * 2.50m) + (cached * 1.25m) + (usage.GetProperty("completion_tokens").GetInt32() * 10m)), cost);
    }

    [Fact]
    public async Task AnthropicClientServedByOpenAI_CachedTokensComeBackAsCacheReads()
    {
        var system = JsonSerializer.Serialize(LongSystem());
        var body = $$"""{"model":"gpt-4o-mini","max_tokens":100,"system":{{system}},"messages":[{"role":"user","content":"What does it do?"}]}""";

        var (_, first) = await PostAsync("/v1/messages", body, anthropic: true);
        var (cost, second) = await PostAsync("/v1/messages", body, anthropic: true);

        var read = second.GetProperty("cache_read_input_tokens").GetInt32();
        var input = second.GetProperty("input_tokens").GetInt32();
        Assert.Equal(0, first.GetProperty("cache_read_input_tokens").GetInt32());
        Assert.True(read > 2000);
        Assert.Equal(first.GetProperty("input_tokens").GetInt32(), input + read);
        Assert.Equal(Usd((input * 0.15m) + (read * 0.075m) + (second.GetProperty("output_tokens").GetInt32() * 0.60m)), cost);
    }

    [Fact]
    public async Task AnthropicSdk_PreWarm_WritesTheCacheAndAnswersNothing_TheNextCallReadsIt()
    {
        var client = harness.Anthropic();
        var system = new List<TextBlockParam> { new() { Text = LongSystem(), CacheControl = new CacheControlEphemeral() } };
        MessageCreateParams Params(int maxTokens) => new() { Model = Claude, MaxTokens = maxTokens, System = system, Messages = [new UserMessageParam("What does it do?")] };

        var warm = await client.Messages.Create(Params(0), Ct);
        var answer = await client.Messages.Create(Params(100), Ct);

        Assert.Empty(warm.Content);
        Assert.Equal(StopReason.MaxTokens, warm.StopReason?.Value());
        Assert.Equal(0, warm.Usage.OutputTokens);
        Assert.True(warm.Usage.CacheCreationInputTokens > 2000);
        Assert.Equal(warm.Usage.CacheCreationInputTokens, answer.Usage.CacheReadInputTokens);
        Assert.NotEmpty(answer.Content);
    }

    [Fact]
    public async Task PreWarmStream_NoContentBlocks()
    {
        var system = JsonSerializer.Serialize(LongSystem());
        var body = $$$"""{"model":"{{{Claude}}}","max_tokens":0,"stream":true,"system":[{"type":"text","text":{{{system}}},"cache_control":{"type":"ephemeral"}}],"messages":[{"role":"user","content":"Hi"}]}""";

        using var response = await harness.PostAsync("/v1/messages", body, anthropicHeaders: true);
        var events = (await response.Content.ReadAsStringAsync(Ct)).Split('\n')
            .Where(l => l.StartsWith("event: ", StringComparison.Ordinal)).Select(l => l["event: ".Length..]).ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["message_start", "message_delta", "message_stop"], events);
    }

    [Fact]
    public async Task PreWarmServedByOpenAI_AskedForOneToken()
    {
        var body = """{"model":"gpt-4o-mini","max_tokens":0,"messages":[{"role":"user","content":"Hi"}]}""";

        var (_, usage) = await PostAsync("/v1/messages", body, anthropic: true);

        var upstream = (await harness.SimulatorRequestsAsync())[^1];
        Assert.Equal("/v1/chat/completions", upstream.Path);
        Assert.Equal(1, upstream.Body.GetProperty("max_completion_tokens").GetInt32());
        Assert.Equal(1, usage.GetProperty("output_tokens").GetInt32());
    }

    // About 2,400 tokens, over claude-sonnet-4-5's 1,024-token minimum; unique per test, as the harness's simulator (and
    // its cache) is shared by the class.
    private static string LongSystem() =>
        $"Session {Guid.NewGuid():N}. " + string.Concat(Enumerable.Repeat("The gateway keeps answers flowing when a provider fails. ", 240));

    private static string ChatBody(string model, string system) =>
        $$"""{"model":"{{model}}","max_tokens":100,"messages":[{"role":"system","content":{{JsonSerializer.Serialize(system)}}},{"role":"user","content":"What does it do?"}]}""";

    private static decimal Usd(decimal microDollars) => Math.Round(microDollars / 1_000_000m, 8);

    private async Task<(decimal Cost, JsonElement Usage)> PostAsync(string path, string body, bool anthropic = false)
    {
        using var response = await harness.PostAsync(path, body, anthropicHeaders: anthropic);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var cost = decimal.Parse(response.Headers.GetValues("x-switchyard-cost-usd").Single(), CultureInfo.InvariantCulture);
        using var json = JsonDocument.Parse(text);
        return (cost, json.RootElement.GetProperty("usage").Clone());
    }

    private async Task<JsonElement> StreamUsageAsync(string body)
    {
        using var response = await harness.PostAsync("/v1/chat/completions", body);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var last = text.Split('\n').Where(l => l.StartsWith("data: {", StringComparison.Ordinal)).Last();
        using var json = JsonDocument.Parse(last["data: ".Length..]);
        return json.RootElement.GetProperty("usage").Clone();
    }

    /// <summary>Routes to Claude: two as configured by default (one for the metrics test alone), one with the gateway's cache marks off.</summary>
    public sealed class Harness : GatewayHarness
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
        [
            new("Switchyard:Routes:prompt-cache-auto:Targets:0:Provider", "anthropic"),
            new("Switchyard:Routes:prompt-cache-auto:Targets:0:Model", Claude),
            new("Switchyard:Routes:prompt-cache-off:Targets:0:Provider", "anthropic"),
            new("Switchyard:Routes:prompt-cache-off:Targets:0:Model", Claude),
            new("Switchyard:Routes:prompt-cache-off:AutoPromptCache", "false"),
            new("Switchyard:Routes:prompt-cache-metrics:Targets:0:Provider", "anthropic"),
            new("Switchyard:Routes:prompt-cache-metrics:Targets:0:Model", Claude),
        ];
    }
}
