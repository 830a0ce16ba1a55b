using System.Text.Json;
using Switchyard.Model;

namespace Switchyard.Providers.OpenAI.Tests;

/// <summary>WriteRequest for canonical requests shaped as the Anthropic front door produces them.</summary>
public sealed class OpenAIRequestWriterTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string"}}}""").RootElement;

    [Fact]
    public void WriteRequest_AnthropicConversation_MapsRolesToolsAndResults()
    {
        var request = new ChatRequest
        {
            Model = "claude-sonnet-4-5",
            Messages =
            [
                new ChatMessage(ChatRole.System, [new TextPart("You are terse."), new TextPart("Use tools.")]),
                ChatMessage.FromText(ChatRole.User, "Weather in Paris and Rome?"),
                new ChatMessage(ChatRole.Assistant,
                [
                    new ThinkingPart("I should call the tool.", "sig=="),
                    new TextPart("Checking."),
                    new ToolCallPart("toolu_1", "get_weather", "{\"city\":\"Paris\"}"),
                    new ToolCallPart("toolu_2", "get_weather", "{\"city\":\"Rome\"}"),
                ]),
                new ChatMessage(ChatRole.User,
                [
                    new ToolResultPart("toolu_1", [new TextPart("18C")]),
                    new ToolResultPart("toolu_2", [new TextPart("25C"), new ImagePart { Url = "https://x/map.png" }], IsError: true),
                    new TextPart("Thanks, and a picture?"),
                    new ImagePart { MediaType = "image/jpeg", Base64Data = "AAAA" },
                ]),
            ],
            MaxOutputTokens = 1024,
            Temperature = 0.7,
            TopP = 0.9,
            TopK = 40,
            PresencePenalty = 0.5,
            FrequencyPenalty = -1.25,
            Seed = 12345678901,
            StopSequences = ["a", "b", "c", "d", "e"],
            User = "user-7",
        };

        var body = Write(request, stream: false);
        var messages = body.GetProperty("messages");

        Assert.Equal("gpt-4o", body.GetProperty("model").GetString());
        Assert.Equal(["system", "user", "assistant", "tool", "tool", "user", "user"], messages.EnumerateArray().Select(m => m.GetProperty("role").GetString()));
        Assert.Equal(2, messages[0].GetProperty("content").GetArrayLength());
        Assert.Equal("Weather in Paris and Rome?", messages[1].GetProperty("content").GetString());
        var assistant = messages[2];
        Assert.Equal("Checking.", assistant.GetProperty("content").GetString());
        Assert.DoesNotContain("I should call", assistant.GetRawText(), StringComparison.Ordinal);
        Assert.Equal("toolu_2", assistant.GetProperty("tool_calls")[1].GetProperty("id").GetString());
        Assert.Equal("function", assistant.GetProperty("tool_calls")[1].GetProperty("type").GetString());
        Assert.Equal("{\"city\":\"Rome\"}", assistant.GetProperty("tool_calls")[1].GetProperty("function").GetProperty("arguments").GetString());
        Assert.Equal("toolu_1", messages[3].GetProperty("tool_call_id").GetString());
        Assert.Equal("18C", messages[3].GetProperty("content").GetString());
        // is_error has no Chat field: the text says so. The result's image cannot ride in a tool message, so it follows
        // the tool messages in a user message that names its call.
        Assert.Equal("Error: 25C", messages[4].GetProperty("content").GetString());
        var attachments = messages[5].GetProperty("content");
        Assert.Equal("Attachments of the result of tool call toolu_2:", attachments[0].GetProperty("text").GetString());
        Assert.Equal("https://x/map.png", attachments[1].GetProperty("image_url").GetProperty("url").GetString());
        var user = messages[6].GetProperty("content");
        Assert.Equal("Thanks, and a picture?", user[0].GetProperty("text").GetString());
        Assert.Equal("data:image/jpeg;base64,AAAA", user[1].GetProperty("image_url").GetProperty("url").GetString());
        Assert.Equal(1024, body.GetProperty("max_completion_tokens").GetInt32());
        Assert.False(body.TryGetProperty("max_tokens", out _));
        Assert.Equal(0.7, body.GetProperty("temperature").GetDouble());
        Assert.Equal(0.9, body.GetProperty("top_p").GetDouble());
        Assert.False(body.TryGetProperty("top_k", out _));
        Assert.Equal(0.5, body.GetProperty("presence_penalty").GetDouble());
        Assert.Equal(-1.25, body.GetProperty("frequency_penalty").GetDouble());
        Assert.Equal(12345678901L, body.GetProperty("seed").GetInt64());
        Assert.Equal(["a", "b", "c", "d"], body.GetProperty("stop").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("user-7", body.GetProperty("user").GetString());
        Assert.False(body.GetProperty("stream").GetBoolean());
        Assert.False(body.TryGetProperty("stream_options", out _));
    }

    [Fact]
    public void WriteRequest_Streaming_AlwaysAsksForUsage()
    {
        var request = Minimal() with { Stream = true, IncludeUsage = false };

        var body = Write(request, stream: true);

        Assert.True(body.GetProperty("stream").GetBoolean());
        Assert.True(body.GetProperty("stream_options").GetProperty("include_usage").GetBoolean());
    }

    [Theory]
    [InlineData(ToolChoiceMode.Auto, "\"auto\"")]
    [InlineData(ToolChoiceMode.None, "\"none\"")]
    [InlineData(ToolChoiceMode.Required, "\"required\"")]
    [InlineData(ToolChoiceMode.Specific, "{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}")]
    public void WriteRequest_ToolChoice_MapsEveryMode(ToolChoiceMode mode, string expected)
    {
        var request = Minimal() with
        {
            Tools = [new ToolDefinition("get_weather", "Weather by city", Schema) { Strict = true }],
            ToolChoice = new ToolChoice(mode, mode == ToolChoiceMode.Specific ? "get_weather" : null),
            ParallelToolCalls = false,
        };

        var body = Write(request, stream: false);

        Assert.Equal(expected, body.GetProperty("tool_choice").GetRawText());
        Assert.False(body.GetProperty("parallel_tool_calls").GetBoolean());
        var function = body.GetProperty("tools")[0].GetProperty("function");
        Assert.Equal("function", body.GetProperty("tools")[0].GetProperty("type").GetString());
        Assert.Equal("Weather by city", function.GetProperty("description").GetString());
        Assert.Equal(Schema.GetRawText(), function.GetProperty("parameters").GetRawText());
        Assert.True(function.GetProperty("strict").GetBoolean());
    }

    [Fact]
    public void WriteRequest_ToolChoiceWithoutTools_IsOmitted()
    {
        var body = Write(Minimal() with { ToolChoice = new ToolChoice(ToolChoiceMode.None), ParallelToolCalls = false }, stream: false);

        Assert.False(body.TryGetProperty("tool_choice", out _));
        Assert.False(body.TryGetProperty("parallel_tool_calls", out _));
        Assert.False(body.TryGetProperty("tools", out _));
    }

    [Fact]
    public void WriteRequest_JsonSchemaFormat_WritesNamedSchema()
    {
        var body = Write(Minimal() with { ResponseFormat = new ResponseFormat(ResponseFormatKind.JsonSchema, Schema) { Strict = true } }, stream: false);

        var format = body.GetProperty("response_format");
        Assert.Equal("json_schema", format.GetProperty("type").GetString());
        Assert.Equal("response", format.GetProperty("json_schema").GetProperty("name").GetString());
        Assert.Equal(Schema.GetRawText(), format.GetProperty("json_schema").GetProperty("schema").GetRawText());
        Assert.True(format.GetProperty("json_schema").GetProperty("strict").GetBoolean());
    }

    [Fact]
    public void WriteRequest_AssistantWithOnlyToolCallsAndEmptyArguments_WritesNullContentAndEmptyObject()
    {
        var request = Minimal() with
        {
            Messages =
            [
                ChatMessage.FromText(ChatRole.User, "go"),
                new ChatMessage(ChatRole.Assistant, [new ToolCallPart("toolu_x", "ping", string.Empty)]),
                new ChatMessage(ChatRole.User, [new ToolResultPart("toolu_x", [])]),
            ],
        };

        var messages = Write(request, stream: false).GetProperty("messages");

        Assert.Equal(3, messages.GetArrayLength());
        Assert.Equal(JsonValueKind.Null, messages[1].GetProperty("content").ValueKind);
        Assert.Equal("{}", messages[1].GetProperty("tool_calls")[0].GetProperty("function").GetProperty("arguments").GetString());
        Assert.Equal(string.Empty, messages[2].GetProperty("content").GetString());
    }

    [Fact]
    public void WriteRequest_OpenAIRequestReadBack_IsAcceptedByTheFrontDoor()
    {
        var original = OpenAIChatCodec.Instance.ReadRequest(Fixtures.RequestBody(Fixtures.HttpEntries("openai/chat/dotnet-ParallelToolCalls.json")[1])).Value!;

        var written = OpenAIChatCodec.Instance.WriteRequest(original, new UpstreamRequestOptions("gpt-4o-mini", Stream: false));
        var again = OpenAIChatCodec.Instance.ReadRequest(written);

        Assert.True(again.IsSuccess, again.Failure?.Message);
        Assert.Equivalent(original.Messages, again.Value.Messages, strict: true);
        Assert.Equivalent(original.Tools, again.Value.Tools, strict: true);
    }

    private static ChatRequest Minimal() => new() { Model = "alias", Messages = [ChatMessage.FromText(ChatRole.User, "hi")] };

    private static JsonElement Write(ChatRequest request, bool stream) =>
        JsonDocument.Parse(OpenAIChatCodec.Instance.WriteRequest(request, new UpstreamRequestOptions("gpt-4o", stream))).RootElement;
}
