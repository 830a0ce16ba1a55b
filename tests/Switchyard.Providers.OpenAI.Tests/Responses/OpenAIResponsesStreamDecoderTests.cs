using Switchyard.Failures;
using Switchyard.Model;
using Switchyard.Testing;

namespace Switchyard.Providers.OpenAI.Tests.Responses;

public sealed class OpenAIResponsesStreamDecoderTests
{
    private const string Dir = "openai/responses/";

    [Fact]
    public void Decode_DotnetStreamingResponses_YieldsTextUsageAndEnd()
    {
        var result = ResponsesStream.Decode(RecordedTraffic.HttpRecordStream(Dir + "dotnet-StreamingResponses.json"));

        Assert.Equal(new MessageStartEvent("resp_0b70e4946283a4df0068c9ef5ef4d88194adeeb6e2283d609a", "gpt-4o-mini-2024-07-18"), result.Events[0]);
        Assert.Equal("Hello! How can I assist you today?", result.Text);
        Assert.Equal(FinishReason.Stop, result.Finish);
        Assert.Equal(new TokenUsage(11, 10), result.Usage);
        Assert.True(result.Ended);
        Assert.Null(result.Error);
    }

    [Fact]
    public void Decode_DotnetFunctionCallStreaming_YieldsOneToolCallAndToolCallsFinish()
    {
        var result = ResponsesStream.Decode(RecordedTraffic.HttpRecordStream(Dir + "dotnet-FunctionCallStreamingWorks.json"));

        Assert.Equal([(0, "call_0UFGPwrziw5rbinYp7rthrTb", "get_weather_at_location", "{\"location\":\"San Francisco, CA\"}")], result.ToolCalls);
        Assert.Equal(FinishReason.ToolCalls, result.Finish);
        Assert.Equal(string.Empty, result.Text);
        Assert.True(result.Ended);
    }

    [Fact]
    public void Decode_DotnetCustomToolStreaming_IgnoresCustomToolEventsAndEnds()
    {
        var result = ResponsesStream.Decode(RecordedTraffic.HttpRecordStream(Dir + "dotnet-CustomToolCallStreamingWorks.json"));

        Assert.NotNull(result.Start);
        Assert.Empty(result.ToolCalls);
        Assert.True(result.Ended);
        Assert.Null(result.Error);
    }

    [Fact]
    public void Decode_VercelGpt51FunctionCall_IgnoresObfuscationAndReadsUsage()
    {
        var result = ResponsesStream.Decode(RecordedTraffic.Events(Dir + "vercel-gpt-5.1-function-call-stream.chunks.txt"));

        Assert.Equal([(0, "call_2FQdm3Br7Qb35YUBSkDR7kue", "get_weather", "{\"city\":\"Beijing\"}")], result.ToolCalls);
        Assert.Equal(FinishReason.ToolCalls, result.Finish);
        Assert.Equal(new TokenUsage(45, 25), result.Usage);
        Assert.True(result.Ended);
    }

    [Fact]
    public void Decode_VercelCustomTool_EndsWithoutCanonicalToolCalls()
    {
        var result = ResponsesStream.Decode(RecordedTraffic.Events(Dir + "vercel-custom-tool.1.chunks.txt"));

        Assert.Empty(result.ToolCalls);
        Assert.True(result.Ended);
        Assert.Null(result.Error);
    }

    [Fact]
    public void Decode_ReasoningAgentLoop_EachStreamDecodesThinkingToolCallsAndText()
    {
        var streams = ResponsesStream.SplitStreams(RecordedTraffic.Events(Dir + "vercel-reasoning-encrypted-content.1.chunks.txt"));
        var results = streams.Select(s => ResponsesStream.Decode(s)).ToList();

        Assert.Equal(4, results.Count);
        Assert.All(results, r => Assert.True(r.Ended));
        var first = results[0];
        var thinking = string.Concat(first.Events.OfType<ThinkingDeltaEvent>().Select(e => e.Text));
        Assert.StartsWith("**Calculating step-by-step using calculator**", thinking, StringComparison.Ordinal);
        Assert.Contains(first.ToolCalls, c => c.Name == "calculator" && c.Arguments == "{\"a\":12,\"b\":7,\"op\":\"add\"}");
        Assert.Equal(FinishReason.ToolCalls, first.Finish);
        Assert.Equal([(0, "call_Q6pW65MUgW9vF59BmItYGos3", "calculator", "{\"a\":19,\"b\":3,\"op\":\"multiply\"}")], results[1].ToolCalls);
        Assert.Equal("The final result is **570**.", results[3].Text);
        Assert.Equal(FinishReason.Stop, results[3].Finish);
    }

    [Fact]
    public void Decode_ConsecutiveStreamsInOneDecoder_DropsTheRestartedSequence()
    {
        // One decoder is one stream: a second stream restarting at sequence 0 is all duplicates to it.
        var result = ResponsesStream.Decode(RecordedTraffic.Events(Dir + "vercel-reasoning-encrypted-content.1.chunks.txt"));

        Assert.Single(result.Events.OfType<StreamEndEvent>());
        Assert.Single(result.Events.OfType<MessageStartEvent>());
    }

