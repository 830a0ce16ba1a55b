using System.Text;
using System.Text.RegularExpressions;
using Switchyard.Failures;
using Switchyard.Model;

namespace Switchyard.Providers.OpenAI.Tests;

public sealed class OpenAIStreamDecoderTests
{
    private const string Chat = "openai/chat/";

    [Fact]
    public void Decode_StructuredOutputFixture_YieldsTextFinishUsageAndEnd()
    {
        var result = StreamResult.Decode(Fixtures.SseFile(Chat + "node-stream-structured-output.sse"));

        Assert.Equal(new MessageStartEvent("chatcmpl-9tZXEmwtoDf6vqCqEWSvDP8jx9OXe", "gpt-4o-2024-08-06"), result.Events[0]);
        Assert.Equal("{\"city\":\"San Francisco\",\"units\":\"c\"}", result.Text);
        Assert.Equal(FinishReason.Stop, result.Finish);
        Assert.Equal(new TokenUsage(17, 10), result.Usage);
        Assert.True(result.Ended);
        Assert.Null(result.Error);
    }

    [Fact]
    public void Decode_ContentLogprobsFixture_IgnoresLogprobsAndKeepsText()
    {
        var result = StreamResult.Decode(Fixtures.SseFile(Chat + "node-stream-content-logprobs.sse"));

        Assert.Equal("chatcmpl-9tZXFsqeQOozn5YU8I6SbjkmDnN76", result.Start!.Id);
        Assert.Equal("{\"city\":\"San Francisco\",\"units\":\"f\"}", result.Text);
        Assert.Equal(new TokenUsage(17, 10), result.Usage);
        Assert.Equal(FinishReason.Stop, result.Finish);
        Assert.True(result.Ended);
    }

    [Fact]
    public void Decode_RefusalLogprobsFixture_YieldsRefusalDeltasOnly()
    {
        var result = StreamResult.Decode(Fixtures.SseFile(Chat + "node-stream-refusal-logprobs.sse"));

        Assert.Equal("I'm very sorry, but I can't assist with that request.", result.Refusal);
        Assert.Equal(string.Empty, result.Text);
        Assert.Equal(12, result.Events.OfType<RefusalDeltaEvent>().Count());
        Assert.Equal(new TokenUsage(17, 13), result.Usage);
        Assert.True(result.Ended);
    }

    [Fact]
    public void Decode_SnapshotBodies_MatchTheDerivedSseFiles()
    {
        // The .snap holds the same three bodies Jest-escaped; unescaped, each must decode exactly like its derived file.
        var snap = File.ReadAllText(Fixtures.PathOf(Chat + "node-ChatCompletionStream.test.ts.snap"));
        var bodies = Regex.Matches(snap, "exports\\[`(?<name>[^`]+)`\\] = `\\n\"(?<body>.*?)\"\\n`;", RegexOptions.Singleline)
            .ToDictionary(m => m.Groups["name"].Value, m => m.Groups["body"].Value.Replace("\\`", "`", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal));
        var pairs = new Dictionary<string, string>
        {
            [".stream() works 1"] = "node-stream-structured-output.sse",
            [".stream() emits content logprobs events 1"] = "node-stream-content-logprobs.sse",
            [".stream() emits refusal logprobs events 1"] = "node-stream-refusal-logprobs.sse",
        };

        Assert.Equal(3, bodies.Count);
        foreach (var (name, file) in pairs)
        {
            var fromSnap = StreamResult.Decode(Fixtures.SseData(bodies[name]));
            var fromFile = StreamResult.Decode(Fixtures.SseFile(Chat + file));
            Assert.Equal(fromFile.Events, fromSnap.Events);
        }
    }

    [Fact]
    public void Decode_DotnetRefusalRecording_IgnoresObfuscationAndReadsUsage()
    {
        var entry = Fixtures.HttpEntries(Chat + "dotnet-StreamingStructuredRefusalWorks.json").Single();
        var result = StreamResult.Decode(Fixtures.SseData(Encoding.UTF8.GetString(Fixtures.ResponseBody(entry))));

        Assert.Equal("chatcmpl-D8dV4fIhj9EeF5vu9iDuZYuG5qp3o", result.Start!.Id);
        Assert.Equal("I'm sorry, I can't assist with that request.", result.Text);
        Assert.Equal(FinishReason.Stop, result.Finish);
        Assert.Equal(new TokenUsage(26, 10), result.Usage);
        Assert.True(result.Ended);
    }

    [Fact]
    public void Decode_ToolCallFixture_AssemblesArgumentsAndFinishesWithToolCalls()
    {
        // The fixture's source ended with [DONE]; the derived file dropped it, so it is put back here.
        var result = StreamResult.Decode([.. Fixtures.JsonLines(Chat + "composum-tool-call-stream.chunks.txt"), "[DONE]"]);

        Assert.Equal("gpt-4o-mini-2024-07-18", result.Start!.Model);
        var call = Assert.Single(result.ToolCalls);
        Assert.Equal((0, "call_ZkuSWztTvaOxQeT6TFITm3sa", "wobbler", "{\"towobble\":\"hi\"}"), call);
        Assert.Equal(FinishReason.ToolCalls, result.Finish);
        Assert.Null(result.Usage);
        Assert.True(result.Ended);
    }

