using System.Text;
using System.Text.Json;
using Switchyard.Failures;
using Switchyard.Model;
using Switchyard.Testing;

namespace Switchyard.Providers.OpenAI.Tests.Responses;

public sealed class ResponsesStreamEncoderTests
{
    internal static readonly StreamEvent[] TextAndToolCall =
    [
        new MessageStartEvent("resp_gw7", "gpt-4o-mini"),
        new ThinkingDeltaEvent("Plan", null), new ThinkingDeltaEvent(" it.", null),
        new TextDeltaEvent("Hello"), new TextDeltaEvent(" world"),
        new ToolCallStartEvent(0, "call_1", "get_weather"), new ToolCallArgumentsDeltaEvent(0, "{\"city\":"), new ToolCallArgumentsDeltaEvent(0, "\"Oslo\"}"),
        new ToolCallStartEvent(1, "call_2", "get_time"), new ToolCallArgumentsDeltaEvent(1, "{}"),
        new FinishEvent(FinishReason.ToolCalls), new UsageEvent(new TokenUsage(30, 12, CachedInputTokens: 10, ReasoningTokens: 3)), StreamEndEvent.Instance,
    ];

    private static List<(string EventType, JsonElement Data)> Frames(string sse) =>
        RecordedTraffic.ParseSse(Encoding.UTF8.GetBytes(sse)).Select(e => (e.EventType, JsonDocument.Parse(e.Data).RootElement)).ToList();

