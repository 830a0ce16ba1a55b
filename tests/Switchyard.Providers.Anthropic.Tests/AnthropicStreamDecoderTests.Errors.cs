using System.Text;
using Switchyard.Failures;
using Switchyard.Model;
using Switchyard.Providers.Anthropic.Tests.Support;

namespace Switchyard.Providers.Anthropic.Tests;

public sealed partial class AnthropicStreamDecoderTests
{
    private const string Start = """
        event: message_start
        data: {"type":"message_start","message":{"id":"msg_x","type":"message","role":"assistant","model":"claude-x","content":[],"usage":{"input_tokens":7,"output_tokens":1}}}


        """;

    [Theory]
    [InlineData("overloaded_error", FailureKind.Overloaded)]
    [InlineData("api_error", FailureKind.ServerError)]
    [InlineData("rate_limit_error", FailureKind.RateLimited)]
    [InlineData("billing_error", FailureKind.QuotaExhausted)]
    [InlineData("invalid_request_error", FailureKind.InvalidRequest)]
    [InlineData("authentication_error", FailureKind.Unauthenticated)]
    [InlineData("permission_error", FailureKind.PermissionDenied)]
    [InlineData("not_found_error", FailureKind.NotFound)]
    [InlineData("request_too_large", FailureKind.PayloadTooLarge)]
    [InlineData("timeout_error", FailureKind.ServerError)]
    [InlineData("something_new", FailureKind.StreamBroken)]
    public void Decode_ErrorEventMidStream_ClassifiedStreamErrorAndTerminated(string type, FailureKind expected)
    {
        var run = StreamRun.DecodeSse(Start + $$$"""
            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}}

            event: error
            data: {"type":"error","error":{"details":null,"type":"{{{type}}}","message":"Overloaded"}}


            """);

        var error = Assert.IsType<StreamErrorEvent>(run.Events[^1]);
        Assert.Equal(expected, error.Failure.Kind);
        Assert.Equal("Overloaded", error.Failure.Message);
        Assert.Equal(type, error.Failure.ProviderErrorType);
        Assert.Equal("anthropic", error.Failure.Provider);
        Assert.True(run.Terminated);
        Assert.Single(run.Events.OfType<StreamErrorEvent>()); // Complete adds no second error
        Assert.Equal("Hi", run.Text);
    }

    [Fact]
    public void Decode_ErrorRightAfterHeaders_IsTheOnlyEvent()
    {
        var run = StreamRun.DecodeSse("""
            event: error
            data: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}


            """);

        Assert.Equal(FailureKind.Overloaded, Assert.IsType<StreamErrorEvent>(Assert.Single(run.Events)).Failure.Kind);
    }

    [Fact]
    public void Complete_WithoutMessageStop_AppendsStreamBroken()
    {
        var run = StreamRun.DecodeSse(Start + """
            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}}


            """);

        Assert.False(run.Terminated);
        var error = Assert.IsType<StreamErrorEvent>(run.Events[^1]);
        Assert.Equal(FailureKind.StreamBroken, error.Failure.Kind);
        Assert.Contains("without its terminal event", error.Failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi\"}")]
    [InlineData("not json at all")]
    [InlineData("{\"type\":\"ping\"}}")]
    [InlineData("")]
    public void Decode_MalformedJson_StreamBrokenNamingTheEvent(string data)
    {
        var decoder = AnthropicMessagesCodec.Instance.CreateStreamDecoder();
        var output = new List<StreamEvent>();

        decoder.Decode("content_block_delta", Encoding.UTF8.GetBytes(data), output);

        var error = Assert.IsType<StreamErrorEvent>(Assert.Single(output));
        Assert.Equal(FailureKind.StreamBroken, error.Failure.Kind);
        Assert.Contains("malformed JSON in a 'content_block_delta' event", error.Failure.Message, StringComparison.Ordinal);
        Assert.True(decoder.IsTerminated);
    }

    [Theory]
    [InlineData("{\"no_type\":1}")]
    [InlineData("{\"type\":\"message_start\",\"message\":{\"model\":\"x\"}}")]
    [InlineData("{\"type\":\"content_block_start\",\"content_block\":{\"type\":\"text\"}}")]
    [InlineData("{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"tool_use\",\"id\":5}}")]
    [InlineData("{\"type\":\"content_block_delta\",\"index\":\"zero\",\"delta\":{}}")]
    public void Decode_WrongShapes_StreamBrokenNotException(string data)
    {
        var decoder = AnthropicMessagesCodec.Instance.CreateStreamDecoder();
        var output = new List<StreamEvent>();

        decoder.Decode(null, Encoding.UTF8.GetBytes(data), output);

        Assert.Equal(FailureKind.StreamBroken, Assert.IsType<StreamErrorEvent>(Assert.Single(output)).Failure.Kind);
    }

