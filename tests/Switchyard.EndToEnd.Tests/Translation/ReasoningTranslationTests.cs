using System.Net;
using System.Text;
using System.Text.Json;
using Anthropic.Models.Messages;
using OpenAI.Chat;
using Switchyard.Simulator;
using Switchyard.Testing;

namespace Switchyard.EndToEnd.Tests.Translation;

/// <summary>
/// Reasoning across providers through the gateway, with the official SDKs: an OpenAI reasoning effort reaches Claude
/// as extended thinking (and its thinking comes back as <c>reasoning_content</c> or a reasoning item), an Anthropic
/// thinking budget reaches an OpenAI reasoning model as <c>reasoning_effort</c>, and neither is sent where the provider
/// would refuse the request for it. The simulator refuses what the real APIs refuse (thinking with a forced tool, with
/// <c>temperature</c>, after an unsigned tool call; an effort for a model that does not reason; <c>temperature</c> on a
/// reasoning model), so a translation that sent one would fail these tests with a 400.
/// </summary>
public sealed class ReasoningTranslationTests(GatewayHarness harness) : IClassFixture<GatewayHarness>
{
    private const string Claude = "claude-haiku-4-5";
    private const string Question = "Tell me about rivers.";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OpenAISdk_EffortToClaude_ThinkingWithABudgetAndReasoningContentBack()
    {
        var options = new ChatCompletionOptions
        {
            MaxOutputTokenCount = 4096,
            Temperature = 0.3f,
#pragma warning disable OPENAI001 // reasoning effort is marked experimental in the SDK
            ReasoningEffortLevel = ChatReasoningEffortLevel.High,
#pragma warning restore OPENAI001
        };

        var completion = (await harness.OpenAIChat(Claude).CompleteChatAsync([new UserChatMessage(Question)], options, Ct)).Value;

        var upstream = await LastUpstreamAsync("/v1/messages");
        var thinking = upstream.GetProperty("thinking");
        Assert.Equal("enabled", thinking.GetProperty("type").GetString());
        Assert.Equal(3072, thinking.GetProperty("budget_tokens").GetInt32()); // high's 16,384, capped at 3/4 of 4,096
        Assert.False(upstream.TryGetProperty("temperature", out _));
        var expected = GatewayHarness.Expected(SimulatorApi.AnthropicMessages, upstream.GetRawText());
        Assert.False(string.IsNullOrEmpty(expected.Thinking));
        Assert.Equal(expected.Text, completion.Content[0].Text);
        Assert.Equal(expected.CompletionTokens, completion.Usage.OutputTokenCount);

        using var raw = await PostChatAsync(Claude, """ "reasoning_effort":"high","max_completion_tokens":4096,"temperature":0.3 """);
        var message = raw.RootElement.GetProperty("choices")[0].GetProperty("message");
        Assert.Equal(expected.Thinking, message.GetProperty("reasoning_content").GetString());
        Assert.Equal(expected.Text, message.GetProperty("content").GetString());
    }

    [Fact]
    public async Task ChatStream_EffortToClaude_ReasoningContentDeltasBeforeTheText()
    {
        using var response = await harness.PostAsync("/v1/chat/completions", Body(Claude, """ "reasoning_effort":"low","stream":true """));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reasoning = new StringBuilder();
        var text = new StringBuilder();
        foreach (var data in SseData(await response.Content.ReadAsStringAsync(Ct)))
        {
            using var chunk = JsonDocument.Parse(data);
            if (chunk.RootElement.GetProperty("choices") is { ValueKind: JsonValueKind.Array } choices && choices.GetArrayLength() > 0)
            {
                var delta = choices[0].GetProperty("delta");
                if (delta.TryGetProperty("reasoning_content", out var part))
                {
                    Assert.Equal(0, text.Length);
                    reasoning.Append(part.GetString());
                }

                if (delta.TryGetProperty("content", out var content))
                {
                    text.Append(content.GetString());
                }
            }
        }

        var upstream = await LastUpstreamAsync("/v1/messages");
        Assert.Equal(2048, upstream.GetProperty("thinking").GetProperty("budget_tokens").GetInt32()); // low, under 3/4 of the default 4,096
        var expected = GatewayHarness.Expected(SimulatorApi.AnthropicMessages, upstream.GetRawText());
        Assert.Equal(expected.Thinking, reasoning.ToString());
        Assert.Equal(expected.Text, text.ToString());
    }

