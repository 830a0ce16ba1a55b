using System.Text;
using System.Text.Json;
using Switchyard.Failures;
using Switchyard.Model;
using Switchyard.Providers.Anthropic.Tests.Support;

namespace Switchyard.Providers.Anthropic.Tests;

public sealed class AnthropicStreamEncoderTests
{
    [Theory]
    [MemberData(nameof(AnthropicStreamDecoderTests.AllStreamFixtures), MemberType = typeof(AnthropicStreamDecoderTests))]
    public void Encode_FixtureRoundTrip_DecodesToTheSameEvents(string fixture)
    {
        var first = StreamRun.DecodeFixture(fixture);

        var bytes = StreamRun.Encode(first.Events);
        var second = StreamRun.Decode(Fixtures.ParseSse(bytes));

        Assert.Equal(first.Events, second.Events);
        Assert.DoesNotContain(DecodeDisposition.Drop, second.Dispositions);
    }

    [Fact]
    public void Encode_EventNamesMatchDataType()
    {
        var bytes = StreamRun.Encode(StreamRun.DecodeFixture("anthropic/messages/sdk-tool_use_response.txt").Events);

        foreach (var (eventType, data) in Fixtures.ParseSse(bytes))
        {
            Assert.Equal(eventType, JsonDocument.Parse(data).RootElement.GetProperty("type").GetString());
        }
    }

    [Fact]
    public void Encode_OpenAIOriginStream_FollowsAnthropicEventSequence()
    {
        // What the OpenAI decoder produces for text, then two parallel tool calls, then the usage chunk.
        StreamEvent[] events =
        [
            new MessageStartEvent("chatcmpl-abc", "gpt-4.1"),
            new TextDeltaEvent("Let me check."),
            new ToolCallStartEvent(0, "call_1", "get_weather"),
            new ToolCallArgumentsDeltaEvent(0, "{\"city\":"),
            new ToolCallArgumentsDeltaEvent(0, "\"Paris\"}"),
            new ToolCallStartEvent(1, "call_2", "get_time"),
            new ToolCallArgumentsDeltaEvent(1, "{}"),
            new FinishEvent(FinishReason.ToolCalls),
            new UsageEvent(new TokenUsage(120, 40, CachedInputTokens: 100)),
            StreamEndEvent.Instance,
        ];

        var frames = Fixtures.ParseSse(StreamRun.Encode(events))
            .Select(f => (f.EventType, Json: JsonDocument.Parse(f.Data).RootElement)).ToList();

        Assert.Equal(
            ["message_start", "content_block_start", "content_block_delta", "content_block_stop",
             "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop",
             "content_block_start", "content_block_delta", "content_block_stop", "message_delta", "message_stop"],
            frames.Select(f => f.EventType));
        var start = frames[0].Json.GetProperty("message");
        Assert.Equal("msg_chatcmpl-abc", start.GetProperty("id").GetString());
        Assert.Equal("gpt-4.1", start.GetProperty("model").GetString());
        Assert.Equal(0, start.GetProperty("usage").GetProperty("input_tokens").GetInt32());
        Assert.Equal(1, start.GetProperty("usage").GetProperty("output_tokens").GetInt32());
        Assert.Equal(JsonValueKind.Null, start.GetProperty("stop_reason").ValueKind);
        Assert.Equal("""{"type":"tool_use","id":"call_1","name":"get_weather","input":{},"caller":{"type":"direct"}}""", frames[4].Json.GetProperty("content_block").GetRawText());
        Assert.Equal(1, frames[4].Json.GetProperty("index").GetInt32());
        Assert.Equal(2, frames[8].Json.GetProperty("index").GetInt32());
        var delta = frames[11].Json;
        Assert.Equal("tool_use", delta.GetProperty("delta").GetProperty("stop_reason").GetString());
        // Anthropic's input_tokens excludes the 100 cached tokens.
        Assert.Equal(20, delta.GetProperty("usage").GetProperty("input_tokens").GetInt32());
        Assert.Equal(100, delta.GetProperty("usage").GetProperty("cache_read_input_tokens").GetInt32());
        Assert.Equal(40, delta.GetProperty("usage").GetProperty("output_tokens").GetInt32());
    }

    [Fact]
    public void Encode_FinishWithoutUsage_MessageDeltaAtEndWithKnownInput()
    {
        StreamEvent[] events =
        [
            new MessageStartEvent("msg_1", "claude-x", new TokenUsage(50, 1)),
            new TextDeltaEvent("Hi"),
            new FinishEvent(FinishReason.Length),
            StreamEndEvent.Instance,
        ];

        var frames = Fixtures.ParseSse(StreamRun.Encode(events));
        var delta = JsonDocument.Parse(frames[^2].Data).RootElement;

        Assert.Equal("message_delta", frames[^2].EventType);
        Assert.Equal("max_tokens", delta.GetProperty("delta").GetProperty("stop_reason").GetString());
        Assert.Equal(50, delta.GetProperty("usage").GetProperty("input_tokens").GetInt32());
        Assert.Equal(0, delta.GetProperty("usage").GetProperty("output_tokens").GetInt32());
        Assert.Equal("message_stop", frames[^1].EventType);
    }