    [Fact]
    public void Decode_WrongValueTypesInsideKnownEvents_AreIgnoredNotThrown()
    {
        var run = StreamRun.DecodeSse(Start + """
            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":42}}

            event: message_delta
            data: {"type":"message_delta","delta":{"stop_reason":7},"usage":{"output_tokens":"many"}}

            event: message_stop
            data: {"type":"message_stop"}


            """);

        Assert.Equal("", run.Text);
        Assert.Null(run.Finish);
        Assert.Equal(new TokenUsage(7, 0), run.FinalUsage);
        Assert.IsType<StreamEndEvent>(run.Events[^1]);
    }

    [Fact]
    public void Decode_EventsAfterMessageStop_AreDropped()
    {
        var decoder = AnthropicMessagesCodec.Instance.CreateStreamDecoder();
        var output = new List<StreamEvent>();
        decoder.Decode("message_stop", "{\"type\":\"message_stop\"}"u8, output);

        var disposition = decoder.Decode("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"late\"}}"u8, output);

        Assert.Equal(DecodeDisposition.Drop, disposition);
        Assert.Equal([StreamEndEvent.Instance], output);
    }

    [Fact]
    public void Decode_UnknownEventAndBlockTypes_ForwardedWithoutEvents()
    {
        var decoder = AnthropicMessagesCodec.Instance.CreateStreamDecoder();
        var output = new List<StreamEvent>();

        var unknownEvent = decoder.Decode("future_event", "{\"type\":\"future_event\",\"x\":1}"u8, output);
        var serverTool = decoder.Decode(null, "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"server_tool_use\",\"id\":\"srvtoolu_1\",\"name\":\"web_search\",\"input\":{}}}"u8, output);
        var serverArgs = decoder.Decode(null, "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"q\\\":1}\"}}"u8, output);
        var citation = decoder.Decode(null, "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"citations_delta\",\"citation\":{}}}"u8, output);

        Assert.All([unknownEvent, serverTool, serverArgs, citation], d => Assert.Equal(DecodeDisposition.Forward, d));
        Assert.Empty(output);
    }

    [Fact]
    public void Decode_TwoToolBlocksAfterText_OrdinalsZeroAndOne()
    {
        var run = StreamRun.DecodeSse(Start + """
            event: content_block_start
            data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Checking."}}

            event: content_block_start
            data: {"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_a","name":"f","input":{}}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"a\":1}"}}

            event: content_block_start
            data: {"type":"content_block_start","index":2,"content_block":{"type":"tool_use","id":"toolu_b","name":"g","input":{}}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"{\"b\":2}"}}

            event: message_delta
            data: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":30,"cache_read_input_tokens":100,"cache_creation_input_tokens":20}}

            event: message_stop
            data: {"type":"message_stop"}


            """);

        Assert.Equal([new ToolCallStartEvent(0, "toolu_a", "f"), new ToolCallStartEvent(1, "toolu_b", "g")], run.Events.OfType<ToolCallStartEvent>());
        Assert.Equal("{\"a\":1}", run.Arguments(0));
        Assert.Equal("{\"b\":2}", run.Arguments(1));
        // input 7 uncached (from message_start) + 100 read + 20 written.
        Assert.Equal(new TokenUsage(127, 30, CachedInputTokens: 100, CacheWriteTokens: 20), run.FinalUsage);
    }

    [Fact]
    public void Decode_StopSequence_CarriesTheSequence()
    {
        var run = StreamRun.DecodeSse(Start + """
            event: message_delta
            data: {"type":"message_delta","delta":{"stop_reason":"stop_sequence","stop_sequence":"###"},"usage":{"output_tokens":3}}

            event: message_stop
            data: {"type":"message_stop"}


            """);

        Assert.Equal(new FinishEvent(FinishReason.StopSequence, "###"), run.Finish);
    }
    [Theory]
    [MemberData(nameof(AllStreamFixtures))]
    public void Decode_EveryEventTruncated_NeverThrows(string fixture)
    {
        foreach (var (eventType, data) in Fixtures.Events(fixture))
        {
            for (var cut = 0; cut < data.Length; cut += Math.Max(1, data.Length / 40))
            {
                var decoder = AnthropicMessagesCodec.Instance.CreateStreamDecoder();
                var output = new List<StreamEvent>();
                decoder.Decode(eventType, data.AsSpan(0, cut), output);
                decoder.Complete(output);
                Assert.True(decoder.IsTerminated);
            }
        }
    }
}