    [Fact]
    public void Decode_MidStreamQuotaError_YieldsQuotaExhaustedAndForwardsTheFailedEvent()
    {
        var result = ResponsesStream.Decode(RecordedTraffic.Events(Dir + "vercel-openai-error.1.chunks.txt"));

        var error = Assert.Single(result.Events.OfType<StreamErrorEvent>());
        Assert.Equal(FailureKind.QuotaExhausted, error.Failure.Kind);
        Assert.StartsWith("You exceeded your current quota", error.Failure.Message, StringComparison.Ordinal);
        Assert.Equal(DecodeDisposition.Forward, result.Dispositions[^1]);
        Assert.False(result.Ended);
    }

    [Fact]
    public void Decode_ErrorWithNullCode_YieldsServerError()
    {
        var result = ResponsesStream.Decode(RecordedTraffic.Events(Dir + "vercel-error-null-code.1.chunks.txt"));

        var error = Assert.Single(result.Events.OfType<StreamErrorEvent>());
        Assert.Equal(FailureKind.ServerError, error.Failure.Kind);
        Assert.Equal("Sorry, something went wrong.", error.Failure.Message);
    }

    [Fact]
    public void Decode_ResponseFailedOnly_YieldsRateLimited()
    {
        var result = ResponsesStream.Decode(RecordedTraffic.Events(Dir + "vercel-response-failed-only.1.chunks.txt"));

        Assert.Equal("resp_test_failed_001", result.Start!.Id);
        var error = Assert.Single(result.Events.OfType<StreamErrorEvent>());
        Assert.Equal(FailureKind.RateLimited, error.Failure.Kind);
    }

    [Fact]
    public void Decode_ParallelWrapperWithMalformedLines_YieldsStreamErrorNotException()
    {
        var result = ResponsesStream.Decode(RecordedTraffic.Events(Dir + "vercel-parallel-tool-call-wrapper.1.chunks.txt"));

        var error = Assert.Single(result.Events.OfType<StreamErrorEvent>());
        Assert.Equal(FailureKind.StreamBroken, error.Failure.Kind);
        Assert.Equal(DecodeDisposition.Drop, result.Dispositions[0]);
    }

    [Fact]
    public void Decode_BackgroundStreamThenResumedTail_NeitherDropsNorDuplicates()
    {
        const string File = Dir + "dotnet-CanUseStreamingBackgroundResponses-resume.json";
        var full = ResponsesStream.HttpEntryStream(File, 0);
        var tail = ResponsesStream.HttpEntryStream(File, 2);
        var reference = ResponsesStream.Decode(full);

        // The connection breaks after sequence 2; the gateway resumes with starting_after=2 on the same decoder.
        var decoder = new OpenAIResponsesStreamDecoder();
        var head = ResponsesStream.Decode(decoder, full.Take(3), complete: false);
        Assert.Equal(2, decoder.LastSequenceNumber);
        Assert.Equal("resp_688c4e49bd888198a02ca36606345e7f0d712d55500687ca", decoder.ResponseId);
        Assert.Equal(
            "/v1/responses/resp_688c4e49bd888198a02ca36606345e7f0d712d55500687ca?stream=true&starting_after=2",
            OpenAIResponsesDialect.ResumePath(decoder.ResponseId!, decoder.LastSequenceNumber!.Value));
        var rest = ResponsesStream.Decode(decoder, tail);

        Assert.Equal(reference.Events, [.. head.Events, .. rest.Events]);
        Assert.Equal("Hello! How can I assist you today?", reference.Text);
        Assert.DoesNotContain(DecodeDisposition.Drop, rest.Dispositions);
    }

    [Fact]
    public void Decode_ResumeOverlappingWhatWasSeen_DropsTheOverlap()
    {
        const string File = Dir + "dotnet-CanUseStreamingBackgroundResponses-resume.json";
        var full = ResponsesStream.HttpEntryStream(File, 0);
        var decoder = new OpenAIResponsesStreamDecoder();
        var head = ResponsesStream.Decode(decoder, full.Take(8), complete: false);
        var rest = ResponsesStream.Decode(decoder, ResponsesStream.HttpEntryStream(File, 2));

        Assert.Equal("Hello! How can I assist you today?", head.Text + rest.Text);
        Assert.Equal(5, rest.Dispositions.TakeWhile(d => d == DecodeDisposition.Drop).Count());
        Assert.True(rest.Ended);
    }

    [Fact]
    public void Decode_SameEventTwice_YieldsItsEventsOnce()
    {
        var delta = ResponsesStream.Event("""{"type":"response.output_text.delta","sequence_number":4,"item_id":"msg_1","output_index":0,"content_index":0,"delta":"Hi"}""");
        var result = ResponsesStream.Decode(
            [ResponsesStream.Event("""{"type":"response.created","sequence_number":0,"response":{"id":"resp_1","model":"m"}}"""), delta, delta], complete: false);

        Assert.Equal("Hi", result.Text);
        Assert.Equal([DecodeDisposition.Forward, DecodeDisposition.Forward, DecodeDisposition.Drop], result.Dispositions);
    }

