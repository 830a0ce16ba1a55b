using System.Net;
using System.Text;
using System.Text.Json;
using Anthropic.Models.Messages;
using Switchyard.Simulator;
using Switchyard.Testing;

namespace Switchyard.EndToEnd.Tests;

/// <summary>The official Anthropic .NET SDK against the gateway's messages door, served by both providers.</summary>
public sealed class AnthropicClientTests(GatewayHarness harness) : IClassFixture<GatewayHarness>
{
    private const string System = "Be brief.";
    private const string Question = "Tell me about mountains.";

    public static TheoryData<string, string> Models => new()
    {
        { "claude-haiku-4-5", "anthropic" },
        { "gpt-4o-mini", "openai" },
    };

    public static TheoryData<string> ModelNames => ["claude-haiku-4-5", "gpt-4o-mini"];

    [Theory]
    [MemberData(nameof(Models))]
    public async Task Create_AnyProvider_ReturnsTheProvidersAnswer(string model, string provider)
    {
        var message = await harness.Anthropic().Messages.Create(Params(model), TestContext.Current.CancellationToken);

        var expected = Expected(model, provider);
        var text = string.Concat(message.Content.Select(b => b.TryPickText(out var t) ? t.Text : ""));
        Assert.Equal(expected.Text, text);
        Assert.Equal(StopReason.EndTurn, message.StopReason?.Value());
        Assert.Equal(expected.CompletionTokens, message.Usage.OutputTokens);
        Assert.True(message.Usage.InputTokens > 0);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public async Task CreateStreaming_AnyProvider_StreamsTheSameTextAndUsage(string model, string provider)
    {
        var text = new StringBuilder();
        StopReason? stop = null;
        long outputTokens = 0;
        await foreach (var streamEvent in harness.Anthropic().Messages.CreateStreaming(Params(model), TestContext.Current.CancellationToken))
        {
            if (streamEvent.TryPickContentBlockDelta(out var delta) && delta.Delta.TryPickText(out var textDelta))
            {
                text.Append(textDelta.Text);
            }

            if (streamEvent.TryPickDelta(out var messageDelta))
            {
                stop = messageDelta.Delta.StopReason?.Value();
                outputTokens = messageDelta.Usage.OutputTokens;
            }
        }

        var expected = Expected(model, provider);
        Assert.Equal(expected.Text, text.ToString());
        Assert.Equal(StopReason.EndTurn, stop);
        Assert.Equal(expected.CompletionTokens, outputTokens);
    }

    [Theory]
    [MemberData(nameof(ModelNames))]
    public async Task Create_ToolChoiceAny_ReturnsSchemaValidToolUseAndAcceptsItsResult(string model)
    {
        var client = harness.Anthropic();
        var tool = WeatherTool();
        var first = await client.Messages.Create(
            new MessageCreateParams
            {
                Model = model,
                MaxTokens = 400,
                Messages = [new UserMessageParam("What is the weather in Oslo?")],
                Tools = [tool],
                ToolChoice = new ToolChoiceAny(),
            },
            TestContext.Current.CancellationToken);

        Assert.Equal(StopReason.ToolUse, first.StopReason?.Value());
        var toolUse = Assert.Single(first.Content, b => b.TryPickToolUse(out _)).Value as ToolUseBlock;
        Assert.NotNull(toolUse);
        Assert.Equal("get_weather", toolUse.Name);
        Assert.Equal(JsonValueKind.String, toolUse.Input["city"].ValueKind);

        var second = await client.Messages.Create(
            new MessageCreateParams
            {
                Model = model,
                MaxTokens = 400,
                Tools = [tool],
                Messages =
                [
                    new UserMessageParam("What is the weather in Oslo?"),
                    new AssistantMessageParam(new List<ContentBlockParam>
                    {
                        new ToolUseBlockParam { ID = toolUse.ID, Name = toolUse.Name, Input = toolUse.Input },
                    }),
                    new UserMessageParam(new List<ContentBlockParam>
                    {
                        new ToolResultBlockParam(toolUse.ID) { Content = "4 degrees and snowing" },
                    }),
                ],
            },
            TestContext.Current.CancellationToken);

        Assert.Equal(StopReason.EndTurn, second.StopReason?.Value());
        Assert.False(string.IsNullOrWhiteSpace(second.Content.Select(b => b.TryPickText(out var t) ? t.Text : "").FirstOrDefault()));
    }

    [Theory]
    [MemberData(nameof(ModelNames))]
    public async Task CreateStreaming_ToolChoiceAny_StreamsInputJsonThatJoinsToValidJson(string model)
    {
        var json = new StringBuilder();
        string? name = null;
        StopReason? stop = null;
        var request = new MessageCreateParams
        {
            Model = model,
            MaxTokens = 400,
            Messages = [new UserMessageParam("What is the weather in Oslo?")],
            Tools = [WeatherTool()],
            ToolChoice = new ToolChoiceAny(),
        };
        await foreach (var streamEvent in harness.Anthropic().Messages.CreateStreaming(request, TestContext.Current.CancellationToken))
        {
            if (streamEvent.TryPickContentBlockStart(out var start) && start.ContentBlock.TryPickToolUse(out var toolUse))
            {
                name = toolUse.Name;
            }

            if (streamEvent.TryPickContentBlockDelta(out var delta) && delta.Delta.TryPickInputJson(out var input))
            {
                json.Append(input.PartialJson);
            }

            if (streamEvent.TryPickDelta(out var messageDelta))
            {
                stop = messageDelta.Delta.StopReason?.Value();
            }
        }

        Assert.Equal("get_weather", name);
        Assert.Equal(StopReason.ToolUse, stop);
        using var parsed = JsonDocument.Parse(json.ToString());
        Assert.Equal(JsonValueKind.String, parsed.RootElement.GetProperty("city").ValueKind);
    }

    private static Tool WeatherTool() => new()
    {
        Name = "get_weather",
        Description = "Current weather for a city.",
        InputSchema = new InputSchema
        {
            Properties = new Dictionary<string, JsonElement>
            {
                ["city"] = JsonSerializer.SerializeToElement(new { type = "string" }),
            },
            Required = ["city"],
        },
    };

    [Fact]
    public async Task GatewayRefusal_TheBodyNamesTheRequestAsTheHeaderDoes()
    {
        using var response = await harness.PostAsync("/v1/messages", """{"model":"no-such-model","max_tokens":10,"messages":[{"role":"user","content":"Hi"}]}""", anthropicHeaders: true);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var id = response.Headers.GetValues("request-id").Single();
        Assert.StartsWith("req_sy_", id, StringComparison.Ordinal);
        Assert.Equal(id, json.RootElement.GetProperty("request_id").GetString());
    }

    private static MessageCreateParams Params(string model) => new()
    {
        Model = model,
        MaxTokens = 400,
        System = System,
        Messages = [new UserMessageParam(Question)],
    };

    private static SimulatedAnswer Expected(string model, string provider) =>
        provider == "anthropic"
            ? GatewayHarness.Expected(SimulatorApi.AnthropicMessages, JsonSerializer.Serialize(new
            {
                model,
                max_tokens = 400,
                system = System,
                messages = new object[] { new { role = "user", content = Question } },
            }))
            : GatewayHarness.Expected(SimulatorApi.OpenAIChatCompletions, JsonSerializer.Serialize(new
            {
                model,
                max_completion_tokens = 400,
                messages = new object[] { new { role = "system", content = System }, new { role = "user", content = Question } },
            }));
}
