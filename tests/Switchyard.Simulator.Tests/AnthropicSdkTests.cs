using System.Text;
using System.Text.Json;
using Anthropic;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;

namespace Switchyard.Simulator.Tests;

/// <summary>The official Anthropic .NET SDK against a real simulator on loopback.</summary>
public sealed class AnthropicSdkTests
{
    private static AnthropicClient Client(SimulatorHost host) => new() { ApiKey = "k", BaseUrl = host.BaseAddress.ToString().TrimEnd('/'), MaxRetries = 0 };

    private static MessageCreateParams Params(string user, int maxTokens = 1024) => new()
    {
        MaxTokens = maxTokens,
        Messages = [new UserMessageParam(user)],
        Model = "claude-sonnet-4-5",
    };

    [Fact]
    public async Task Create_NonStreaming_TextMatchesPrediction()
    {
        await using var host = await SimulatorHost.StartAsync();

        var message = await Client(host).Messages.Create(Params("Hello"), TestContext.Current.CancellationToken);

        var body = """{"model":"claude-sonnet-4-5","max_tokens":1024,"messages":[{"role":"user","content":"Hello"}]}""";
        var expected = SimulatedText.Predict(SimulatorApi.AnthropicMessages, body, 42);
        Assert.True(message.Content[0].TryPickText(out var text));
        Assert.Equal(expected.Text, text.Text);
        Assert.Equal(StopReason.EndTurn, message.StopReason!.Value());
        Assert.Equal(expected.PromptTokens, message.Usage.InputTokens);
        Assert.Equal(expected.CompletionTokens, message.Usage.OutputTokens);
    }

    [Fact]
    public async Task CreateStreaming_SameConversation_JoinedDeltasEqualNonStreamingText()
    {
        await using var host = await SimulatorHost.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var client = Client(host);

        var whole = await client.Messages.Create(Params("Stream please"), ct);
        var text = new StringBuilder();
        var events = 0;
        long? outputTokens = null;
        await foreach (var e in client.Messages.CreateStreaming(Params("Stream please"), ct))
        {
            events++;
            if (e.TryPickContentBlockDelta(out var delta) && delta.Delta.TryPickText(out var t))
            {
                text.Append(t.Text);
            }

            if (e.TryPickDelta(out var messageDelta))
            {
                outputTokens = messageDelta.Usage.OutputTokens;
            }
        }

        Assert.True(whole.Content[0].TryPickText(out var wholeText));
        Assert.Equal(wholeText.Text, text.ToString());
        Assert.True(events > 10);
        Assert.Equal(whole.Usage.OutputTokens, outputTokens);
    }

    [Fact]
    public async Task Create_AnyToolChoice_ReturnsToolUseWithSchemaValidInput()
    {
        await using var host = await SimulatorHost.StartAsync();
        var raw = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Requests.WeatherSchema)!;
        var parameters = Params("What is it like outside?") with
        {
            Tools = [new Tool { Name = "get_weather", InputSchema = InputSchema.FromRawUnchecked(raw) }],
            ToolChoice = new ToolChoiceAny(),
        };

        var message = await Client(host).Messages.Create(parameters, TestContext.Current.CancellationToken);

        Assert.Equal(StopReason.ToolUse, message.StopReason!.Value());
        Assert.True(message.Content[0].TryPickToolUse(out var toolUse));
        Assert.Equal("get_weather", toolUse.Name);
        Assert.StartsWith("toolu_01", toolUse.ID, StringComparison.Ordinal);
        SchemaAssert.Valid(Requests.WeatherSchema, JsonSerializer.Serialize(toolUse.Input));
    }

    [Fact]
    public async Task CreateStreaming_AnyToolChoice_InputJsonDeltasJoinToValidJson()
    {
        await using var host = await SimulatorHost.StartAsync();
        var raw = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Requests.WeatherSchema)!;
        var parameters = Params("What is it like outside?") with
        {
            Tools = [new Tool { Name = "get_weather", InputSchema = InputSchema.FromRawUnchecked(raw) }],
            ToolChoice = new ToolChoiceAny(),
        };
        var json = new StringBuilder();

        await foreach (var e in Client(host).Messages.CreateStreaming(parameters, TestContext.Current.CancellationToken))
        {
            if (e.TryPickContentBlockDelta(out var delta) && delta.Delta.TryPickInputJson(out var input))
            {
                json.Append(input.PartialJson);
            }
        }

        SchemaAssert.Valid(Requests.WeatherSchema, json.ToString());
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(404)]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(529)]
    public async Task Create_InjectedStatus_ThrowsApiExceptionForStatus(int status)
    {
        await using var host = await SimulatorHost.StartAsync(scenarioJson: """{"rules":[{"provider":"anthropic","fault":{"kind":"status","status":""" + status + "}}]}");

        var e = await Assert.ThrowsAnyAsync<AnthropicApiException>(() => Client(host).Messages.Create(Params("Hi"), TestContext.Current.CancellationToken));

        var expected = status switch
        {
            400 => typeof(AnthropicBadRequestException),
            401 => typeof(AnthropicUnauthorizedException),
            404 => typeof(AnthropicNotFoundException),
            429 => typeof(AnthropicRateLimitException),
            _ => typeof(Anthropic5xxException),
        };
        Assert.IsAssignableFrom(expected, e);
    }
}
