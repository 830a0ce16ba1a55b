using System.Net;
using System.Text;
using System.Text.Json;
using Switchyard.Simulator.Generation;

namespace Switchyard.Simulator.Tests;

/// <summary>
/// Anthropic extended thinking: a thinking block before the text or tool use, streamed as thinking deltas and one
/// signature delta, counted in usage, bounded by the budget, validated like the real API, and echoed back in later turns.
/// </summary>
public sealed class ThinkingTests
{
    private const string User = "Why is the sky blue?";
    private const string Enabled = ""","thinking":{"type":"enabled","budget_tokens":2048}""";
    private const string WeatherTool = """{"name":"get_weather","input_schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}""";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Body(bool stream, string thinking = Enabled, int maxTokens = 4096) =>
        Requests.AnthropicChat(User, maxTokens: maxTokens, extra: thinking + (stream ? ""","stream":true""" : ""));

    [Fact]
    public async Task Create_ThinkingEnabled_ThinkingBlockThenTextWithUsage()
    {
        await using var host = await SimulatorHost.StartAsync();

        using var message = await PostJsonAsync(host, Body(stream: false));

        var content = message.RootElement.GetProperty("content");
        Assert.Equal(["thinking", "text"], content.EnumerateArray().Select(b => b.GetProperty("type").GetString()));
        var thinking = content[0].GetProperty("thinking").GetString()!;
        var text = content[1].GetProperty("text").GetString()!;
        Assert.InRange(Convert.FromBase64String(content[0].GetProperty("signature").GetString()!).Length, 100, 1000);
        var predicted = SimulatedText.Predict(SimulatorApi.AnthropicMessages, Body(stream: false), 42);
        Assert.Equal(predicted.Thinking, thinking);
        Assert.Equal(predicted.Text, text);
        Assert.Equal(SimulatedText.Predict(SimulatorApi.AnthropicMessages, Body(stream: false, thinking: ""), 42).Text, text);
        Assert.NotEqual(text, thinking);
        Assert.Equal("end_turn", message.RootElement.GetProperty("stop_reason").GetString());
        var usage = message.RootElement.GetProperty("usage");
        Assert.Equal(TokenCounter.Count(thinking) + TokenCounter.Count(text), usage.GetProperty("output_tokens").GetInt32());
        Assert.Equal(predicted.CompletionTokens, usage.GetProperty("output_tokens").GetInt32());
        Assert.Equal(TokenCounter.Count(thinking), usage.GetProperty("output_tokens_details").GetProperty("thinking_tokens").GetInt32());
    }

    [Fact]
    public async Task Stream_ThinkingEnabled_ThinkingDeltasThenSignatureThenTextSameAsWhole()
    {
        await using var host = await SimulatorHost.StartAsync();
        using var whole = await PostJsonAsync(host, Body(stream: false));
        using var request = SimulatorHost.Anthropic(Body(stream: true));

        using var response = await host.Http.SendAsync(request, Ct);
        var events = Sse.Events(await response.Content.ReadAsStringAsync(Ct)).Select(e => JsonDocument.Parse(Sse.Data(e)).RootElement).ToList();

        var shape = events.Select(Shape).Distinct().ToList();
        Assert.Equal(
            ["message_start", "content_block_start 0 thinking", "ping", "content_block_delta 0 thinking_delta", "content_block_delta 0 signature_delta",
             "content_block_stop 0", "content_block_start 1 text", "content_block_delta 1 text_delta", "content_block_stop 1", "message_delta", "message_stop"],
            shape);
        Assert.Single(events, e => Shape(e) == "content_block_delta 0 signature_delta");
        var start = events.Single(e => Shape(e) == "content_block_start 0 thinking").GetProperty("content_block");
        Assert.Equal(string.Empty, start.GetProperty("thinking").GetString());
        Assert.Equal(string.Empty, start.GetProperty("signature").GetString());
        var content = whole.RootElement.GetProperty("content");
        Assert.Equal(content[0].GetProperty("thinking").GetString(), Join(events, "thinking_delta", "thinking"));
        Assert.Equal(content[0].GetProperty("signature").GetString(), Join(events, "signature_delta", "signature"));
        Assert.Equal(content[1].GetProperty("text").GetString(), Join(events, "text_delta", "text"));
        var usage = events.Single(e => Shape(e) == "message_delta").GetProperty("usage");
        var wholeUsage = whole.RootElement.GetProperty("usage");
        Assert.Equal(wholeUsage.GetProperty("output_tokens").GetInt32(), usage.GetProperty("output_tokens").GetInt32());
        Assert.Equal(
            wholeUsage.GetProperty("output_tokens_details").GetProperty("thinking_tokens").GetInt32(),
            usage.GetProperty("output_tokens_details").GetProperty("thinking_tokens").GetInt32());
    }