    [Fact]
    public void Encode_FinishIsHeldUntilUsageArrives()
    {
        var encoder = AnthropicMessagesCodec.Instance.CreateStreamEncoder(new ChatRequest { Model = "m", Messages = [] });
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        encoder.Encode(new MessageStartEvent("msg_1", "m"), buffer);
        encoder.Encode(new TextDeltaEvent("x"), buffer);
        encoder.Encode(new FinishEvent(FinishReason.Stop), buffer);

        Assert.DoesNotContain("message_delta", Encoding.UTF8.GetString(buffer.WrittenSpan), StringComparison.Ordinal);

        encoder.Encode(new UsageEvent(new TokenUsage(10, 2)), buffer);

        Assert.Contains("event: message_delta", Encoding.UTF8.GetString(buffer.WrittenSpan), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FinishReason.Stop, "end_turn")]
    [InlineData(FinishReason.StopSequence, "stop_sequence")]
    [InlineData(FinishReason.Length, "max_tokens")]
    [InlineData(FinishReason.ToolCalls, "tool_use")]
    [InlineData(FinishReason.ContentFilter, "refusal")]
    [InlineData(FinishReason.ContextWindowExceeded, "model_context_window_exceeded")]
    [InlineData(FinishReason.PauseTurn, "pause_turn")]
    public void Encode_FinishReason_MapsToStopReason(FinishReason reason, string expected)
    {
        var frames = Fixtures.ParseSse(StreamRun.Encode([new MessageStartEvent("msg_1", "m"), new FinishEvent(reason, "END"), StreamEndEvent.Instance]));
        var delta = JsonDocument.Parse(frames.Single(f => f.EventType == "message_delta").Data).RootElement.GetProperty("delta");

        Assert.Equal(expected, delta.GetProperty("stop_reason").GetString());
        Assert.Equal(reason == FinishReason.StopSequence ? "END" : null, delta.GetProperty("stop_sequence").GetString());
    }

    [Theory]
    [InlineData(FailureKind.Overloaded, "overloaded_error")]
    [InlineData(FailureKind.ServerError, "api_error")]
    [InlineData(FailureKind.StreamBroken, "api_error")]
    [InlineData(FailureKind.RateLimited, "rate_limit_error")]
    [InlineData(FailureKind.IdleTimeout, "timeout_error")]
    public void Encode_StreamError_ErrorEventThenNothing(FailureKind kind, string expectedType)
    {
        StreamEvent[] events =
        [
            new MessageStartEvent("msg_1", "m"),
            new TextDeltaEvent("partial"),
            new StreamErrorEvent(new Failure(kind, "upstream went away")),
            new TextDeltaEvent("never"),
            StreamEndEvent.Instance,
        ];

        var frames = Fixtures.ParseSse(StreamRun.Encode(events));

        Assert.Equal("error", frames[^1].EventType);
        Assert.Equal($$$"""{"type":"error","error":{"type":"{{{expectedType}}}","message":"upstream went away"}}""", Encoding.UTF8.GetString(frames[^1].Data));
        Assert.DoesNotContain(frames, f => f.EventType == "message_stop");
        var decoded = StreamRun.Decode(frames);
        Assert.Equal("partial", decoded.Text);
        Assert.IsType<StreamErrorEvent>(decoded.Events[^1]);
    }

    [Fact]
    public void Encode_OpenAIRefusal_BecomesRefusalStopDetails()
    {
        StreamEvent[] events =
        [
            new MessageStartEvent("chatcmpl-1", "gpt-4o"),
            new RefusalDeltaEvent("I'm sorry, "),
            new RefusalDeltaEvent("I can't help with that."),
            new FinishEvent(FinishReason.Stop),
            StreamEndEvent.Instance,
        ];

        var frames = Fixtures.ParseSse(StreamRun.Encode(events));
        var delta = JsonDocument.Parse(frames.Single(f => f.EventType == "message_delta").Data).RootElement.GetProperty("delta");

        Assert.Equal("refusal", delta.GetProperty("stop_reason").GetString());
        Assert.Equal("I'm sorry, I can't help with that.", delta.GetProperty("stop_details").GetProperty("explanation").GetString());
        Assert.DoesNotContain(frames, f => f.EventType == "content_block_start");
    }

    [Fact]
    public void Encode_ContentBeforeStart_StartsWithGatewayIdAndRequestModel()
    {
        var frames = Fixtures.ParseSse(StreamRun.Encode([new TextDeltaEvent("x"), StreamEndEvent.Instance], new ChatRequest { Model = "claude-route", Messages = [] }));
        var message = JsonDocument.Parse(frames[0].Data).RootElement.GetProperty("message");

        Assert.StartsWith("msg_", message.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("claude-route", message.GetProperty("model").GetString());
    }

    [Fact]
    public void Encode_NonAsciiText_WrittenAsUtf8NotEscaped()
    {
        var bytes = StreamRun.Encode([new MessageStartEvent("msg_1", "m"), new TextDeltaEvent("héllo <b> & ✓"), StreamEndEvent.Instance]);

        Assert.Contains("\"text\":\"héllo <b> & ✓\"", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }
}
