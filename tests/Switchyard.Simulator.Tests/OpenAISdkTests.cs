using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text;
using OpenAI;
using OpenAI.Chat;

namespace Switchyard.Simulator.Tests;

/// <summary>The official OpenAI .NET SDK against a real simulator on loopback.</summary>
public sealed class OpenAISdkTests
{
    private static ChatClient Client(SimulatorHost host, string model = "gpt-4o") =>
        new(model, new ApiKeyCredential("k"), new OpenAIClientOptions { Endpoint = new Uri(host.BaseAddress, "/v1"), RetryPolicy = new ClientRetryPolicy(0) });

    [Fact]
    public async Task CompleteChat_NonStreaming_TextMatchesPrediction()
    {
        await using var host = await SimulatorHost.StartAsync();
        var ct = TestContext.Current.CancellationToken;

        ChatCompletion completion = await Client(host).CompleteChatAsync([new SystemChatMessage("You are terse."), new UserChatMessage("Hello")], cancellationToken: ct);

        var expected = SimulatedText.Predict(SimulatorApi.OpenAIChatCompletions, Requests.OpenAIChat("Hello"), 42);
        Assert.Equal(expected.Text, completion.Content[0].Text);
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.Equal(expected.PromptTokens, completion.Usage.InputTokenCount);
        Assert.Equal(expected.CompletionTokens, completion.Usage.OutputTokenCount);
    }

    [Fact]
    public async Task CompleteChatStreaming_SameConversation_JoinedDeltasEqualNonStreamingText()
    {
        await using var host = await SimulatorHost.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var client = Client(host);
        ChatMessage[] messages = [new UserChatMessage("Stream please")];

        ChatCompletion whole = await client.CompleteChatAsync(messages, cancellationToken: ct);
        var text = new StringBuilder();
        ChatFinishReason? finish = null;
        ChatTokenUsage? usage = null;
        var updates = 0;
        await foreach (var update in client.CompleteChatStreamingAsync(messages, new ChatCompletionOptions(), ct))
        {
            updates++;
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }

            finish ??= update.FinishReason;
            usage ??= update.Usage;
        }

        Assert.Equal(whole.Content[0].Text, text.ToString());
        Assert.Equal(ChatFinishReason.Stop, finish);
        Assert.True(updates > 10);
        Assert.NotNull(usage);
        Assert.Equal(whole.Usage.OutputTokenCount, usage.OutputTokenCount);
    }

    [Fact]
    public async Task CompleteChat_MaxOutputTokens_FinishesWithLength()
    {
        await using var host = await SimulatorHost.StartAsync();

        ChatCompletion completion = await Client(host).CompleteChatAsync([new UserChatMessage("Hi")], new ChatCompletionOptions { MaxOutputTokenCount = 5 }, TestContext.Current.CancellationToken);

        Assert.Equal(ChatFinishReason.Length, completion.FinishReason);
        Assert.Equal(5, completion.Usage.OutputTokenCount);
    }

    [Fact]
    public async Task CompleteChat_RequiredTool_ReturnsSchemaValidCall()
    {
        await using var host = await SimulatorHost.StartAsync();
        var options = new ChatCompletionOptions { ToolChoice = ChatToolChoice.CreateRequiredChoice() };
        options.Tools.Add(ChatTool.CreateFunctionTool("get_weather", "Weather", BinaryData.FromString(Requests.WeatherSchema)));

        ChatCompletion completion = await Client(host).CompleteChatAsync([new UserChatMessage("What is it like outside?")], options, TestContext.Current.CancellationToken);

        Assert.Equal(ChatFinishReason.ToolCalls, completion.FinishReason);
        var call = Assert.Single(completion.ToolCalls);
        Assert.Equal("get_weather", call.FunctionName);
        SchemaAssert.Valid(Requests.WeatherSchema, call.FunctionArguments.ToString());
    }

    [Fact]
    public async Task CompleteChatStreaming_RequiredTool_ArgumentFragmentsJoinToValidJson()
    {
        await using var host = await SimulatorHost.StartAsync();
        var options = new ChatCompletionOptions { ToolChoice = ChatToolChoice.CreateRequiredChoice() };
        options.Tools.Add(ChatTool.CreateFunctionTool("get_weather", "Weather", BinaryData.FromString(Requests.WeatherSchema)));
        var arguments = new StringBuilder();
        string? name = null;
        var fragments = 0;
        ChatFinishReason? finish = null;

        await foreach (var update in Client(host).CompleteChatStreamingAsync([new UserChatMessage("What is it like outside?")], options, TestContext.Current.CancellationToken))
        {
            foreach (var tool in update.ToolCallUpdates)
            {
                name ??= tool.FunctionName;
                if (tool.FunctionArgumentsUpdate is { } args && !args.ToMemory().IsEmpty)
                {
                    fragments++;
                    arguments.Append(args.ToString());
                }
            }

            finish ??= update.FinishReason;
        }

        Assert.Equal("get_weather", name);
        Assert.True(fragments >= 2);
        Assert.Equal(ChatFinishReason.ToolCalls, finish);
        SchemaAssert.Valid(Requests.WeatherSchema, arguments.ToString());
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(404)]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(503)]
    public async Task CompleteChat_InjectedStatus_ThrowsClientResultExceptionWithStatus(int status)
    {
        await using var host = await SimulatorHost.StartAsync(scenarioJson: """{"rules":[{"fault":{"kind":"status","status":""" + status + "}}]}");

        var e = await Assert.ThrowsAsync<ClientResultException>(() => Client(host).CompleteChatAsync([new UserChatMessage("Hi")], cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(status, e.Status);
    }

    [Fact]
    public async Task CompleteChat_UnknownModel_Throws404()
    {
        await using var host = await SimulatorHost.StartAsync();

        var e = await Assert.ThrowsAsync<ClientResultException>(() => Client(host, "llama-3").CompleteChatAsync([new UserChatMessage("Hi")], cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(404, e.Status);
        Assert.Contains("model_not_found", e.Message, StringComparison.Ordinal);
    }
}
