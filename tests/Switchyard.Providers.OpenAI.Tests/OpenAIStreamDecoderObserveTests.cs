using System.Text;
using Switchyard.Testing;

namespace Switchyard.Providers.OpenAI.Tests;

/// <summary>The span-level observer against <see cref="OpenAIStreamDecoder.Decode"/> as the oracle (see <see cref="ObserverOracle"/>).</summary>
public sealed class OpenAIStreamDecoderObserveTests
{
    private const string Start = """{"id":"c1","model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":""}}]}""";
    private const string ToolStart = """{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"f","arguments":""}}]}}]}""";

    public static TheoryData<string> RecordedStreams() =>
        new(RecordedTraffic.Manifest()
            .Where(row => row.Key.StartsWith("openai/chat/", StringComparison.Ordinal) && (row.Value.StartsWith("sse-full", StringComparison.Ordinal) || row.Value.StartsWith("json-lines", StringComparison.Ordinal)) && !row.Key.EndsWith(".snap", StringComparison.Ordinal))
            .Select(row => row.Key)
            .Append("openai/chat/dotnet-StreamingStructuredRefusalWorks.json"));

    public static TheoryData<string> EdgeChunks() =>
    [
        """{"choices":[{"index":0,"delta":{"content":"caf\u00e9 \ud83d\ude00 \"q\"\n"}}]}""",
        """{"choices":[{"index":0,"delta":{"content":"a","content":"b"}}]}""",
        """{"choices":[{"index":0,"delta":{"reasoning_content":"Let me see \u00e9."}}]}""",
        """{"choices":[{"index":0,"delta":{"reasoning_content":""}}]}""",
        """{"choices":[{"index":0,"delta":{"reasoning_content":null,"content":"a"}}]}""",
        """{"choices":[{"index":0,"delta":{"reasoning_content":5}}]}""",
        """{"choices":[{"index":0,"delta":{"reasoning_content":"a","reasoning_content":"b"}}]}""",
        """{"choices":[{"index":1,"delta":{"reasoning_content":"other choice"}}]}""",
        """{"choices":[{"index":0,"delta":{"content":"a"}}],"choices":[]}""",
        """{"choices":[{"index":0,"index":1,"delta":{"content":"a"}}]}""",
        """{"choices":[{"index":0,"delta":{"content":"a"}},{"index":1,"delta":{"content":"b"}}]}""",
        """{"choices":[{"index":1,"delta":{"content":"b"}}]}""",
        """{"choices":[{"index":"0","delta":{"content":"x"}}]}""",
        """{"choices":[{"index":0.5,"delta":{"content":"x"}}]}""",
        """{"choices":[{"delta":{"content":"y"},"index":0}]}""",
        """{"choices":[{"delta":{"content":"y"},"index":2,"finish_reason":"stop"}]}""",
        """{"choices":[3]}""", """{"choices":{}}""", """{"choices":null}""", """{"choices":[]}""",
        """{"choices":[{"index":0,"delta":{"content":"z"}}],"usage":null}""",
        """{"error":null,"choices":[{"index":0,"delta":{"content":"z"}}]}""",
        """{"error":"text","choices":[{"index":0,"delta":{"content":"z"}}]}""",
        """{"error":{"message":"boom","type":"server_error"}}""",
        """{"choices":[],"usage":{"prompt_tokens":3,"completion_tokens":4}}""",
        """{"choices":[{"index":0,"delta":{"content":"u"}}],"usage":{"prompt_tokens":3,"completion_tokens":4,"prompt_tokens_details":{"cached_tokens":1}}}""",
        """{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"a\":"}}]}}]}""",
        """{"choices":[{"index":0,"delta":{"tool_calls":[{"function":{"arguments":"1}"}}]}}]}""",
        """{"choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"id":"call_2","function":{"name":"g","arguments":"{}"}}]}}]}""",
        """{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"x"}},{"index":0,"function":{"arguments":"y"}}]}}]}""",
        """{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"x","arguments":"y"}}]}}]}""",
        """{"choices":[{"index":0,"delta":{"tool_calls":[{"index":-4,"function":{"arguments":"x"}}]}}]}""",
        """{"choices":[{"index":0,"delta":{"tool_calls":[7,{"function":null}]}}]}""",
        """{"choices":[{"index":0,"delta":{"tool_calls":{}}}]}""",
        """{"choices":[{"index":0,"delta":{"refusal":"no"}}]}""", """{"choices":[{"index":0,"delta":{"refusal":""}}]}""",
        """{"choices":[{"index":0,"delta":{},"finish_reason":"length"}]}""",
        """{"choices":[{"index":0,"delta":{},"finish_reason":"function_call"}]}""",
        """{"choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}""",
        """{"choices":[{"index":0,"delta":{},"finish_reason":"content_filter"}]}""",
        """{"choices":[{"index":0,"delta":{},"finish_reason":"weird"}]}""",
        """{"choices":[{"index":0,"delta":{},"finish_reason":"len\u0067th"}]}""",
        """{"choices":[{"index":0,"delta":{},"finish_reason":5}]}""",
        """{"choices":[{"index":0,"delta":{"content":"a"},"finish_reason":"stop"}]}""",
        """{"ch\u006fices":[{"index":0,"delta":{"c\u006fntent":"esc"}}]}""",
        """{"choices":[{"index":0,"delta":{"content":"\ud800"}}]}""",
        """{"choices":[{"index":0,"delta":{"content":"t"}}]} trailing""",
        """{"choices":[{"index":0,"delta":{"content":"t"}}]""",
        """[1,2]""", "\"str\"", "42", "", "   ", "[DONE]", " [DONE] ", "{\"a\":{\"b\":[1,{\"c\":null}]},\"choices\":[]}",
    ];

