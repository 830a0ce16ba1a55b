using System.Text;
using System.Text.Json;
using Switchyard.Testing;

namespace Switchyard.Providers.Anthropic.Tests;

/// <summary>The span-level observer against <see cref="AnthropicStreamDecoder.Decode"/> as the oracle (see <see cref="ObserverOracle"/>).</summary>
public sealed class AnthropicStreamDecoderObserveTests
{
    private const string Start = """{"type":"message_start","message":{"id":"msg_1","model":"claude","usage":{"input_tokens":5,"output_tokens":1}}}""";
    private const string TextBlock = """{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}""";
    private const string ToolBlock = """{"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_1","name":"f","input":{}}}""";

    public static TheoryData<string> RecordedStreams() =>
        new(RecordedTraffic.Manifest()
            .Where(row => row.Key.StartsWith("anthropic/messages/", StringComparison.Ordinal) && (row.Value.StartsWith("sse-full", StringComparison.Ordinal) || row.Value.StartsWith("json-lines", StringComparison.Ordinal)))
            .Select(row => row.Key));

    public static TheoryData<string> EdgeEvents() =>
    [
        """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"caf\u00e9 \ud83d\ude00 \"q\"\n"}}""",
        """{"delta":{"text":"reversed","type":"text_delta"},"index":0,"type":"content_block_delta"}""",
        """{"type":"content_block_delta","type":"ping","index":0,"delta":{"type":"text_delta","text":"a"}}""",
        """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"a","text":"b"}}""",
        """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"a"},"content_block":{"type":"text","text":"b"}}""",
        """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":""},"content_block":{"type":"text","text":"b"}}""",
        """{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""},"delta":{"type":"text_delta","text":"b"}}""",
        """{"type":"content_block_delta","index":0,"delta":"text"}""",
        """{"type":"content_block_delta","index":0,"delta":null}""",
        """{"type":"content_block_delta","delta":{"type":"text_delta","text":"no index"}}""",
        """{"type":"content_block_delta","index":"0","delta":{"type":"text_delta","text":"a"}}""",
        """{"type":"content_block_delta","index":1.5,"delta":{"type":"text_delta","text":"a"}}""",
        """{"index":0,"delta":{"type":"text_delta","text":"no type"}}""",
        """{"type":5,"index":0,"delta":{"type":"text_delta","text":"numeric type"}}""",
        """{"type":null,"index":0,"delta":{"type":"text_delta","text":"null type"}}""",
        """{"type":"content_bl\u006fck_delta","index":0,"delta":{"type":"text_\u0064elta","text":"escaped names"}}""",
        """{"type":"brand_new_event","index":0,"delta":{"type":"text_delta","text":"ignored"}}""",
        """{"type":"content_block_delta","index":0,"delta":{"type":"citations_delta","citation":{}}}""",
        """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":5}}""",
        """{"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"hmm"}}""",
        """{"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":""}}""",
        """{"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"sig"}}""",
        """{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"a\":1}"}}""",
        """{"type":"content_block_delta","index":7,"delta":{"type":"input_json_delta","partial_json":"{}"}}""",
        """{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":""}}""",
        """{"type":"content_block_start","index":2,"content_block":{"type":"text","text":"start text"}}""",
        """{"type":"content_block_start","index":2,"content_block":{"type":"thinking","thinking":"start thinking"}}""",
        """{"type":"content_block_start","index":2,"content_block":{"type":"redacted_thinking","data":"x"}}""",
        """{"type":"content_block_start","index":2,"content_block":{"type":"tool_use","id":"toolu_2","name":"g"}}""",
        """{"type":"content_block_start","index":2,"content_block":{"type":"tool_use","id":"toolu_2"}}""",
        """{"type":"content_block_start","index":2,"content_block":"text"}""",
        """{"type":"content_block_start","content_block":{"type":"text","text":"no index"}}""",
        """{"type":"content_block_stop","index":0}""", """{"type":"ping"}""", """{"type":"message_stop"}""",
        """{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":9}}""",
        """{"type":"message_delta","delta":{"stop_reason":"refusal","stop_details":{"explanation":"no"}},"usage":{"output_tokens":1}}""",
        """{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}""",
        Start,
        """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"\ud800"}}""",
        """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"t"}} {"type":"ping"}""",
        """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"t"}""",
        """[1,2]""", "\"str\"", "", "{\"type\":\"content_block_delta\",\"index\":0,\"extra\":{\"a\":[1,{\"b\":null}]},\"delta\":{\"type\":\"text_delta\",\"text\":\"x\"}}",
    ];

    [Theory]
    [MemberData(nameof(RecordedStreams))]
    public void Observe_RecordedStreamAndVariants_GivesTheFactsDecodeGives(string fixture) =>
        ObserverOracle.AssertSameFactsOverVariants(AnthropicMessagesCodec.Instance.CreateStreamDecoder, Events(fixture), fixture);

    [Theory]
    [MemberData(nameof(EdgeEvents))]
    public void Observe_EdgeEvent_GivesTheFactsDecodeGives(string data)
    {
        // Before the start, after it and a tool block, then a normal tail; with its event line, with another, without.
        string[][] streams =
        [
            [data, Start, data],
            [Start, TextBlock, ToolBlock, data, """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"tail"}}""", """{"type":"message_stop"}""", data],
        ];
        foreach (var eventType in new[] { TypeOf(data), "content_block_delta", "message", null })
        {
            foreach (var stream in streams)
            {
                var events = stream.Select(e => (e == data ? eventType : TypeOf(e), Encoding.UTF8.GetBytes(e))).ToList();
                ObserverOracle.AssertSameFacts(AnthropicMessagesCodec.Instance.CreateStreamDecoder, events, $"{eventType}: {data}");
            }
        }
    }

    [Fact]
    public void Observe_InvalidUtf8Text_ThrowsAsDecodeDoes()
    {
        var data = Encoding.UTF8.GetBytes("""{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"__"}}""");
        data[data.AsSpan().IndexOf("__"u8)] = 0xff;
        var ran = ObserverOracle.AssertSameFacts(
            AnthropicMessagesCodec.Instance.CreateStreamDecoder,
            [("message_start", Encoding.UTF8.GetBytes(Start)), ("content_block_delta", data)],
            "invalid UTF-8");

        Assert.Equal(2, ran);
    }

    [Theory]
    [InlineData("anthropic/messages/pydantic-thinking-part-stream.sse", 100)]
    [InlineData("anthropic/messages/sdk-tool_use_response.txt", 5)]
    [InlineData("anthropic/messages/sdk-basic_response.txt", 3)]
    public void Observe_ContentEvents_AllocateNothing(string fixture, int atLeast) =>
        ObserverAllocations.AssertContentEventsAllocateNothing(AnthropicMessagesCodec.Instance.CreateStreamDecoder, Events(fixture), atLeast);

    private static string? TypeOf(string data)
    {
        try
        {
            using var document = JsonDocument.Parse(data);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("type", out var type)
                && type.ValueKind == JsonValueKind.String ? type.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static List<(string? EventType, byte[] Data)> Events(string fixture) =>
        RecordedTraffic.Events(fixture).Select(e => ((string?)e.EventType, e.Data)).ToList();
}
