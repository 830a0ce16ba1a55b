using System.Text;
using Switchyard.Failures;
using Switchyard.Gateway;
using Switchyard.Model;
using Switchyard.Providers;
using Switchyard.Tests.Fakes;

namespace Switchyard.Tests.Gateway;

public sealed partial class ChatForwarderTests
{
    [Fact]
    public async Task ForwardAsync_SameFormatStream_ForwardsEveryFrameByteForByte()
    {
        var sse = SseBody.Of("start", "text:hello", "ping", "finish+usage:3,5", "end");
        _openai.Respond = _ => SseBody.Stream(sse);

        var outcome = await ForwardAsync(Request(WireFormat.OpenAIChat, stream: true));

        Assert.Equal(["StartStream"], _sink.Calls);
        Assert.Equal(sse, _sink.Streamed());
        Assert.Null(outcome.Failure);
        Assert.Equal(new TokenUsage(3, 5), outcome.Usage);
        Assert.Equal(new ServedBy("openai", "served-model", "req_up", 1) { Route = "gpt-test" }, outcome.ServedBy);
    }

    [Fact]
    public async Task ForwardAsync_CrossFormatStream_EncodesEveryEventInTheCallersFormat()
    {
        _anthropic.Respond = _ => SseBody.Stream(SseBody.Of("start", "text:hello", "finish+usage:3,5", "end"));

        var outcome = await ForwardAsync(Request(WireFormat.OpenAIChat, model: "claude-test", stream: true));

        Assert.Equal(["StartStream"], _sink.Calls);
        Assert.Equal(
            SseBody.Of("enc:start:served-model", "enc:text:hello", "enc:finish:Stop", "enc:usage:3,5", "enc:end"),
            _sink.Streamed());
        Assert.Null(outcome.Failure);
        Assert.Equal(new TokenUsage(3, 5), outcome.Usage);
    }

    [Fact]
    public async Task ForwardAsync_FailureBeforeFirstContent_SendsACleanFailureAndNeverStartsTheStream()
    {
        _openai.Respond = _ => SseBody.Stream(SseBody.Of("start", "ping", "usage:1,0", "error"));

        var outcome = await ForwardAsync(Request(WireFormat.OpenAIChat, stream: true));

        Assert.Equal(["SendFailure"], _sink.Calls);
        Assert.Equal(FailureKind.Overloaded, _sink.SentFailure?.Kind);
        Assert.Equal(new ServedBy("openai", "gpt-test", "req_up", 2) { Route = "gpt-test" }, _sink.ServedBy);
        AssertSameFailure(_sink.SentFailure, outcome.Failure);
        Assert.All(outcome.Attempts, a => Assert.Equal(new TokenUsage(1, 0), a.Usage));
        Assert.Equal(string.Empty, _sink.Streamed());
    }

    [Fact]
    public async Task ForwardAsync_EndsWithoutContentOrTerminalEvent_SendsACleanFailure()
    {
        _openai.Respond = _ => SseBody.Stream(SseBody.Of("start"));

        var outcome = await ForwardAsync(Request(WireFormat.OpenAIChat, stream: true));

        Assert.Equal(["SendFailure"], _sink.Calls);
        Assert.Equal(FailureKind.StreamBroken, outcome.Failure?.Kind);
    }

    [Fact]
    public async Task ForwardAsync_EmptyUpstreamBody_SendsACleanFailure()
    {
        _openai.Respond = _ => SseBody.Stream(string.Empty);

        var outcome = await ForwardAsync(Request(WireFormat.OpenAIChat, stream: true));

        Assert.Equal(["SendFailure"], _sink.Calls);
        Assert.Equal(FailureKind.StreamBroken, outcome.Failure?.Kind);
    }

    [Fact]
    public async Task ForwardAsync_FailureAfterCommit_WritesTheErrorFrameThenAborts()
    {
        _openai.Respond = _ => SseBody.Stream(SseBody.Of("start", "text:hi", "error"));

        var outcome = await ForwardAsync(Request(WireFormat.OpenAIChat, stream: true));

        Assert.Equal(["StartStream", "AbortStream"], _sink.Calls);
        // The upstream's error event is never forwarded as is: the gateway writes its own, in the caller's format.
        Assert.Equal(SseBody.Of("start", "text:hi", "enc:error:Overloaded"), _sink.StreamedBeforeAbort);
        Assert.Equal(FailureKind.Overloaded, outcome.Failure?.Kind);
    }

    [Fact]
    public async Task ForwardAsync_CrossFormatFailureAfterCommit_WritesAnEncodedErrorFrameThenAborts()
    {
        _anthropic.Respond = _ => SseBody.Stream(SseBody.Of("start", "text:hi", "error"));

        var outcome = await ForwardAsync(Request(WireFormat.OpenAIChat, model: "claude-test", stream: true));

        Assert.Equal(["StartStream", "AbortStream"], _sink.Calls);
        Assert.Equal(SseBody.Of("enc:start:served-model", "enc:text:hi", "enc:error:Overloaded"), _sink.StreamedBeforeAbort);
        Assert.Equal(FailureKind.Overloaded, outcome.Failure?.Kind);
    }

    [Fact]
    public async Task ForwardAsync_EventsAfterAnInStreamError_AreNotForwarded()
    {
        _openai.Respond = _ => SseBody.Stream(SseBody.Of("start", "text:hi", "error", "text:after", "end"));

        var outcome = await ForwardAsync(Request(WireFormat.OpenAIChat, stream: true));

        Assert.Equal(SseBody.Of("start", "text:hi", "enc:error:Overloaded"), _sink.Streamed());
        Assert.Equal(["StartStream", "AbortStream"], _sink.Calls);
        Assert.Equal(FailureKind.Overloaded, outcome.Failure?.Kind);
    }

