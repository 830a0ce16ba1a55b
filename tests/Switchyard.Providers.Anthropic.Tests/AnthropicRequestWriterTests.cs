using System.Text.Json;
using Switchyard.Model;
using Switchyard.Providers.Anthropic.Tests.Support;

namespace Switchyard.Providers.Anthropic.Tests;

public sealed class AnthropicRequestWriterTests
{
    private static JsonElement Write(ChatRequest request, bool stream = false, int defaultMax = 4096) =>
        Json.Parse(AnthropicMessagesCodec.Instance.WriteRequest(request, new UpstreamRequestOptions("claude-sonnet-4-5", stream) { DefaultMaxOutputTokens = defaultMax }));

    private static ChatRequest Request(params ChatMessage[] messages) => new() { Model = "gpt-4.1", Messages = messages };

    [Fact]
    public void WriteRequest_OpenAIConversationWithTools_TranslatedPerSection5()
    {
        // As the OpenAI front door would produce it: system + developer, user with image, assistant tool calls, two tool results.
        var request = Request(
            ChatMessage.FromText(ChatRole.System, "You are helpful."),
            ChatMessage.FromText(ChatRole.System, "Answer in French."),
            new ChatMessage(ChatRole.User, [new TextPart("Weather in Paris and Rome?"), new ImagePart { Url = "data:image/png;base64,iVBORw0KGgo", Detail = "high" }, new ImagePart { Url = "https://x.test/map.jpg" }]) { Name = "alice" },
            new ChatMessage(ChatRole.Assistant, [new TextPart("Checking."), new ToolCallPart("call_1", "get_weather", "{\"city\":\"Paris\"}"), new ToolCallPart("call_2", "get_weather", "not json")]),
            new ChatMessage(ChatRole.Tool, [new ToolResultPart("call_1", [new TextPart("18C")])]),
            new ChatMessage(ChatRole.Tool, [new ToolResultPart("call_2", [new TextPart("boom")], IsError: true)]));

        var body = Write(request);

        Assert.Equal("claude-sonnet-4-5", body.GetProperty("model").GetString());
        Assert.Equal(4096, body.GetProperty("max_tokens").GetInt32());
        Assert.False(body.GetProperty("stream").GetBoolean());
        Assert.Equal("""[{"type":"text","text":"You are helpful."},{"type":"text","text":"Answer in French."}]""", body.GetProperty("system").GetRawText());
        var messages = body.GetProperty("messages");
        Assert.Equal(3, messages.GetArrayLength());
        Assert.Equal(
            """{"role":"user","content":[{"type":"text","text":"Weather in Paris and Rome?"},{"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo"}},{"type":"image","source":{"type":"url","url":"https://x.test/map.jpg"}}]}""",
            messages[0].GetRawText());
        Assert.Equal(
            """{"role":"assistant","content":[{"type":"text","text":"Checking."},{"type":"tool_use","id":"call_1","name":"get_weather","input":{"city":"Paris"}},{"type":"tool_use","id":"call_2","name":"get_weather","input":{}}]}""",
            messages[1].GetRawText());
        Assert.Equal(
            """{"role":"user","content":[{"type":"tool_result","tool_use_id":"call_1","content":"18C"},{"type":"tool_result","tool_use_id":"call_2","content":"boom","is_error":true}]}""",
            messages[2].GetRawText());
    }

    [Fact]
    public void WriteRequest_SingleSystemMessage_WrittenAsString()
    {
        var body = Write(Request(ChatMessage.FromText(ChatRole.System, "Be brief."), ChatMessage.FromText(ChatRole.User, "Hi")));

        Assert.Equal("Be brief.", body.GetProperty("system").GetString());
        Assert.Equal("""[{"role":"user","content":"Hi"}]""", body.GetProperty("messages").GetRawText());
    }

    [Fact]
    public void WriteRequest_NoSystem_OmitsSystem()
    {
        Assert.False(Write(Request(ChatMessage.FromText(ChatRole.User, "Hi"))).TryGetProperty("system", out _));
    }