    [Fact]
    public void Decode_EventsWithoutSequenceNumbers_AreAllAccepted()
    {
        var delta = ResponsesStream.Event("""{"type":"response.output_text.delta","delta":"a"}""");
        var result = ResponsesStream.Decode([delta, delta], complete: false);

        Assert.Equal("aa", result.Text);
    }

    [Fact]
    public void Decode_FlatSpecErrorShape_IsClassifiedByCode()
    {
        var result = ResponsesStream.Decode(
            [ResponsesStream.Event("""{"type":"error","code":"rate_limit_exceeded","message":"Slow down.","param":null,"sequence_number":3}""")]);

        var error = Assert.Single(result.Events.OfType<StreamErrorEvent>());
        Assert.Equal(FailureKind.RateLimited, error.Failure.Kind);
        Assert.Equal("Slow down.", error.Failure.Message);
    }

    [Fact]
    public void Decode_FlatSpecServerError_IsServerError()
    {
        var result = ResponsesStream.Decode(
            [ResponsesStream.Event("""{"type":"error","code":"server_error","message":"Oops.","param":null,"sequence_number":3}""")]);

        Assert.Equal(FailureKind.ServerError, Assert.Single(result.Events.OfType<StreamErrorEvent>()).Failure.Kind);
    }

    [Theory]
    [InlineData("server_error", FailureKind.ServerError)]
    [InlineData("rate_limit_exceeded", FailureKind.RateLimited)]
    [InlineData("insufficient_quota", FailureKind.QuotaExhausted)]
    [InlineData("overloaded", FailureKind.Overloaded)]
    [InlineData("invalid_prompt", FailureKind.ContentFiltered)]
    public void Decode_ResponseFailedCode_IsClassified(string code, FailureKind kind)
    {
        var result = ResponsesStream.Decode(
            [ResponsesStream.Event("""{"type":"response.failed","sequence_number":1,"response":{"id":"r","status":"failed","error":{"code":"CODE","message":"m"}}}""".Replace("CODE", code, StringComparison.Ordinal))]);

        Assert.Equal(kind, Assert.Single(result.Events.OfType<StreamErrorEvent>()).Failure.Kind);
    }

    [Fact]
    public void Decode_IncompleteForMaxTokens_FinishesWithLength()
    {
        var result = ResponsesStream.Decode(
            [ResponsesStream.Event("""{"type":"response.incomplete","sequence_number":9,"response":{"id":"r","status":"incomplete","incomplete_details":{"reason":"max_output_tokens"},"output":[],"usage":{"input_tokens":5,"output_tokens":16,"input_tokens_details":{"cached_tokens":2},"output_tokens_details":{"reasoning_tokens":3}}}}""")]);

        Assert.Equal(FinishReason.Length, result.Finish);
        Assert.Equal(new TokenUsage(5, 16, CachedInputTokens: 2, ReasoningTokens: 3), result.Usage);
        Assert.True(result.Ended);
    }

    [Fact]
    public void Complete_WithoutTerminalEvent_YieldsStreamBroken()
    {
        var result = ResponsesStream.Decode(RecordedTraffic.HttpRecordStream(Dir + "dotnet-StreamingResponses.json").Take(6));

        Assert.Equal(FailureKind.StreamBroken, result.Error!.Failure.Kind);
    }

    [Fact]
    public void Decode_MalformedJson_YieldsStreamErrorAndDrops()
    {
        var decoder = new OpenAIResponsesStreamDecoder();
        var output = new List<StreamEvent>();

        var disposition = decoder.Decode("response.output_text.delta", "{\"type\":"u8, output);

        Assert.Equal(DecodeDisposition.Drop, disposition);
        Assert.Equal(FailureKind.StreamBroken, Assert.IsType<StreamErrorEvent>(Assert.Single(output)).Failure.Kind);
        Assert.True(decoder.IsTerminated);
    }

    [Theory]
    [InlineData("{\"type\":\"response.output_text.delta\",\"delta\":\"a\\ud800\"}")]
    [InlineData("{\"type\":\"response.output_text.delta\",\"delta\":\"a\\udfff\\ud800\"}")]
    public void Decode_UnreadableText_YieldsStreamErrorNotException(string data)
    {
        var decoder = new OpenAIResponsesStreamDecoder();
        var output = new List<StreamEvent>();

        decoder.Decode("response.output_text.delta", System.Text.Encoding.UTF8.GetBytes(data), output);

        Assert.Equal(FailureKind.StreamBroken, Assert.IsType<StreamErrorEvent>(Assert.Single(output)).Failure.Kind);
    }

    [Fact]
    public void ReadResponse_UnreadableText_IsAFailureNotException()
    {
        var body = "{\"id\":\"resp_1\",\"object\":\"response\",\"status\":\"completed\",\"output\":[{\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"\\ud800\"}]}]}"u8.ToArray();

        Assert.False(ResponsesStream.Codec.ReadResponse(body).IsSuccess);
    }
}
