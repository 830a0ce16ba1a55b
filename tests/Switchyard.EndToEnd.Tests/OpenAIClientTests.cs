using System.Text;
using System.Text.Json;
using OpenAI.Chat;
using Switchyard.Simulator;
using Switchyard.Testing;

namespace Switchyard.EndToEnd.Tests;

/// <summary>The official OpenAI .NET SDK against the gateway's chat completions door, served by both providers.</summary>
public sealed class OpenAIClientTests(GatewayHarness harness) : IClassFixture<GatewayHarness>
{
    public static TheoryData<string, string> Models => new()
    {
        { "gpt-4o-mini", "openai" },
        { "claude-haiku-4-5", "anthropic" },
    };

    public static TheoryData<string> ModelNames => ["gpt-4o-mini", "claude-haiku-4-5"];

    [Theory]
    [MemberData(nameof(Models))]
    public async Task CompleteChat_AnyProvider_ReturnsTheProvidersAnswer(string model, string provider)
    {
        var client = harness.OpenAIChat(model);
        var result = await client.CompleteChatAsync(
            [new SystemChatMessage("Be brief."), new UserChatMessage("Tell me about rivers.")],
            new ChatCompletionOptions { MaxOutputTokenCount = 400 },
            TestContext.Current.CancellationToken);

        var expected = Expected(model, provider, "Be brief.", "Tell me about rivers.");
        var completion = result.Value;
        Assert.Equal(expected.Text, completion.Content[0].Text);
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.Equal(expected.CompletionTokens, completion.Usage.OutputTokenCount);
        Assert.True(completion.Usage.InputTokenCount > 0);
        Assert.Equal(provider, result.GetRawResponse().Headers.TryGetValue("x-switchyard-provider", out var p) ? p : null);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public async Task CompleteChatStreaming_AnyProvider_StreamsTheSameTextAndUsage(string model, string provider)
    {
        var client = harness.OpenAIChat(model);
        var text = new StringBuilder();
        ChatFinishReason? finish = null;
        ChatTokenUsage? usage = null;
        var options = new ChatCompletionOptions { MaxOutputTokenCount = 400 };
        await foreach (var update in client.CompleteChatStreamingAsync(
            [new SystemChatMessage("Be brief."), new UserChatMessage("Tell me about rivers.")], options, TestContext.Current.CancellationToken))
        {
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }

            finish ??= update.FinishReason;
            usage ??= update.Usage;
        }

        var expected = Expected(model, provider, "Be brief.", "Tell me about rivers.");
        Assert.Equal(expected.Text, text.ToString());
        Assert.Equal(ChatFinishReason.Stop, finish);
        Assert.NotNull(usage);
        Assert.Equal(expected.CompletionTokens, usage.OutputTokenCount);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public async Task CompleteChat_RequiredTool_ReturnsSchemaValidCallAndAcceptsItsResult(string model, string provider)
    {
        var client = harness.OpenAIChat(model);
        var tool = ChatTool.CreateFunctionTool(
            "get_weather",
            "Current weather for a city.",
            BinaryData.FromString("""{"type":"object","properties":{"city":{"type":"string"},"unit":{"type":"string","enum":["c","f"]}},"required":["city","unit"]}"""));
        var options = new ChatCompletionOptions { MaxOutputTokenCount = 400, Tools = { tool }, ToolChoice = ChatToolChoice.CreateRequiredChoice() };
        List<ChatMessage> messages = [new UserChatMessage("What is the weather in Paris?")];

        var firstResult = await client.CompleteChatAsync(messages, options, TestContext.Current.CancellationToken);
        var first = firstResult.Value;
        Assert.Equal(provider, firstResult.GetRawResponse().Headers.TryGetValue("x-switchyard-provider", out var p) ? p : null);

        Assert.Equal(ChatFinishReason.ToolCalls, first.FinishReason);
        var call = Assert.Single(first.ToolCalls);
        Assert.Equal("get_weather", call.FunctionName);
        using var arguments = JsonDocument.Parse(call.FunctionArguments);
        Assert.Equal(JsonValueKind.String, arguments.RootElement.GetProperty("city").ValueKind);
        Assert.Contains(arguments.RootElement.GetProperty("unit").GetString(), new[] { "c", "f" });

        messages.Add(new AssistantChatMessage(first));
        messages.Add(new ToolChatMessage(call.Id, """{"temperature":21}"""));
        var second = (await client.CompleteChatAsync(messages, new ChatCompletionOptions { MaxOutputTokenCount = 400, Tools = { tool } }, TestContext.Current.CancellationToken)).Value;

        Assert.Equal(ChatFinishReason.Stop, second.FinishReason);
        Assert.False(string.IsNullOrWhiteSpace(second.Content[0].Text));
    }

    [Theory]
    [MemberData(nameof(ModelNames))]
    public async Task CompleteChatStreaming_RequiredTool_StreamsArgumentFragmentsThatJoinToValidJson(string model)
    {
        var client = harness.OpenAIChat(model);
        var tool = ChatTool.CreateFunctionTool(
            "lookup_order",
            "Find an order.",
            BinaryData.FromString("""{"type":"object","properties":{"order_id":{"type":"integer"},"include_items":{"type":"boolean"}},"required":["order_id"]}"""));
        var options = new ChatCompletionOptions { MaxOutputTokenCount = 400, Tools = { tool }, ToolChoice = ChatToolChoice.CreateRequiredChoice() };
        var arguments = new StringBuilder();
        string? name = null, id = null;
        ChatFinishReason? finish = null;
        await foreach (var update in client.CompleteChatStreamingAsync([new UserChatMessage("Where is my order 7?")], options, TestContext.Current.CancellationToken))
        {
            foreach (var call in update.ToolCallUpdates)
            {
                name ??= call.FunctionName;
                id ??= call.ToolCallId;
                arguments.Append(call.FunctionArgumentsUpdate?.ToString());
            }

            finish ??= update.FinishReason;
        }

        Assert.Equal("lookup_order", name);
        Assert.False(string.IsNullOrEmpty(id));
        Assert.Equal(ChatFinishReason.ToolCalls, finish);
        using var parsed = JsonDocument.Parse(arguments.ToString());
        Assert.Equal(JsonValueKind.Number, parsed.RootElement.GetProperty("order_id").ValueKind);
    }

    private static SimulatedAnswer Expected(string model, string provider, string system, string user) =>
        provider == "openai"
            ? GatewayHarness.Expected(SimulatorApi.OpenAIChatCompletions, JsonSerializer.Serialize(new
            {
                model,
                max_completion_tokens = 400,
                messages = new object[] { new { role = "system", content = system }, new { role = "user", content = user } },
            }))
            : GatewayHarness.Expected(SimulatorApi.AnthropicMessages, JsonSerializer.Serialize(new
            {
                model,
                max_tokens = 400,
                system,
                messages = new object[] { new { role = "user", content = user } },
            }));
}