    [Fact]
    public async Task Create_AdaptiveWithSmallMaxTokens_ThinkingTakesHalfAndTextIsCut()
    {
        await using var host = await SimulatorHost.StartAsync();

        using var message = await PostJsonAsync(host, Body(stream: false, thinking: ""","thinking":{"type":"adaptive"}""", maxTokens: 60));

        var content = message.RootElement.GetProperty("content");
        Assert.Equal("thinking", content[0].GetProperty("type").GetString());
        Assert.Equal(30, TokenCounter.Count(content[0].GetProperty("thinking").GetString()!));
        Assert.Equal(30, TokenCounter.Count(content[1].GetProperty("text").GetString()!));
        Assert.Equal("max_tokens", message.RootElement.GetProperty("stop_reason").GetString());
        Assert.Equal(60, message.RootElement.GetProperty("usage").GetProperty("output_tokens").GetInt32());
    }

    [Fact]
    public async Task Create_BudgetSmallerThanAnswerRange_ThinkingStaysWithinBudget()
    {
        await using var host = await SimulatorHost.StartAsync(new SimulatorOptions { MinOutputTokens = 1500, MaxOutputTokens = 1600 });

        using var message = await PostJsonAsync(host, Body(stream: false, thinking: ""","thinking":{"type":"enabled","budget_tokens":1024}"""));

        Assert.Equal(1024, TokenCounter.Count(message.RootElement.GetProperty("content")[0].GetProperty("thinking").GetString()!));
    }

    [Theory]
    [InlineData(""","thinking":{"type":"enabled","budget_tokens":1000}""", 4096, "thinking.enabled.budget_tokens: Input should be greater than or equal to 1024")]
    [InlineData(""","thinking":{"type":"enabled","budget_tokens":2048}""", 2048, "`max_tokens` must be greater than `thinking.budget_tokens`.")]
    [InlineData(""","thinking":{"type":"enabled"}""", 4096, "thinking.enabled.budget_tokens: Field required")]
    [InlineData(""","thinking":{"type":"enabled","budget_tokens":2048},"tools":[""" + WeatherTool + """],"tool_choice":{"type":"any"}""", 4096, "Thinking may not be enabled when tool_choice forces tool use.")]
    public async Task Create_InvalidThinking_400InAnthropicWording(string thinking, int maxTokens, string message)
    {
        await using var host = await SimulatorHost.StartAsync();

        await AssertRejectedAsync(host, Body(stream: false, thinking, maxTokens), message);
    }

    [Fact]
    public async Task Create_ThinkingWithPrefill_400()
    {
        await using var host = await SimulatorHost.StartAsync();
        var body = Requests.AnthropicWithPrefill(User, "The sky").Replace("\"max_tokens\":4096", "\"max_tokens\":4096" + Enabled, StringComparison.Ordinal);

        await AssertRejectedAsync(host, body, "messages.1.content.0.type: Expected `thinking` or `redacted_thinking`, but found `text`.");
    }

    [Fact]
    public async Task CreateAndStream_ToolNamed_ThinkingThenToolUse()
    {
        await using var host = await SimulatorHost.StartAsync();
        var extra = Enabled + ""","tools":[""" + WeatherTool + "]";
        var body = Requests.AnthropicChat("Call get_weather for Oslo.", maxTokens: 4096, extra: extra);

        using var message = await PostJsonAsync(host, body);
        using var request = SimulatorHost.Anthropic(Requests.AnthropicChat("Call get_weather for Oslo.", maxTokens: 4096, extra: extra + ""","stream":true"""));
        using var response = await host.Http.SendAsync(request, Ct);
        var events = Sse.Events(await response.Content.ReadAsStringAsync(Ct)).Select(e => JsonDocument.Parse(Sse.Data(e)).RootElement).ToList();

        var content = message.RootElement.GetProperty("content");
        Assert.Equal(["thinking", "tool_use"], content.EnumerateArray().Select(b => b.GetProperty("type").GetString()));
        Assert.Equal("tool_use", message.RootElement.GetProperty("stop_reason").GetString());
        var thinkingTokens = TokenCounter.Count(content[0].GetProperty("thinking").GetString()!);
        Assert.Equal(thinkingTokens, message.RootElement.GetProperty("usage").GetProperty("output_tokens_details").GetProperty("thinking_tokens").GetInt32());
        Assert.True(message.RootElement.GetProperty("usage").GetProperty("output_tokens").GetInt32() > thinkingTokens);
        Assert.Equal(
            ["content_block_start 0 thinking", "content_block_start 1 tool_use"],
            events.Select(Shape).Where(s => s.StartsWith("content_block_start", StringComparison.Ordinal)));
        Assert.Equal(content[1].GetProperty("id").GetString(), events.Single(e => Shape(e) == "content_block_start 1 tool_use").GetProperty("content_block").GetProperty("id").GetString());
        Assert.Equal(content[0].GetProperty("thinking").GetString(), Join(events, "thinking_delta", "thinking"));
    }

