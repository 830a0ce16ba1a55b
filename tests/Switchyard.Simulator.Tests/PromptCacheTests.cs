using System.Net;
using System.Text.Json;
using Switchyard.Simulator.Requests;
using Switchyard.Simulator.Runtime;

namespace Switchyard.Simulator.Tests;

/// <summary>
/// The providers' prompt caches as the simulator models them, per key and model: Anthropic's marked prefix, long enough
/// for the model, is written on first use and read afterwards, so a gateway's cache marks (kept, added or dropped) show
/// in usage; OpenAI caches a repeated prompt of 1,024 tokens or more by itself, in steps of 128 tokens.
/// </summary>
public sealed class PromptCacheTests
{
    // About 2,400 o200k tokens: over the 1,024-token minimum of claude-sonnet-4-5, under haiku-4-5's 4,096.
    private static readonly string LongSystem = string.Concat(Enumerable.Repeat("The gateway keeps answers flowing when a provider fails. ", 240));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MarkedLongSystem_FirstCallWrites_SecondReadsTheSameTokens()
    {
        await using var host = await SimulatorHost.StartAsync();
        var body = Body("claude-sonnet-4-5", SystemBlocks(LongSystem, Mark()), UserTurn("What does it do?"));

        var first = await UsageAsync(host, body);
        var second = await UsageAsync(host, body);

        Assert.True(first.Write > 2000, $"wrote {first.Write}");
        Assert.Equal(0, first.Read);
        Assert.Equal(first.Write, first.FiveMinutes);
        Assert.Equal(first.Write, second.Read);
        Assert.Equal(0, second.Write);
        Assert.Equal(first.Total, second.Total);
        Assert.True(second.Input is > 0 and < 50, $"input {second.Input}");
    }

    [Fact]
    public async Task NoMark_NothingCached()
    {
        await using var host = await SimulatorHost.StartAsync();
        var body = Body("claude-sonnet-4-5", SystemBlocks(LongSystem, ""), UserTurn("What does it do?"));

        await UsageAsync(host, body);
        var second = await UsageAsync(host, body);

        Assert.Equal((0, 0), (second.Read, second.Write));
        Assert.Equal(second.Total, second.Input);
    }

    [Fact]
    public async Task PrefixUnderTheModelsMinimum_NeitherWrittenNorRead()
    {
        await using var host = await SimulatorHost.StartAsync();
        var shortBody = Body("claude-sonnet-4-5", SystemBlocks("You are terse.", Mark()), UserTurn("Hi"));
        var haikuBody = Body("claude-haiku-4-5", SystemBlocks(LongSystem, Mark()), UserTurn("Hi"));

        await UsageAsync(host, shortBody);
        await UsageAsync(host, haikuBody);
        var shortAgain = await UsageAsync(host, shortBody);
        var haikuAgain = await UsageAsync(host, haikuBody);

        Assert.Equal((0, 0), (shortAgain.Read, shortAgain.Write));
        Assert.Equal((0, 0), (haikuAgain.Read, haikuAgain.Write));
    }

    [Fact]
    public async Task AnotherKeyOrModel_DoesNotReadTheEntry()
    {
        await using var host = await SimulatorHost.StartAsync();
        var body = Body("claude-sonnet-4-5", SystemBlocks(LongSystem, Mark()), UserTurn("Hi"));
        await UsageAsync(host, body);

        var otherKey = await UsageAsync(host, body, key: "sk-ant-other");
        var otherModel = await UsageAsync(host, body.Replace("claude-sonnet-4-5", "claude-opus-4-1", StringComparison.Ordinal));

        Assert.Equal(0, otherKey.Read);
        Assert.True(otherKey.Write > 0);
        Assert.Equal(0, otherModel.Read);
    }

    [Fact]
    public async Task GrowingConversation_MarkMovedToTheNewLastTurn_ReadsThePreviousPrefixAndWritesOnlyTheIncrement()
    {
        await using var host = await SimulatorHost.StartAsync();
        var turn1 = Body("claude-sonnet-4-5", SystemBlocks(LongSystem, ""), $$"""{"role":"user","content":[{"type":"text","text":"First question?"{{Mark()}}}]}""");
        var turn2 = Body("claude-sonnet-4-5", SystemBlocks(LongSystem, ""),
            """{"role":"user","content":[{"type":"text","text":"First question?"}]},{"role":"assistant","content":"An answer."},"""
            + $$"""{"role":"user","content":[{"type":"text","text":"A second question, longer than the first one was?"{{Mark()}}}]}""");

        var first = await UsageAsync(host, turn1);
        var second = await UsageAsync(host, turn2);

        Assert.Equal(first.Write, second.Read);
        Assert.True(second.Write is > 0 and < 40, $"wrote {second.Write}");
    }

