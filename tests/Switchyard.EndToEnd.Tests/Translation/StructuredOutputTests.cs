using System.Text;
using System.Text.Json;
using Anthropic.Models.Messages;
using OpenAI.Chat;
using Switchyard.Testing;

namespace Switchyard.EndToEnd.Tests.Translation;

/// <summary>
/// Structured outputs through the gateway with the official SDKs: an OpenAI <c>json_schema</c> response format and an
/// Anthropic <c>output_config.format</c> each get a schema-valid JSON document from either provider (the gateway
/// translating between the two), and a stream carries the same document as the whole answer.
/// </summary>
public sealed class StructuredOutputTests(GatewayHarness harness) : IClassFixture<GatewayHarness>
{
    private const string Schema = """
        {"type":"object","properties":{
          "city":{"type":"string"},
          "unit":{"type":"string","enum":["c","f"]},
          "days":{"type":"integer","minimum":1,"maximum":7},
          "when":{"type":"string","format":"date"},
          "alerts":{"type":"array","items":{"$ref":"#/$defs/alert"},"minItems":1},
          "note":{"type":["string","null"]}
        },
        "required":["city","unit","days","when","alerts","note"],
        "additionalProperties":false,
        "$defs":{"alert":{"type":"object","properties":{"level":{"type":"integer","minimum":0,"maximum":3},"text":{"type":"string"}},"required":["level","text"],"additionalProperties":false}}}
        """;

    private const string Question = "What is the weather in Oslo?";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> Models => new()
    {
        { "gpt-4o-mini", "/v1/chat/completions" },
        { "claude-haiku-4-5", "/v1/messages" },
    };

    [Theory]
    [MemberData(nameof(Models))]
    public async Task OpenAISdk_JsonSchemaFormat_SchemaValidFromEitherProvider(string model, string upstreamPath)
    {
        await harness.ResetSimulatorAsync();
        var client = harness.OpenAIChat(model);
        var options = new ChatCompletionOptions
        {
            MaxOutputTokenCount = 1000,
            ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat("forecast", BinaryData.FromString(Schema), jsonSchemaIsStrict: true),
        };
        List<ChatMessage> messages = [new UserChatMessage(Question)];

        var completion = (await client.CompleteChatAsync(messages, options, Ct)).Value;
        var streamed = new StringBuilder();
        await foreach (var update in client.CompleteChatStreamingAsync(messages, options, Ct))
        {
            foreach (var part in update.ContentUpdate)
            {
                streamed.Append(part.Text);
            }
        }

        var text = completion.Content[0].Text;
        AssertValid(text);
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.Equal(text, streamed.ToString());
        await AssertUpstreamAskedForTheSchemaAsync(upstreamPath);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public async Task AnthropicSdk_OutputConfigFormat_SchemaValidFromEitherProvider(string model, string upstreamPath)
    {
        await harness.ResetSimulatorAsync();
        var client = harness.Anthropic();
        var parameters = new MessageCreateParams
        {
            Model = model,
            MaxTokens = 1000,
            Messages = [new UserMessageParam(Question)],
            OutputConfig = new OutputConfig
            {
                Format = new JsonOutputFormat { Schema = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Schema)! },
            },
        };

        var message = await client.Messages.Create(parameters, Ct);
        var streamed = new StringBuilder();
        await foreach (var e in client.Messages.CreateStreaming(parameters, Ct))
        {
            if (e.TryPickContentBlockDelta(out var delta) && delta.Delta.TryPickText(out var textDelta))
            {
                streamed.Append(textDelta.Text);
            }
        }

        var text = string.Concat(message.Content.Select(b => b.TryPickText(out var t) ? t.Text : ""));
        AssertValid(text);
        Assert.Equal(StopReason.EndTurn, message.StopReason?.Value());
        Assert.Equal(text, streamed.ToString());
        await AssertUpstreamAskedForTheSchemaAsync(upstreamPath);
    }

    private static void AssertValid(string json)
    {
        var errors = JsonSchemaCheck.Errors(Schema, json);
        Assert.True(errors.Count == 0, $"{json}\nbreaks its schema:\n{string.Join('\n', errors)}");
    }

    /// <summary>The provider request carried the schema in its own format: <c>response_format</c> or <c>output_config</c>.</summary>
    private async Task AssertUpstreamAskedForTheSchemaAsync(string upstreamPath)
    {
        var (path, body) = (await harness.SimulatorRequestsAsync())[^1];
        Assert.Equal(upstreamPath, path);
        var schema = upstreamPath == "/v1/messages"
            ? body.GetProperty("output_config").GetProperty("format").GetProperty("schema")
            : body.GetProperty("response_format").GetProperty("json_schema").GetProperty("schema");
        using var expected = JsonDocument.Parse(Schema);
        Assert.True(JsonElement.DeepEquals(expected.RootElement, schema), schema.GetRawText());
    }
}