    [Fact]
    public void WriteRequest_ToolResultsFollowedByUserText_OneUserTurnToolResultsFirst()
    {
        var body = Write(Request(
            ChatMessage.FromText(ChatRole.User, "q"),
            new ChatMessage(ChatRole.Assistant, [new ToolCallPart("call_1", "f", "{}")]),
            ChatMessage.FromText(ChatRole.User, "also this"),
            new ChatMessage(ChatRole.Tool, [new ToolResultPart("call_1", [new TextPart("ok")])])));

        var last = body.GetProperty("messages")[2];
        Assert.Equal("tool_result", last.GetProperty("content")[0].GetProperty("type").GetString());
        Assert.Equal("text", last.GetProperty("content")[1].GetProperty("type").GetString());
        Assert.Equal(3, body.GetProperty("messages").GetArrayLength());
    }

    [Fact]
    public void WriteRequest_ConsecutiveSameRoleMessages_Merged()
    {
        var body = Write(Request(ChatMessage.FromText(ChatRole.User, "a"), ChatMessage.FromText(ChatRole.User, "b"), ChatMessage.FromText(ChatRole.Assistant, "c")));

        Assert.Equal(
            """[{"role":"user","content":[{"type":"text","text":"a"},{"type":"text","text":"b"}]},{"role":"assistant","content":"c"}]""",
            body.GetProperty("messages").GetRawText());
    }

    [Fact]
    public void WriteRequest_TrailingAssistantWhitespace_Trimmed()
    {
        var body = Write(Request(ChatMessage.FromText(ChatRole.User, "Continue"), ChatMessage.FromText(ChatRole.Assistant, "The answer is \n ")));

        Assert.Equal("The answer is", body.GetProperty("messages")[1].GetProperty("content").GetString());
    }

    [Fact]
    public void WriteRequest_WhitespaceOnlyTrailingAssistant_Dropped()
    {
        var body = Write(Request(ChatMessage.FromText(ChatRole.User, "Go"), ChatMessage.FromText(ChatRole.Assistant, "  ")));

        Assert.Equal(1, body.GetProperty("messages").GetArrayLength());
    }

    [Fact]
    public void WriteRequest_EmptyAssistantTextAndUnsignedThinking_Dropped()
    {
        var body = Write(Request(
            ChatMessage.FromText(ChatRole.User, "a"),
            new ChatMessage(ChatRole.Assistant, [new ThinkingPart("reasoning from OpenAI", null), new TextPart(""), new ToolCallPart("c", "f", "")]),
            new ChatMessage(ChatRole.Tool, [new ToolResultPart("c", [])])));

        Assert.Equal("""[{"type":"tool_use","id":"c","name":"f","input":{}}]""", body.GetProperty("messages")[1].GetProperty("content").GetRawText());
        Assert.Equal("""[{"type":"tool_result","tool_use_id":"c"}]""", body.GetProperty("messages")[2].GetProperty("content").GetRawText());
    }

    [Fact]
    public void WriteRequest_SignedAndRedactedThinking_FirstInAssistantTurn()
    {
        var body = Write(Request(
            ChatMessage.FromText(ChatRole.User, "a"),
            new ChatMessage(ChatRole.Assistant, [new TextPart("t"), new ThinkingPart("hm", "sig"), new ThinkingPart("enc", null, Redacted: true)])));

        Assert.Equal(
            """[{"type":"thinking","thinking":"hm","signature":"sig"},{"type":"redacted_thinking","data":"enc"},{"type":"text","text":"t"}]""",
            body.GetProperty("messages")[1].GetProperty("content").GetRawText());
    }

    [Theory]
    [InlineData(1.7, 1.0)]
    [InlineData(0.4, 0.4)]
    [InlineData(0.0, 0.0)]
    public void WriteRequest_Temperature_ClampedToAnthropicRange(double given, double expected)
    {
        var body = Write(Request(ChatMessage.FromText(ChatRole.User, "a")) with { Temperature = given });

        Assert.Equal(expected, body.GetProperty("temperature").GetDouble());
    }