    [Theory]
    [MemberData(nameof(RecordedStreams))]
    public void Observe_RecordedStreamAndVariants_GivesTheFactsDecodeGives(string fixture) =>
        ObserverOracle.AssertSameFactsOverVariants(OpenAIChatCodec.Instance.CreateStreamDecoder, Events(fixture), fixture);

    [Theory]
    [MemberData(nameof(EdgeChunks))]
    public void Observe_EdgeChunk_GivesTheFactsDecodeGives(string chunk)
    {
        // Before the start, after it, and after a tool call started; then a normal tail.
        string[][] streams =
        [
            [chunk, Start, chunk],
            [Start, ToolStart, chunk, """{"choices":[{"index":0,"delta":{"content":"tail"},"finish_reason":"stop"}]}""", "[DONE]", chunk],
        ];
        foreach (var stream in streams)
        {
            ObserverOracle.AssertSameFacts(OpenAIChatCodec.Instance.CreateStreamDecoder, stream.Select(Event).ToList(), chunk);
        }
    }

    [Fact]
    public void Observe_InvalidUtf8Text_ThrowsAsDecodeDoes()
    {
        var chunk = Encoding.UTF8.GetBytes("""{"choices":[{"index":0,"delta":{"content":"__"}}]}""");
        chunk[chunk.AsSpan().IndexOf("__"u8)] = 0xff;
        var ran = ObserverOracle.AssertSameFacts(OpenAIChatCodec.Instance.CreateStreamDecoder, [Event(Start), (null, chunk)], "invalid UTF-8");

        Assert.Equal(2, ran);
    }

    [Theory]
    [InlineData("openai/chat/node-stream-structured-output.sse", 10)]
    [InlineData("openai/chat/composum-tool-call-stream.chunks.txt", 7)]
    [InlineData("openai/chat/node-stream-refusal-logprobs.sse", 10)]
    public void Observe_ContentChunks_AllocateNothing(string fixture, int atLeast) =>
        ObserverAllocations.AssertContentEventsAllocateNothing(OpenAIChatCodec.Instance.CreateStreamDecoder, Events(fixture), atLeast);

    private static (string? EventType, byte[] Data) Event(string data) => (null, Encoding.UTF8.GetBytes(data));

    private static List<(string? EventType, byte[] Data)> Events(string fixture) =>
        (fixture.EndsWith(".json", StringComparison.Ordinal) ? RecordedTraffic.HttpRecordStream(fixture) : RecordedTraffic.Events(fixture))
            .Select(e => ((string?)e.EventType, e.Data)).ToList();
}