    [Fact]
    public void Encode_FullStream_OneFramePerConsecutiveSequenceNumberFromZero()
    {
        var frames = Frames(ResponsesStream.Encode(TextAndToolCall, ResponsesStream.Request()));

        Assert.Equal(Enumerable.Range(0, frames.Count).Select(i => (long)i), frames.Select(f => f.Data.GetProperty("sequence_number").GetInt64()));
        Assert.All(frames, f => Assert.Equal(f.EventType, f.Data.GetProperty("type").GetString()));
        Assert.Equal(["response.created", "response.in_progress"], frames.Take(2).Select(f => f.EventType));
        Assert.Equal("response.completed", frames[^1].EventType);
        Assert.DoesNotContain("[DONE]", ResponsesStream.Encode(TextAndToolCall, ResponsesStream.Request()), StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_FullStream_TerminalResponseCarriesAllOutputAndUsage()
    {
        var response = Frames(ResponsesStream.Encode(TextAndToolCall, ResponsesStream.Request()))[^1].Data.GetProperty("response");

        Assert.Equal("resp_gw7", response.GetProperty("id").GetString());
        Assert.Equal("completed", response.GetProperty("status").GetString());
        var output = response.GetProperty("output").EnumerateArray().ToList();
        Assert.Equal(["reasoning", "message", "function_call", "function_call"], output.Select(o => o.GetProperty("type").GetString()));
        Assert.Equal(["rs_gw7_0", "msg_gw7_1", "fc_gw7_2", "fc_gw7_3"], output.Select(o => o.GetProperty("id").GetString()));
        Assert.Equal("{\"city\":\"Oslo\"}", output[2].GetProperty("arguments").GetString());
        Assert.Equal("Hello world", response.GetProperty("output_text").GetString());
        Assert.Equal(10, response.GetProperty("usage").GetProperty("input_tokens_details").GetProperty("cached_tokens").GetInt32());
    }

    [Fact]
    public void Encode_ThenDecode_GivesTheSameCanonicalEvents()
    {
        var sse = ResponsesStream.Encode(TextAndToolCall, ResponsesStream.Request());

        var decoded = ResponsesStream.Decode(RecordedTraffic.ParseSse(Encoding.UTF8.GetBytes(sse)));

        Assert.Equal(TextAndToolCall, decoded.Events);
    }

    [Fact]
    public void Encode_RefusalAndLength_RoundTripsAsIncomplete()
    {
        StreamEvent[] events =
        [
            new MessageStartEvent("resp_r", "m"), new RefusalDeltaEvent("I can't"), new RefusalDeltaEvent(" help."),
            new UsageEvent(new TokenUsage(3, 16)), new FinishEvent(FinishReason.Length), StreamEndEvent.Instance,
        ];
        var sse = ResponsesStream.Encode(events, ResponsesStream.Request());

        var decoded = ResponsesStream.Decode(RecordedTraffic.ParseSse(Encoding.UTF8.GetBytes(sse)));

        Assert.Equal("I can't help.", decoded.Refusal);
        Assert.Equal(FinishReason.Length, decoded.Finish);
        Assert.Equal(new TokenUsage(3, 16), decoded.Usage);
        var last = Frames(sse)[^1];
        Assert.Equal("response.incomplete", last.EventType);
        Assert.Equal("max_output_tokens", last.Data.GetProperty("response").GetProperty("incomplete_details").GetProperty("reason").GetString());
    }

    [Fact]
    public void Encode_Background_StartsQueuedThenQueuedEvent()
    {
        var frames = Frames(ResponsesStream.Encode([new MessageStartEvent("resp_b", "m")], ResponsesStream.Request(background: true)));

        Assert.Equal(["response.created", "response.queued", "response.in_progress"], frames.Select(f => f.EventType));
        Assert.Equal("queued", frames[0].Data.GetProperty("response").GetProperty("status").GetString());
        Assert.True(frames[0].Data.GetProperty("response").GetProperty("background").GetBoolean());
    }

    [Fact]
    public void Encode_Error_WritesNestedErrorThenFailedWithPartialOutput()
    {
        StreamEvent[] events =
        [
            new MessageStartEvent("resp_e", "m"), new TextDeltaEvent("Partial"),
            new StreamErrorEvent(new Failure(FailureKind.QuotaExhausted, "Out of credit.")), new TextDeltaEvent("ignored"),
        ];
        var frames = Frames(ResponsesStream.Encode(events, ResponsesStream.Request()));

        Assert.Equal("error", frames[^2].EventType);
        var error = frames[^2].Data.GetProperty("error");
        Assert.Equal(("insufficient_quota", "insufficient_quota", "Out of credit."), (error.GetProperty("type").GetString(), error.GetProperty("code").GetString(), error.GetProperty("message").GetString()));
        Assert.Equal(JsonValueKind.Null, error.GetProperty("param").ValueKind);
        Assert.Equal("response.failed", frames[^1].EventType);
        var response = frames[^1].Data.GetProperty("response");
        Assert.Equal("failed", response.GetProperty("status").GetString());
        Assert.Equal("insufficient_quota", response.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("Partial", response.GetProperty("output_text").GetString());
        Assert.Equal(Enumerable.Range(0, frames.Count).Select(i => (long)i), frames.Select(f => f.Data.GetProperty("sequence_number").GetInt64()));

        var decoded = ResponsesStream.Decode(RecordedTraffic.ParseSse(Encoding.UTF8.GetBytes(ResponsesStream.Encode(events, ResponsesStream.Request()))));
        Assert.Equal(FailureKind.QuotaExhausted, decoded.Error!.Failure.Kind);
    }

    [Fact]
    public void Encode_UsageAfterFinish_IsStillInTheTerminalResponse()
    {
        StreamEvent[] events =
        [
            new MessageStartEvent("resp_u", "m"), new TextDeltaEvent("x"), new FinishEvent(FinishReason.Stop),
            new UsageEvent(new TokenUsage(7, 1)), StreamEndEvent.Instance,
        ];

        var response = Frames(ResponsesStream.Encode(events, ResponsesStream.Request()))[^1].Data.GetProperty("response");

        Assert.Equal(7, response.GetProperty("usage").GetProperty("input_tokens").GetInt32());
    }

    [Fact]
    public void Encode_DecodedFixture_ReencodesToTheSameCanonicalEvents()
    {
        var original = ResponsesStream.Decode(RecordedTraffic.Events("openai/responses/vercel-gpt-5.1-function-call-stream.chunks.txt")).Events;

        var sse = ResponsesStream.Encode(original, ResponsesStream.Request());
        var decoded = ResponsesStream.Decode(RecordedTraffic.ParseSse(Encoding.UTF8.GetBytes(sse)));

        Assert.Equal(original, decoded.Events);
    }
}