    [Fact]
    public void Complete_ToolCallFixtureWithoutDone_ReportsStreamBroken()
    {
        var result = StreamResult.Decode(Fixtures.JsonLines(Chat + "composum-tool-call-stream.chunks.txt"));

        Assert.Equal("{\"towobble\":\"hi\"}", result.ToolCalls.Single().Arguments);
        Assert.Equal(FailureKind.StreamBroken, result.Error!.Failure.Kind);
        Assert.Contains("terminal event", result.Error.Failure.Message, StringComparison.Ordinal);
        Assert.IsType<StreamErrorEvent>(result.Events[^1]);
    }

    [Fact]
    public void Decode_AzureFixture_TreatsPromptFilterChunkAsKeepAliveAndStartsAtRealId()
    {
        var result = StreamResult.Decode([.. Fixtures.JsonLines(Chat + "vercel-azure-model-router.1.chunks.txt"), "[DONE]"]);

        Assert.Equal(DecodeDisposition.KeepAlive, result.Dispositions[0]);
        Assert.IsType<MessageStartEvent>(result.Events[0]);
        Assert.Equal(new MessageStartEvent("chatcmpl-CYPS1lijGoK8gd9lYzY3r9Sx50nbt", "gpt-5-nano-2025-08-07"), result.Start);
        Assert.Equal("Capital of Denmark.", result.Text);
        Assert.Equal(FinishReason.Stop, result.Finish);
        Assert.Equal(new TokenUsage(15, 78, ReasoningTokens: 64), result.Usage);
        Assert.True(result.Ended);
    }

    [Fact]
    public void Decode_ContentAndFinishInOneChunk_EmitsBothInOrder()
    {
        var result = StreamResult.Decode([
            """{"id":"chatcmpl-1","model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":"Hi"},"finish_reason":"length"}]}""",
            "[DONE]"]);

        Assert.Equal(
            [new MessageStartEvent("chatcmpl-1", "m"), new TextDeltaEvent("Hi"), new FinishEvent(FinishReason.Length), StreamEndEvent.Instance],
            result.Events);
    }

    [Fact]
    public void Decode_WholeToolCallsInOneFragment_StartsAndFillsEachByIndex()
    {
        var result = StreamResult.Decode([
            """{"id":"x","model":"grok","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_a","type":"function","function":{"name":"f","arguments":"{\"a\":1}"}},{"index":1,"id":"call_b","type":"function","function":{"name":"g","arguments":"{}"}}]},"finish_reason":"tool_calls"}]}""",
            "[DONE]"]);

        Assert.Equal([(0, "call_a", "f", "{\"a\":1}"), (1, "call_b", "g", "{}")], result.ToolCalls);
        Assert.Equal(FinishReason.ToolCalls, result.Finish);
    }

    [Theory]
    [InlineData("server_error", null, FailureKind.ServerError)]
    [InlineData("service_unavailable_error", "server_is_overloaded", FailureKind.Overloaded)]
    [InlineData("requests", "rate_limit_exceeded", FailureKind.RateLimited)]
    [InlineData("insufficient_quota", "insufficient_quota", FailureKind.QuotaExhausted)]
    [InlineData("invalid_request_error", null, FailureKind.InvalidRequest)]
    [InlineData("invalid_request_error", "context_length_exceeded", FailureKind.ContextTooLong)]
    [InlineData("mystery", null, FailureKind.StreamBroken)]
    public void Decode_ErrorChunk_ClassifiesAndTerminates(string type, string? code, FailureKind expected)
    {
        var codeJson = code is null ? "null" : $"\"{code}\"";
        var result = StreamResult.Decode([
            """{"id":"c","model":"m","choices":[{"index":0,"delta":{"content":"partial"}}]}""",
            $$$"""{"error":{"message":"boom","type":"{{{type}}}","param":null,"code":{{{codeJson}}}}}""",
            """{"id":"c","model":"m","choices":[{"index":0,"delta":{"content":"late"}}]}""",
            "[DONE]"]);

        Assert.Equal(expected, result.Error!.Failure.Kind);
        Assert.Equal("boom", result.Error.Failure.Message);
        Assert.Equal("partial", result.Text);
        Assert.Equal(DecodeDisposition.Drop, result.Dispositions[2]);
        Assert.IsType<StreamErrorEvent>(result.Events[^1]);
    }

    [Theory]
    [InlineData("{\"id\":\"c\",\"choices\":[")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    public void Decode_MalformedChunk_ReportsStreamBrokenAndDropsIt(string payload)
    {
        var result = StreamResult.Decode([payload, "[DONE]"]);

        Assert.Equal(FailureKind.StreamBroken, result.Error!.Failure.Kind);
        Assert.Equal([DecodeDisposition.Drop, DecodeDisposition.Drop], result.Dispositions);
        Assert.False(result.Ended);
    }

    [Fact]
    public void Decode_ChunkWithWrongFieldTypes_DoesNotThrow()
    {
        var result = StreamResult.Decode([
            """{"id":5,"model":[],"choices":[{"index":"0","delta":{"content":7,"tool_calls":"x"},"finish_reason":3}],"usage":"lots"}""",
            """{"id":"c","choices":{"index":0}}""",
            "[DONE]"]);

        Assert.True(result.Ended);
        Assert.Equal(string.Empty, result.Text);
    }

    [Fact]
    public void Decode_AfterDone_DropsEverything()
    {
        var decoder = OpenAIChatCodec.Instance.CreateStreamDecoder();
        var events = new List<StreamEvent>();

        Assert.Equal(DecodeDisposition.Forward, decoder.Decode(null, "[DONE]"u8, events));
        Assert.Equal(DecodeDisposition.Drop, decoder.Decode(null, "[DONE]"u8, events));
        decoder.Complete(events);

        Assert.True(decoder.IsTerminated);
        Assert.Equal([StreamEndEvent.Instance], events);
    }
}