    [Fact]
    public async Task Create_ThinkingBlockEchoedInLaterTurn_AcceptedAndAnswered()
    {
        await using var host = await SimulatorHost.StartAsync();
        var extra = Enabled + ""","tools":[""" + WeatherTool + "]";
        using var first = await PostJsonAsync(host, Requests.AnthropicChat("Call get_weather for Oslo.", maxTokens: 4096, extra: extra));
        var assistant = JsonText(first.RootElement.GetProperty("content"));
        var toolUseId = first.RootElement.GetProperty("content")[1].GetProperty("id").GetString();
        var turns = $$"""[{"role":"user","content":"Call get_weather for Oslo."},{"role":"assistant","content":{{assistant}}},{"role":"user","content":[{"type":"tool_result","tool_use_id":"{{toolUseId}}","content":"Sunny, 21 C"}]}]""";
        var body = $$"""{"model":"claude-sonnet-4-5","max_tokens":4096,"system":"You are terse.","messages":{{turns}}{{extra}}}""";

        using var second = await PostJsonAsync(host, body);

        var content = second.RootElement.GetProperty("content");
        Assert.Equal(["thinking", "text"], content.EnumerateArray().Select(b => b.GetProperty("type").GetString()));
        Assert.Equal("end_turn", second.RootElement.GetProperty("stop_reason").GetString());
        // The echoed thinking block is not part of the conversation key: the answer is the one to the same turns without it
        // (and without thinking, which the API would refuse after a tool call without its thinking block).
        var withoutThinking = body.Replace(JsonText(first.RootElement.GetProperty("content")[0]) + ",", string.Empty, StringComparison.Ordinal)
            .Replace(Enabled, string.Empty, StringComparison.Ordinal);
        Assert.NotEqual(body, withoutThinking);
        Assert.Equal(SimulatedText.Predict(SimulatorApi.AnthropicMessages, withoutThinking, 42).Text, content[1].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Create_NoThinking_NoThinkingBlockNorDetails()
    {
        await using var host = await SimulatorHost.StartAsync();

        using var message = await PostJsonAsync(host, Body(stream: false, thinking: ""","thinking":{"type":"disabled"}"""));

        Assert.Equal(["text"], message.RootElement.GetProperty("content").EnumerateArray().Select(b => b.GetProperty("type").GetString()));
        Assert.False(message.RootElement.GetProperty("usage").TryGetProperty("output_tokens_details", out _));
    }

    private static string JsonText(JsonElement element) => JsonSerializer.Serialize(element);

    private static string Shape(JsonElement e)
    {
        var type = e.GetProperty("type").GetString()!;
        return type switch
        {
            "content_block_start" => $"{type} {e.GetProperty("index").GetInt32()} {e.GetProperty("content_block").GetProperty("type").GetString()}",
            "content_block_delta" => $"{type} {e.GetProperty("index").GetInt32()} {e.GetProperty("delta").GetProperty("type").GetString()}",
            "content_block_stop" => $"{type} {e.GetProperty("index").GetInt32()}",
            _ => type,
        };
    }

    private static string Join(List<JsonElement> events, string deltaType, string field)
    {
        var text = new StringBuilder();
        foreach (var e in events.Where(e => Shape(e).EndsWith(" " + deltaType, StringComparison.Ordinal)))
        {
            text.Append(e.GetProperty("delta").GetProperty(field).GetString());
        }

        return text.ToString();
    }

    private static async Task AssertRejectedAsync(SimulatorHost host, string body, string message)
    {
        using var request = SimulatorHost.Anthropic(body);
        using var response = await host.Http.SendAsync(request, Ct);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request_error", json.RootElement.GetProperty("error").GetProperty("type").GetString());
        Assert.StartsWith(message, json.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static async Task<JsonDocument> PostJsonAsync(SimulatorHost host, string body)
    {
        using var request = SimulatorHost.Anthropic(body);
        using var response = await host.Http.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text);
    }
}