    [Theory]
    [InlineData(WireFormat.OpenAIChat, "gpt-test")]
    [InlineData(WireFormat.OpenAIChat, "claude-test")]
    public async Task ForwardAsync_BodyEndsWithoutTerminalEventAfterCommit_WritesAnErrorFrameThenAborts(WireFormat frontDoor, string model)
    {
        var provider = model.StartsWith("gpt", StringComparison.Ordinal) ? _openai : _anthropic;
        provider.Respond = _ => SseBody.Stream(SseBody.Of("start", "text:hi"));

        var outcome = await ForwardAsync(Request(frontDoor, model: model, stream: true));

        Assert.Equal(["StartStream", "AbortStream"], _sink.Calls);
        Assert.EndsWith(SseBody.Of("enc:error:StreamBroken"), _sink.StreamedBeforeAbort, StringComparison.Ordinal);
        Assert.Equal(FailureKind.StreamBroken, outcome.Failure?.Kind);
    }

    [Fact]
    public async Task ForwardAsync_ConnectionBreaksAfterCommit_WritesAStreamBrokenFrameThenAborts()
    {
        _openai.Respond = _ => SseBody.From(new BreakingStream(Encoding.UTF8.GetBytes(SseBody.Of("start", "text:hi"))));

        var outcome = await ForwardAsync(Request(WireFormat.OpenAIChat, stream: true));

        Assert.Equal(["StartStream", "AbortStream"], _sink.Calls);
        Assert.Equal(SseBody.Of("start", "text:hi", "enc:error:StreamBroken"), _sink.StreamedBeforeAbort);
        var failure = Assert.IsType<Failure>(outcome.Failure);
        Assert.Equal(FailureKind.StreamBroken, failure.Kind);
        Assert.Equal("openai", failure.Provider);
        Assert.Contains("openai", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForwardAsync_ConnectionBreaksBeforeCommit_SendsStreamBrokenAsACleanFailure()
    {
        _openai.Respond = _ => SseBody.From(new BreakingStream(Encoding.UTF8.GetBytes(SseBody.Of("start"))));

        var outcome = await ForwardAsync(Request(WireFormat.OpenAIChat, stream: true));

        Assert.Equal(["SendFailure"], _sink.Calls);
        Assert.Equal(FailureKind.StreamBroken, _sink.SentFailure?.Kind);
        AssertSameFailure(_sink.SentFailure, outcome.Failure);
    }

    [Fact]
    public async Task ForwardAsync_SameFormatDropDisposition_IsNotForwarded()
    {
        _openai.Respond = _ => SseBody.Stream(SseBody.Of("start", "dup", "text:hi", "dup", "end"));

        await ForwardAsync(Request(WireFormat.OpenAIChat, stream: true));

        Assert.Equal(SseBody.Of("start", "text:hi", "end"), _sink.Streamed());
    }

    [Fact]
    public async Task ForwardAsync_SameFormatOpenAIUnrequestedUsageOnlyEvent_IsDroppedButStillReported()
    {
        _openai.Respond = _ => SseBody.Stream(SseBody.Of("start", "text:hi", "finish", "usage:7,9", "end"));

        var outcome = await ForwardAsync(Request(WireFormat.OpenAIChat, stream: true, includeUsage: false));

        Assert.Equal(SseBody.Of("start", "text:hi", "finish", "end"), _sink.Streamed());
        Assert.Equal(new TokenUsage(7, 9), outcome.Usage);
    }

    [Fact]
    public async Task ForwardAsync_SameFormatOpenAIRequestedUsage_IsForwarded()
    {
        var sse = SseBody.Of("start", "text:hi", "finish", "usage:7,9", "end");
        _openai.Respond = _ => SseBody.Stream(sse);

        var outcome = await ForwardAsync(Request(WireFormat.OpenAIChat, stream: true, includeUsage: true));

        Assert.Equal(sse, _sink.Streamed());
        Assert.Equal(new TokenUsage(7, 9), outcome.Usage);
    }

    [Fact]
    public async Task ForwardAsync_SameFormatAnthropicUsageOnlyEvent_IsForwardedWithItsEventName()
    {
        // Usage is forced (and its extra chunk dropped) only on OpenAI routes; Anthropic passthrough must stay intact.
        const string sse = "event: message_start\ndata: start\n\nevent: content_block_delta\ndata: text:hi\n\n"
            + "event: message_delta\ndata: usage:7,9\n\nevent: message_stop\ndata: end\n\n";
        _anthropic.Respond = _ => SseBody.Stream(sse);

        var outcome = await ForwardAsync(Request(WireFormat.AnthropicMessages, model: "claude-test", stream: true));

        Assert.Equal(sse, _sink.Streamed());
        Assert.Equal(new TokenUsage(7, 9), outcome.Usage);
    }

    [Fact]
    public async Task ForwardAsync_LaterUsageEvents_ReplaceEarlierOnes()
    {
        _openai.Respond = _ => SseBody.Stream(SseBody.Of("start", "usage:5,0", "text:hi", "finish+usage:5,8", "end"));

        var outcome = await ForwardAsync(Request(WireFormat.OpenAIChat, stream: true));

        Assert.Equal(new TokenUsage(5, 8), outcome.Usage);
    }

    [Fact]
    public async Task ForwardAsync_CallerAlreadyGone_ReturnsCancelledWithoutWritingAnything()
    {
        _openai.Respond = _ => SseBody.Stream(SseBody.Of("start", "text:hi", "end"));

        var outcome = await Forwarder().ForwardAsync(Request(WireFormat.OpenAIChat, stream: true), _sink, new CancellationToken(canceled: true));

        Assert.Equal(FailureKind.Cancelled, outcome.Failure?.Kind);
        Assert.Empty(_sink.Calls);
    }
}