    [Fact]
    public async Task HourMark_WritesAreOneHourWrites()
    {
        await using var host = await SimulatorHost.StartAsync();
        var first = await UsageAsync(host, Body("claude-sonnet-4-5", SystemBlocks(LongSystem, Mark("1h")), UserTurn("Hi")));

        Assert.True(first.HourWrites > 2000);
        Assert.Equal(0, first.FiveMinutes);
    }

    [Fact]
    public async Task RequestLevelCacheControl_CachesUpToTheLastBlock()
    {
        await using var host = await SimulatorHost.StartAsync();
        var body = Body("claude-sonnet-4-5", SystemBlocks(LongSystem, ""), UserTurn("Hi"))[..^1] + ""","cache_control":{"type":"ephemeral"}}""";

        var first = await UsageAsync(host, body);
        var second = await UsageAsync(host, body);

        Assert.True(first.Input <= 3, $"input {first.Input}"); // the reply's priming tokens follow the last block
        Assert.Equal(first.Write, second.Read);
        Assert.Equal(first.Input, second.Input);
    }

    [Fact]
    public async Task PreWarm_MaxTokensZero_WritesTheCache_NoContent()
    {
        await using var host = await SimulatorHost.StartAsync();
        var body = Body("claude-sonnet-4-5", SystemBlocks(LongSystem, Mark()), UserTurn("Hi")).Replace("\"max_tokens\":200", "\"max_tokens\":0", StringComparison.Ordinal);

        using var request = SimulatorHost.Anthropic(body);
        using var response = await host.Http.SendAsync(request, Ct);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var answer = await UsageAsync(host, body.Replace("\"max_tokens\":0", "\"max_tokens\":200", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, json.RootElement.GetProperty("content").GetArrayLength());
        Assert.Equal("max_tokens", json.RootElement.GetProperty("stop_reason").GetString());
        var usage = json.RootElement.GetProperty("usage");
        Assert.Equal(0, usage.GetProperty("output_tokens").GetInt32());
        Assert.Equal(usage.GetProperty("cache_creation_input_tokens").GetInt32(), answer.Read);
        Assert.True(answer.Read > 2000);
    }

    [Fact]
    public async Task NegativeMaxTokens_400()
    {
        await using var host = await SimulatorHost.StartAsync();
        using var request = SimulatorHost.Anthropic(Body("claude-sonnet-4-5", SystemBlocks("Hi", ""), UserTurn("Hi")).Replace("\"max_tokens\":200", "\"max_tokens\":-1", StringComparison.Ordinal));
        using var response = await host.Http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("greater than or equal to 0", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FiveBreakpoints_400InAnthropicWording()
    {
        await using var host = await SimulatorHost.StartAsync();
        var blocks = string.Join(',', Enumerable.Range(0, 5).Select(i => $$"""{"type":"text","text":"part {{i}}"{{Mark()}}}"""));
        var body = $$"""{"model":"claude-sonnet-4-5","max_tokens":100,"system":[{{blocks}}],"messages":[{{UserTurn("Hi")}}]}""";

        using var request = SimulatorHost.Anthropic(body);
        using var response = await host.Http.SendAsync(request, Ct);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("A maximum of 4 blocks with cache_control may be provided. Found 5.", json.RootElement.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task HourMarkAfterAFiveMinuteMark_400InAnthropicWording()
    {
        await using var host = await SimulatorHost.StartAsync();
        var body = $$"""{"model":"claude-sonnet-4-5","max_tokens":100,"tools":[{"name":"t","input_schema":{"type":"object"}{{Mark()}}}],"system":[{"type":"text","text":"Rules."{{Mark("1h")}}}],"messages":[{{UserTurn("Hi")}}]}""";

        using var request = SimulatorHost.Anthropic(body);
        using var response = await host.Http.SendAsync(request, Ct);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("system.0.cache_control.ttl: a ttl='1h' cache_control block must not come after a ttl='5m' cache_control block.", json.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        using var hourFirst = SimulatorHost.Anthropic(body.Replace(Mark("1h"), Mark(), StringComparison.Ordinal).Replace("{\"type\":\"object\"}" + Mark(), "{\"type\":\"object\"}" + Mark("1h"), StringComparison.Ordinal));
        using var accepted = await host.Http.SendAsync(hourFirst, Ct);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task Stream_MessageStartCarriesTheCacheSplit()
    {
        await using var host = await SimulatorHost.StartAsync();
        var body = Body("claude-sonnet-4-5", SystemBlocks(LongSystem, Mark()), UserTurn("Hi"));
        var whole = await UsageAsync(host, body);

        using var request = SimulatorHost.Anthropic(body[..^1] + ""","stream":true}""");
        using var response = await host.Http.SendAsync(request, Ct);
        var sse = await response.Content.ReadAsStringAsync(Ct);
        var start = sse.Split('\n').First(l => l.StartsWith("data: {\"type\":\"message_start\"", StringComparison.Ordinal));
        using var json = JsonDocument.Parse(start["data: ".Length..]);
        var usage = json.RootElement.GetProperty("message").GetProperty("usage");

        Assert.Equal(whole.Write, usage.GetProperty("cache_read_input_tokens").GetInt32());
        Assert.Equal(0, usage.GetProperty("cache_creation_input_tokens").GetInt32());
    }

    [Fact]
    public async Task OpenAIChat_RepeatedLongPrompt_CachedInSteps()
    {
        await using var host = await SimulatorHost.StartAsync();
        // A question of ~300 tokens, so that the whole prompt ends steps beyond the system message.
        var body = OpenAIBody(LongSystem, string.Concat(Enumerable.Repeat("Explain how the failover works. ", 50)));

        var first = await OpenAIUsageAsync(host, SimulatorHost.OpenAI(body));
        var second = await OpenAIUsageAsync(host, SimulatorHost.OpenAI(body));
        var otherQuestion = await OpenAIUsageAsync(host, SimulatorHost.OpenAI(OpenAIBody(LongSystem, "Who runs it, and where?")));

        Assert.Equal(0, first.Cached);
        Assert.Equal(first.Prompt, second.Prompt);
        Assert.True(second.Cached > second.Prompt - 128 && second.Cached <= second.Prompt, $"{second.Cached} of {second.Prompt}");
        Assert.Equal(0, (second.Cached - 1024) % 128);
        // Only the system message is shared: what is read ends at its boundary, rounded down to a step.
        Assert.True(otherQuestion.Cached is >= 1024 && otherQuestion.Cached < second.Cached, $"{otherQuestion.Cached}");
    }

    [Fact]
    public async Task OpenAIChat_ShortPromptOrAnotherCacheKey_NothingCached()
    {
        await using var host = await SimulatorHost.StartAsync();
        var keyed = OpenAIBody(LongSystem, "Hi")[..^1] + ""","prompt_cache_key":"tenant-a"}""";
        await OpenAIUsageAsync(host, SimulatorHost.OpenAI(OpenAIBody("You are terse.", "Hi")));
        await OpenAIUsageAsync(host, SimulatorHost.OpenAI(keyed));

        var shortAgain = await OpenAIUsageAsync(host, SimulatorHost.OpenAI(OpenAIBody("You are terse.", "Hi")));
        var otherKey = await OpenAIUsageAsync(host, SimulatorHost.OpenAI(keyed.Replace("tenant-a", "tenant-b", StringComparison.Ordinal)));
        var sameKey = await OpenAIUsageAsync(host, SimulatorHost.OpenAI(keyed));

        Assert.Equal(0, shortAgain.Cached);
        Assert.Equal(0, otherKey.Cached);
        Assert.True(sameKey.Cached >= 1024);
    }

    [Fact]
    public async Task Responses_RepeatedLongInstructions_Cached()
    {
        await using var host = await SimulatorHost.StartAsync();
        var body = $$"""{"model":"gpt-4o","instructions":{{JsonSerializer.Serialize(LongSystem)}},"input":"What does it do?"}""";

        var first = await OpenAIUsageAsync(host, SimulatorHost.Responses(body), responses: true);
        var second = await OpenAIUsageAsync(host, SimulatorHost.Responses(body), responses: true);

        Assert.Equal(0, first.Cached);
        Assert.True(second.Cached >= 2048, $"{second.Cached}");
    }

    [Fact]
    public void Entry_ExpiresFiveMinutesAfterItsLastRead()
    {
        var time = new SettableTime();
        var cache = new PromptCache(time);
        using var document = JsonDocument.Parse(Body("claude-sonnet-4-5", SystemBlocks(LongSystem, Mark()), UserTurn("Hi")));
        var plan = PromptCachePlan.Read(document.RootElement, out _)!;

        var written = cache.Resolve("k", "claude-sonnet-4-5", plan, 5000);
        time.Advance(TimeSpan.FromMinutes(4));
        var read = cache.Resolve("k", "claude-sonnet-4-5", plan, 5000);
        time.Advance(TimeSpan.FromMinutes(4));
        var refreshed = cache.Resolve("k", "claude-sonnet-4-5", plan, 5000);
        time.Advance(TimeSpan.FromMinutes(6));
        var expired = cache.Resolve("k", "claude-sonnet-4-5", plan, 5000);

        Assert.True(written.WriteTokens > 0);
        Assert.Equal(written.WriteTokens, read.ReadTokens);
        Assert.Equal(written.WriteTokens, refreshed.ReadTokens);
        Assert.Equal(0, expired.ReadTokens);
        Assert.Equal(written.WriteTokens, expired.WriteTokens);
    }

    private static string Mark(string? ttl = null) =>
        ttl is null ? ""","cache_control":{"type":"ephemeral"}""" : $$""","cache_control":{"type":"ephemeral","ttl":"{{ttl}}"}""";

    private static string SystemBlocks(string text, string mark) => $$"""[{"type":"text","text":{{JsonSerializer.Serialize(text)}}{{mark}}}]""";

    private static string UserTurn(string text) => $$"""{"role":"user","content":{{JsonSerializer.Serialize(text)}}}""";

    private static string Body(string model, string system, string messages) =>
        $$"""{"model":"{{model}}","max_tokens":200,"system":{{system}},"messages":[{{messages}}]}""";

    private static async Task<Usage> UsageAsync(SimulatorHost host, string body, string key = "sk-ant-test")
    {
        using var request = SimulatorHost.Anthropic(body);
        request.Headers.Remove("x-api-key");
        request.Headers.Add("x-api-key", key);
        using var response = await host.Http.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, text);
        using var json = JsonDocument.Parse(text);
        var usage = json.RootElement.GetProperty("usage");
        var creation = usage.GetProperty("cache_creation");
        return new Usage(
            usage.GetProperty("input_tokens").GetInt32(),
            usage.GetProperty("cache_read_input_tokens").GetInt32(),
            usage.GetProperty("cache_creation_input_tokens").GetInt32(),
            creation.GetProperty("ephemeral_5m_input_tokens").GetInt32(),
            creation.GetProperty("ephemeral_1h_input_tokens").GetInt32());
    }

    private static string OpenAIBody(string system, string user) =>
        $$"""{"model":"gpt-4o","max_completion_tokens":100,"messages":[{"role":"system","content":{{JsonSerializer.Serialize(system)}}},{"role":"user","content":{{JsonSerializer.Serialize(user)}}}]}""";

    private static async Task<(int Prompt, int Cached)> OpenAIUsageAsync(SimulatorHost host, HttpRequestMessage request, bool responses = false)
    {
        using (request)
        {
            using var response = await host.Http.SendAsync(request, Ct);
            var text = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.IsSuccessStatusCode, text);
            using var json = JsonDocument.Parse(text);
            var usage = json.RootElement.GetProperty("usage");
            return responses
                ? (usage.GetProperty("input_tokens").GetInt32(), usage.GetProperty("input_tokens_details").GetProperty("cached_tokens").GetInt32())
                : (usage.GetProperty("prompt_tokens").GetInt32(), usage.GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt32());
        }
    }

    private sealed record Usage(int Input, int Read, int Write, int FiveMinutes, int HourWrites)
    {
        public int Total => Input + Read + Write;
    }

    private sealed class SettableTime : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
