using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Switchyard.Failures;
using Switchyard.Model;
using Switchyard.Providers.Anthropic.Tests.Support;

namespace Switchyard.Providers.Anthropic.Tests;

/// <summary>Non-streaming bodies: AnthropicResponseReader and AnthropicResponseWriter through the codec.</summary>
public sealed class AnthropicResponseCodecTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly AnthropicMessagesCodec Codec = new(new FakeTimeProvider(Now));

    public static TheoryData<string> BodyFixtures =>
    [
        "anthropic/messages/vercel-text.json",
        "anthropic/messages/vercel-tool-no-args.json",
        "anthropic/messages/vercel-json-tool.1.json",
        "anthropic/messages/vercel-refusal.json",
    ];

    [Fact]
    public void ReadResponse_VercelText_TextFinishUsage()
    {
        var response = Codec.ReadResponse(Fixtures.Bytes("anthropic/messages/vercel-text.json")).Value!;

        Assert.Equal("msg_01VdEjxAP5ahtHKrrRdNBteQ", response.Id);
        Assert.Equal("claude-sonnet-4-5-20250929", response.Model);
        Assert.Equal("Hello! I'm doing well, thanks for asking. How are you doing today? Is there anything I can help you with?", response.Text);
        Assert.Equal(FinishReason.Stop, response.FinishReason);
        Assert.Null(response.StopSequence);
        Assert.Equal(new TokenUsage(12, 29), response.Usage);
        Assert.Equal(Now, response.Created);
    }

    [Fact]
    public void ReadResponse_ToolNoArgs_TextThenEmptyObjectArguments()
    {
        var response = Codec.ReadResponse(Fixtures.Bytes("anthropic/messages/vercel-tool-no-args.json")).Value!;

        Assert.StartsWith("<thinking>\nThe updateIssueList tool", response.Text, StringComparison.Ordinal);
        Assert.EndsWith("Okay, I will update the current issue list:", response.Text, StringComparison.Ordinal);
        Assert.Equal(new ToolCallPart("toolu_01LRmxn9vGM1d2DZSDBowdZ1", "updateIssueList", "{}"), response.Content[1]);
        Assert.Equal(FinishReason.ToolCalls, response.FinishReason);
        Assert.Equal(new TokenUsage(602, 93), response.Usage);
    }

    [Fact]
    public void ReadResponse_JsonTool_ArgumentsAreTheInputObjectAndMissingStopSequenceIsNull()
    {
        var response = Codec.ReadResponse(Fixtures.Bytes("anthropic/messages/vercel-json-tool.1.json")).Value!;

        var call = Assert.IsType<ToolCallPart>(Assert.Single(response.Content));
        Assert.Equal(("toolu_01Q9ExVZnzZj7E2QQYHYtNUa", "json"), (call.Id, call.Name));
        var elements = JsonDocument.Parse(call.ArgumentsJson).RootElement.GetProperty("elements");
        Assert.Equal(4, elements.GetArrayLength());
        Assert.Equal("Berlin", elements[3].GetProperty("location").GetString());
        Assert.Equal(-9, elements[3].GetProperty("temperature").GetInt32());
        Assert.Null(response.StopSequence);
        Assert.Equal(new TokenUsage(1151, 87), response.Usage);
    }

    [Fact]
    public void ReadResponse_Refusal_EmptyContentAndExplanation()
    {
        var response = Codec.ReadResponse(Fixtures.Bytes("anthropic/messages/vercel-refusal.json")).Value!;

        Assert.Empty(response.Content);
        Assert.Equal(FinishReason.ContentFilter, response.FinishReason);
        Assert.Equal("This request triggered restrictions on violative cyber content and was blocked under Anthropic's Usage Policy.", response.Refusal);
        Assert.Equal(new TokenUsage(18, 5), response.Usage);
    }

    [Fact]
    public void ReadResponse_CacheAndThinkingUsage_InputIncludesCacheTokens()
    {
        var body = """
            {"id":"msg_1","type":"message","role":"assistant","model":"m","content":[{"type":"thinking","thinking":"t","signature":"s"},{"type":"redacted_thinking","data":"d"},{"type":"text","text":"x"},{"type":"server_tool_use","id":"srvtoolu_1","name":"web_search","input":{}}],
             "stop_reason":"stop_sequence","stop_sequence":"###",
             "usage":{"input_tokens":10,"cache_creation_input_tokens":20,"cache_read_input_tokens":300,"output_tokens":50,"output_tokens_details":{"thinking_tokens":12},"server_tool_use":null}}
            """;

        var response = Codec.ReadResponse(Json.Utf8(body)).Value!;

        Assert.Equal(new TokenUsage(330, 50, CachedInputTokens: 300, CacheWriteTokens: 20, ReasoningTokens: 12), response.Usage);
        Assert.Equal(new ThinkingPart("t", "s"), response.Content[0]);
        Assert.Equal(new ThinkingPart("d", null, Redacted: true), response.Content[1]);
        Assert.IsType<OpaquePart>(response.Content[3]);
        Assert.Equal((FinishReason.StopSequence, "###"), (response.FinishReason, response.StopSequence));
    }

    [Theory]
    [MemberData(nameof(BodyFixtures))]
    public void WriteResponse_FixtureRoundTrip_ReadsBackEqual(string fixture)
    {
        var first = Codec.ReadResponse(Fixtures.Bytes(fixture)).Value!;

        var second = Codec.ReadResponse(Codec.WriteResponse(first)).Value!;

        AssertSame(first, second);
    }

    [Fact]
    public void WriteResponse_OpenAIOriginResponse_FullMessageShape()
    {
        var response = new ChatResponse
        {
            Id = "chatcmpl-9",
            Model = "gpt-4.1",
            Content = [new TextPart("Sure."), new ToolCallPart("call_1", "f", "{\"a\":[1,2]}"), new ToolCallPart("call_2", "g", "{broken")],
            FinishReason = FinishReason.ToolCalls,
            Usage = new TokenUsage(1000, 40, CachedInputTokens: 800, CacheWriteTokens: 0, ReasoningTokens: 5),
        };

        var json = Encoding.UTF8.GetString(Codec.WriteResponse(response));

        Assert.Equal(
            """{"id":"msg_chatcmpl-9","type":"message","role":"assistant","model":"gpt-4.1","content":[{"type":"text","text":"Sure."},{"type":"tool_use","id":"call_1","name":"f","input":{"a":[1,2]},"caller":{"type":"direct"}},{"type":"tool_use","id":"call_2","name":"g","input":{},"caller":{"type":"direct"}}],"stop_reason":"tool_use","stop_sequence":null,"stop_details":null,"usage":{"input_tokens":200,"cache_creation_input_tokens":0,"cache_read_input_tokens":800,"output_tokens":40,"cache_creation":{"ephemeral_5m_input_tokens":0,"ephemeral_1h_input_tokens":0},"output_tokens_details":{"thinking_tokens":5},"service_tier":"standard"}}""",
            json);
    }

    [Theory]
    [InlineData(null, false, "end_turn")]
    [InlineData(null, true, "tool_use")]
    [InlineData(FinishReason.ContextWindowExceeded, false, "model_context_window_exceeded")]
    [InlineData(FinishReason.PauseTurn, false, "pause_turn")]
    public void WriteResponse_StopReason_NeverNull(FinishReason? reason, bool withTool, string expected)
    {
        var response = new ChatResponse
        {
            Id = "msg_1",
            Model = "m",
            Content = withTool ? [new ToolCallPart("c", "f", "{}")] : [new TextPart("x")],
            FinishReason = reason,
        };

        Assert.Equal(expected, Json.Parse(Codec.WriteResponse(response)).GetProperty("stop_reason").GetString());
    }

    [Fact]
    public void WriteResponse_OpenAIRefusalWithStop_BecomesRefusalWithDetails()
    {
        var response = new ChatResponse { Id = "chatcmpl-1", Model = "gpt-4o", Content = [], FinishReason = FinishReason.Stop, Refusal = "I can't help with that." };

        var json = Json.Parse(Codec.WriteResponse(response));

        Assert.Equal("refusal", json.GetProperty("stop_reason").GetString());
        Assert.Equal("I can't help with that.", json.GetProperty("stop_details").GetProperty("explanation").GetString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{\"type\":\"message\",\"content\":[]}")]
    [InlineData("{\"id\":\"msg_1\",\"content\":\"text\"}")]
    [InlineData("{\"id\":\"msg_1\",\"content\":[{\"type\":\"text\",\"text\":5}]}")]
    [InlineData("{\"id\":\"msg_1\",\"content\":[{\"type\":\"tool_use\",\"name\":\"f\"}]}")]
    [InlineData("{\"id\":\"msg_1\",\"content\":[{\"no_type\":1}]}")]
    public void ReadResponse_Malformed_ServerErrorNotException(string body)
    {
        var result = Codec.ReadResponse(Json.Utf8(body));

        Assert.False(result.IsSuccess);
        Assert.Equal(FailureKind.ServerError, result.Failure.Kind);
        Assert.Contains("malformed message", result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadResponse_ErrorBodyInside200_ClassifiedAsError()
    {
        var result = Codec.ReadResponse(Json.Utf8("""{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"""));

        Assert.Equal(FailureKind.Overloaded, result.Failure!.Kind);
    }

    private static void AssertSame(ChatResponse expected, ChatResponse actual)
    {
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Model, actual.Model);
        Assert.Equal(expected.FinishReason, actual.FinishReason);
        Assert.Equal(expected.StopSequence, actual.StopSequence);
        Assert.Equal(expected.Usage, actual.Usage);
        Assert.Equal(expected.Refusal, actual.Refusal);
        Assert.Equal(expected.Content.Count, actual.Content.Count);
        foreach (var (e, a) in expected.Content.Zip(actual.Content))
        {
            if (e is ToolCallPart ec && a is ToolCallPart ac)
            {
                Assert.Equal((ec.Id, ec.Name), (ac.Id, ac.Name));
                Assert.Equal(JsonSerializer.Serialize(JsonDocument.Parse(ec.ArgumentsJson)), JsonSerializer.Serialize(JsonDocument.Parse(ac.ArgumentsJson)));
            }
            else
            {
                Assert.Equal(e, a);
            }
        }
    }
}