    [Fact]
    public async Task Responses_EffortToClaude_AReasoningItemBeforeTheMessage()
    {
        using var response = await harness.PostAsync("/v1/responses", $$$"""
            {"model":"{{{Claude}}}","input":"{{{Question}}}","max_output_tokens":8000,"reasoning":{"effort":"medium","summary":"auto"}}
            """);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);

        var upstream = await LastUpstreamAsync("/v1/messages");
        Assert.Equal(6000, upstream.GetProperty("thinking").GetProperty("budget_tokens").GetInt32()); // medium's 8,192, capped at 3/4 of 8,000
        var expected = GatewayHarness.Expected(SimulatorApi.AnthropicMessages, upstream.GetRawText());
        using var document = JsonDocument.Parse(body);
        var output = document.RootElement.GetProperty("output");
        Assert.Equal("reasoning", output[0].GetProperty("type").GetString());
        Assert.Equal(expected.Thinking, output[0].GetProperty("summary")[0].GetProperty("text").GetString());
        Assert.Equal("message", output[1].GetProperty("type").GetString());
        Assert.Equal(expected.Text, output[1].GetProperty("content")[0].GetProperty("text").GetString());
    }

    public static TheoryData<string, string> RefusedCombinations => new()
    {
        { "a forced tool choice", """ "tools":[{"type":"function","function":{"name":"lookup","parameters":{"type":"object","properties":{}}}}],"tool_choice":"required" """ },
        { "a budget under 1,024 tokens", """ "max_completion_tokens":1200 """ },
        {
            "a tool call in the history without a signed thinking block",
            """ "tools":[{"type":"function","function":{"name":"lookup","parameters":{"type":"object","properties":{}}}}] """
        },
    };

    [Theory]
    [MemberData(nameof(RefusedCombinations))]
    public async Task Chat_EffortToClaude_WhereTheApiRefusesThinking_AnswersWithout(string why, string fields)
    {
        var messages = why.StartsWith("a tool call", StringComparison.Ordinal)
            ? """
              [{"role":"user","content":"Look it up."},
               {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"lookup","arguments":"{}"}}]},
               {"role":"tool","tool_call_id":"call_1","content":"Rivers flow."}]
              """
            : null;

        using var response = await harness.PostAsync("/v1/chat/completions", Body(Claude, $""" "reasoning_effort":"high",{fields} """, messages));

        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{why}: {body}");
        Assert.False((await LastUpstreamAsync("/v1/messages")).TryGetProperty("thinking", out _), why);
    }

    [Fact]
    public async Task Chat_EffortToClaude_AfterAToolLoopTheAnswerClosed_ThinksAgain()
    {
        const string Messages = """
            [{"role":"user","content":"Look it up."},
             {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"lookup","arguments":"{}"}}]},
             {"role":"tool","tool_call_id":"call_1","content":"Rivers flow."},
             {"role":"assistant","content":"They flow."},
             {"role":"user","content":"And lakes?"}]
            """;

        using var response = await harness.PostAsync("/v1/chat/completions", Body(Claude,
            """ "reasoning_effort":"low","tools":[{"type":"function","function":{"name":"lookup","parameters":{"type":"object","properties":{}}}}] """, Messages));

        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.Equal(2048, (await LastUpstreamAsync("/v1/messages")).GetProperty("thinking").GetProperty("budget_tokens").GetInt32());
    }

    [Fact]
    public async Task AnthropicSdk_ThinkingToAnOpenAIReasoningModel_ReasoningEffortFromTheBudget()
    {
        var message = await harness.Anthropic().Messages.Create(new MessageCreateParams
        {
            Model = "o4-mini",
            MaxTokens = 16000,
            Messages = [new UserMessageParam(Question)],
            Thinking = new ThinkingConfigEnabled { BudgetTokens = 8192 },
        }, Ct);

        var upstream = await LastUpstreamAsync("/v1/chat/completions");
        Assert.Equal("medium", upstream.GetProperty("reasoning_effort").GetString());
        Assert.Equal(16000, upstream.GetProperty("max_completion_tokens").GetInt32());
        Assert.True(message.Content[0].TryPickText(out var text));
        Assert.Equal(GatewayHarness.Expected(SimulatorApi.OpenAIChatCompletions, upstream.GetRawText()).Text, text.Text);
    }

    [Fact]
    public async Task Messages_TemperatureToAnOpenAIReasoningModel_LeftOutSoItAnswers()
    {
        // Raw, because the Anthropic SDK's MessageCreateParams no longer has temperature.
        using var response = await harness.PostAsync("/v1/messages", $$"""
            {"model":"gpt-5","max_tokens":1000,"temperature":0.5,"top_p":0.9,"messages":[{"role":"user","content":"{{Question}}"}]}
            """, anthropicHeaders: true);

        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var upstream = await LastUpstreamAsync("/v1/chat/completions");
        Assert.False(upstream.TryGetProperty("temperature", out _));
        Assert.False(upstream.TryGetProperty("top_p", out _));
        Assert.False(upstream.TryGetProperty("reasoning_effort", out _));
        using var message = JsonDocument.Parse(body);
        Assert.Equal(
            GatewayHarness.Expected(SimulatorApi.OpenAIChatCompletions, upstream.GetRawText()).Text,
            message.RootElement.GetProperty("content")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task AnthropicSdk_ThinkingToAModelThatDoesNotReason_NoEffortSent()
    {
        var message = await harness.Anthropic().Messages.Create(new MessageCreateParams
        {
            Model = "gpt-4o-mini",
            MaxTokens = 4000,
            Messages = [new UserMessageParam(Question)],
            Thinking = new ThinkingConfigEnabled { BudgetTokens = 2048 },
        }, Ct);

        Assert.False((await LastUpstreamAsync("/v1/chat/completions")).TryGetProperty("reasoning_effort", out _));
        Assert.True(message.Content[0].TryPickText(out _));
    }

    public static TheoryData<string, string, string, bool> BadEfforts => new()
    {
        { "/v1/chat/completions", $$"""{"model":"{{Claude}}","messages":[{"role":"user","content":"hi"}],"reasoning_effort":"extreme"}""", "reasoning_effort", false },
        { "/v1/chat/completions", $$"""{"model":"{{Claude}}","messages":[{"role":"user","content":"hi"}],"reasoning_effort":3}""", "reasoning_effort", false },
        { "/v1/responses", $$$"""{"model":"{{{Claude}}}","input":"hi","reasoning":{"effort":"huge"}}""", "reasoning.effort", false },
        { "/v1/messages", $$$"""{"model":"{{{Claude}}}","max_tokens":100,"messages":[{"role":"user","content":"hi"}],"output_config":{"effort":"huge"}}""", "output_config.effort", true },
    };

    [Theory]
    [MemberData(nameof(BadEfforts))]
    public async Task UnknownEffort_400InTheCallersFormat_NamingTheField(string path, string body, string param, bool anthropic)
    {
        var before = await harness.SimulatorRequestCountAsync();
        using var response = await harness.PostAsync(path, body, anthropicHeaders: anthropic);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        if (anthropic)
        {
            Assert.Equal("invalid_request_error", error.RootElement.GetProperty("error").GetProperty("type").GetString());
            Assert.Contains(param, error.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(param, error.RootElement.GetProperty("error").GetProperty("param").GetString());
        }

        Assert.Equal(before, await harness.SimulatorRequestCountAsync());
    }

    private static string Body(string model, string fields, string? messages = null) =>
        $$"""{"model":"{{model}}","messages":{{messages ?? $$"""[{"role":"user","content":"{{Question}}"}]"""}},{{fields}}}""";

    private async Task<JsonDocument> PostChatAsync(string model, string fields)
    {
        using var response = await harness.PostAsync("/v1/chat/completions", Body(model, fields));
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body);
    }

    private async Task<JsonElement> LastUpstreamAsync(string expectedPath)
    {
        var (path, body) = (await harness.SimulatorRequestsAsync())[^1];
        Assert.Equal(expectedPath, path);
        return body;
    }

    private static IEnumerable<string> SseData(string sse) => sse.Split('\n')
        .Where(line => line.StartsWith("data: ", StringComparison.Ordinal) && line != "data: [DONE]")
        .Select(line => line["data: ".Length..]);
}
