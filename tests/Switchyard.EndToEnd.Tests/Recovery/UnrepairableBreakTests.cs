using System.Net;
using System.Text;
using System.Text.Json;

namespace Switchyard.EndToEnd.Tests.Recovery;

/// <summary>
/// Breaks the gateway must not paper over: tool calls, JSON output, extended thinking, and routes that opt out end with
/// an explicit error event in the caller's format — no continuation request is made. Repeated upstream events are dropped.
/// </summary>
public sealed class UnrepairableBreakTests(RecoveryHarness harness) : IClassFixture<RecoveryHarness>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> Bodies => new()
    {
        {
            "tool call",
            """{"model":"gpt-4o-mini","stream":true,"tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}],"tool_choice":"required","messages":[{"role":"user","content":"Weather in Oslo?"}]}"""
        },
        {
            "JSON output",
            """{"model":"gpt-4o-mini","stream":true,"response_format":{"type":"json_object"},"messages":[{"role":"user","content":"Describe Oslo as JSON."}]}"""
        },
        {
            "route opted out",
            """{"model":"no-repair","stream":true,"messages":[{"role":"user","content":"Describe Oslo."}]}"""
        },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task BreakAfterCommit_NotRepairable_EndsWithAnErrorEventAndNoContinuation(string why, string body)
    {
        await harness.ResetSimulatorAsync();
        await harness.SetScenarioAsync("""{"rules":[{"count":1,"stream":true,"fault":{"kind":"cut","afterEvents":4}}]}""");

        using var response = await harness.PostAsync("/v1/chat/completions", body);
        using var reader = new SseReader(await response.Content.ReadAsStreamAsync(Ct));
        var events = await reader.ReadToEndAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var last = JsonDocument.Parse(events[^1].Data);
        Assert.True(last.RootElement.TryGetProperty("error", out _), $"{why}: the stream ends with an error event");
        Assert.DoesNotContain(events, e => e.Data == "[DONE]");
        Assert.Equal(1, await harness.SimulatorRequestCountAsync());
    }

    [Fact]
    public async Task BreakInTheTextAfterThinking_EndsWithAnAnthropicErrorEventAndNoContinuation()
    {
        // A continuation cannot carry the thinking block that was streamed (its signature belongs to the broken
        // generation), and a prefill is refused with thinking on: the break is reported, not papered over.
        const string Body = """{"model":"claude-haiku-4-5","stream":true,"max_tokens":4000,"thinking":{"type":"enabled","budget_tokens":1024},"messages":[{"role":"user","content":"Describe Oslo."}]}""";
        await harness.ResetSimulatorAsync();
        var whole = await StreamMessagesAsync(Body);
        var firstText = whole.FindIndex(e => e.Data.Contains("\"text_delta\"", StringComparison.Ordinal));
        Assert.True(firstText > 0 && whole.Take(firstText).Any(e => e.Data.Contains("\"thinking_delta\"", StringComparison.Ordinal)), "the simulator streams thinking before the text");
        await harness.ResetSimulatorAsync();
        await harness.SetScenarioAsync($$$"""{"rules":[{"count":1,"stream":true,"fault":{"kind":"cut","afterEvents":{{{firstText + 3}}}}}]}""");

        var events = await StreamMessagesAsync(Body);

        Assert.Contains(events, e => e.Data.Contains("\"text_delta\"", StringComparison.Ordinal));
        Assert.Equal("error", events[^1].Type);
        Assert.DoesNotContain(events, e => e.Type == "message_stop");
        Assert.Equal(1, await harness.SimulatorRequestCountAsync());
    }

    [Theory]
    [InlineData("chat", "claude-haiku-4-5")]
    [InlineData("messages", "claude-haiku-4-5")]
    public async Task RepeatedMessageStart_IsDropped_TextIsExact(string door, string model)
    {
        await harness.ResetSimulatorAsync();
        var (whole, _) = await StreamClients.StreamAsync(harness, door, model);
        await harness.SetScenarioAsync("""{"rules":[{"count":1,"stream":true,"fault":{"kind":"duplicate","afterEvents":1}}]}""");

        var (text, finished) = await StreamClients.StreamAsync(harness, door, model);

        Assert.True(finished);
        Assert.Equal(whole, text);
    }

    [Fact]
    public async Task RawStream_OfARepeatedMessageStart_HasExactlyOneMessageStart()
    {
        await harness.ResetSimulatorAsync();
        await harness.SetScenarioAsync("""{"rules":[{"count":1,"stream":true,"fault":{"kind":"duplicate","afterEvents":1}}]}""");

        using var response = await harness.PostAsync("/v1/messages", """{"model":"claude-haiku-4-5","stream":true,"max_tokens":200,"messages":[{"role":"user","content":"Hello"}]}""", anthropicHeaders: true);
        var body = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(1, CountOf(body, "event: message_start\n"));
    }

    private async Task<List<SseEvent>> StreamMessagesAsync(string body)
    {
        using var response = await harness.PostAsync("/v1/messages", body, anthropicHeaders: true);
        using var reader = new SseReader(await response.Content.ReadAsStreamAsync(Ct));
        return await reader.ReadToEndAsync(Ct);
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