    [Fact]
    public void WriteRequest_ScalarParameters_Mapped()
    {
        var body = Write(Request(ChatMessage.FromText(ChatRole.User, "a")) with
        {
            MaxOutputTokens = 300,
            TopP = 0.5,
            StopSequences = ["STOP", "END"],
            User = "user-7",
        }, stream: true);

        Assert.Equal(300, body.GetProperty("max_tokens").GetInt32());
        Assert.Equal(0.5, body.GetProperty("top_p").GetDouble());
        Assert.Equal("""["STOP","END"]""", body.GetProperty("stop_sequences").GetRawText());
        Assert.Equal("user-7", body.GetProperty("metadata").GetProperty("user_id").GetString());
        Assert.True(body.GetProperty("stream").GetBoolean());
        Assert.False(body.TryGetProperty("temperature", out _));
        Assert.False(body.TryGetProperty("tool_choice", out _));
    }

    [Fact]
    public void WriteRequest_OpenAIOnlySamplingKnobs_AreDropped()
    {
        var body = Write(Request(ChatMessage.FromText(ChatRole.User, "a")) with { PresencePenalty = 0.5, FrequencyPenalty = 0.5, Seed = 7 });

        Assert.Equal(
            ["max_tokens", "messages", "model", "stream"],
            body.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void WriteRequest_DefaultMaxTokens_FromOptions()
    {
        Assert.Equal(1234, Write(Request(ChatMessage.FromText(ChatRole.User, "a")), defaultMax: 1234).GetProperty("max_tokens").GetInt32());
    }

    [Fact]
    public void WriteRequest_Tools_InputSchemaFromParametersWithObjectFallback()
    {
        var body = Write(Request(ChatMessage.FromText(ChatRole.User, "a")) with
        {
            Tools =
            [
                new ToolDefinition("get_weather", "Weather", Json.Parse("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""")) { Strict = true },
                new ToolDefinition("no_args", null, null),
                new ToolDefinition("empty_schema", null, Json.Parse("{}")),
            ],
        });

        Assert.Equal(
            """[{"name":"get_weather","description":"Weather","input_schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]},"strict":true},{"name":"no_args","input_schema":{"type":"object","properties":{}}},{"name":"empty_schema","input_schema":{"type":"object","properties":{}}}]""",
            body.GetProperty("tools").GetRawText());
    }

    [Theory]
    [InlineData(ToolChoiceMode.Auto, null, null, """{"type":"auto"}""")]
    [InlineData(ToolChoiceMode.None, null, null, """{"type":"none"}""")]
    [InlineData(ToolChoiceMode.Required, null, null, """{"type":"any"}""")]
    [InlineData(ToolChoiceMode.Specific, "f", null, """{"type":"tool","name":"f"}""")]
    [InlineData(ToolChoiceMode.Required, null, false, """{"type":"any","disable_parallel_tool_use":true}""")]
    [InlineData(ToolChoiceMode.Specific, "f", false, """{"type":"tool","name":"f","disable_parallel_tool_use":true}""")]
    [InlineData(ToolChoiceMode.None, null, false, """{"type":"none"}""")]
    [InlineData(ToolChoiceMode.Auto, null, true, """{"type":"auto"}""")]
    public void WriteRequest_ToolChoice_MappedWithParallelFlag(ToolChoiceMode mode, string? name, bool? parallel, string expected)
    {
        var body = Write(Request(ChatMessage.FromText(ChatRole.User, "a")) with
        {
            Tools = [new ToolDefinition("f", null, null)],
            ToolChoice = new ToolChoice(mode, name),
            ParallelToolCalls = parallel,
        });

        Assert.Equal(expected, body.GetProperty("tool_choice").GetRawText());
    }

    [Fact]
    public void WriteRequest_ParallelFalseWithoutChoice_CreatesAutoWithFlag()
    {
        var body = Write(Request(ChatMessage.FromText(ChatRole.User, "a")) with { Tools = [new ToolDefinition("f", null, null)], ParallelToolCalls = false });

        Assert.Equal("""{"type":"auto","disable_parallel_tool_use":true}""", body.GetProperty("tool_choice").GetRawText());
    }

    [Fact]
    public void WriteRequest_ToolChoiceWithoutTools_Omitted()
    {
        var body = Write(Request(ChatMessage.FromText(ChatRole.User, "a")) with { ToolChoice = new ToolChoice(ToolChoiceMode.None) });

        Assert.False(body.TryGetProperty("tool_choice", out _));
    }

    [Fact]
    public void WriteRequest_JsonSchemaFormat_OutputConfigFormat()
    {
        var body = Write(Request(ChatMessage.FromText(ChatRole.User, "a")) with
        {
            ResponseFormat = new ResponseFormat(ResponseFormatKind.JsonSchema, Json.Parse("""{"type":"object","properties":{"n":{"type":"integer"}}}"""), "answer"),
        });

        Assert.Equal("""{"format":{"type":"json_schema","schema":{"type":"object","properties":{"n":{"type":"integer"}}}}}""", body.GetProperty("output_config").GetRawText());
    }

    [Fact]
    public void WriteRequest_JsonObjectFormat_NoOutputConfig()
    {
        var body = Write(Request(ChatMessage.FromText(ChatRole.User, "Reply in JSON")) with { ResponseFormat = new ResponseFormat(ResponseFormatKind.JsonObject) });

        Assert.False(body.TryGetProperty("output_config", out _));
        Assert.False(body.TryGetProperty("response_format", out _));
    }

    [Fact]
    public void WriteRequest_DataUrlWithoutMediaType_SniffedFromPayload()
    {
        var body = Write(Request(new ChatMessage(ChatRole.User, [new ImagePart { Base64Data = "/9j/4AAQ" }, new ImagePart { Url = "data:;base64,R0lGODlh" }])));

        var content = body.GetProperty("messages")[0].GetProperty("content");
        Assert.Equal("image/jpeg", content[0].GetProperty("source").GetProperty("media_type").GetString());
        Assert.Equal("image/gif", content[1].GetProperty("source").GetProperty("media_type").GetString());
    }

    [Fact]
    public void WriteRequest_AnthropicOriginRequest_RoundTripsThroughReadRequest()
    {
        const string original = """
            {"model":"claude-sonnet-4-5","max_tokens":256,"system":"S","messages":[
             {"role":"user","content":"Weather?"},
             {"role":"assistant","content":[{"type":"text","text":"Checking."},{"type":"tool_use","id":"toolu_1","name":"w","input":{"city":"Paris"}}]},
             {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"18C"},{"type":"text","text":"thanks"}]}],
             "tools":[{"name":"w","input_schema":{"type":"object"}}],"tool_choice":{"type":"auto","disable_parallel_tool_use":true},
             "temperature":0.5,"stop_sequences":["X"],"metadata":{"user_id":"u"},"stream":true}
            """;
        var canonical = AnthropicMessagesCodec.Instance.ReadRequest(Json.Utf8(original)).Value!;

        var written = AnthropicMessagesCodec.Instance.WriteRequest(canonical, new UpstreamRequestOptions("claude-sonnet-4-5", Stream: true));

        Assert.Equal(Normalize(original), Normalize(System.Text.Encoding.UTF8.GetString(written)));
    }

    private static string Normalize(string json)
    {
        // Compare as sorted key/value trees so property order does not matter.
        static object? Tree(JsonElement e) => e.ValueKind switch
        {
            JsonValueKind.Object => e.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => $"{p.Name}={Tree(p.Value)}").Aggregate("{", (a, b) => a + b + ";") + "}",
            JsonValueKind.Array => e.EnumerateArray().Select(Tree).Aggregate("[", (a, b) => a + b + ";") + "]",
            _ => e.GetRawText(),
        };
        return (string)Tree(JsonDocument.Parse(json).RootElement)!;
    }
}
