using System.Text;
using Switchyard.Failures;
using Switchyard.Gateway;
using Switchyard.Model;
using Switchyard.Providers;
using Switchyard.Routing;
using Switchyard.Tests.Fakes;

namespace Switchyard.Tests.Gateway;

public sealed partial class ChatForwarderTests
{
    private static readonly KeyValuePair<string, string>[] ClientHeaders = [new("anthropic-beta", "tools-2024")];

    private readonly FakeChatProvider _openai = new("openai", WireFormat.OpenAIChat);
    private readonly FakeChatProvider _anthropic = new("anthropic", WireFormat.AnthropicMessages);
    private readonly RecordingSink _sink = new();

    private ChatForwarder Forwarder()
    {
        var resolver = new ModelResolver([_openai, _anthropic]);
        var latency = new LatencyTracker();
        // Continuation is covered end to end against the simulator; here a break after commit must end the stream.
        return new(new RouteTable([], model => resolver.Resolve(model)?.Name), [_openai, _anthropic], latency, new RoutePlanner(latency, _ => null), recovery: new StreamRecovery(null, MaxContinuations: 0));
    }

    private static GatewayRequest Request(
        WireFormat frontDoor,
        string model = "gpt-test",
        bool stream = false,
        bool includeUsage = false,
        string? rawBody = null) =>
        new(
            new FakeWireCodec(frontDoor),
            new ChatRequest { Model = model, Messages = [ChatMessage.FromText(ChatRole.User, "hi")], Stream = stream, IncludeUsage = includeUsage },
            Encoding.UTF8.GetBytes(rawBody ?? $$"""{"model":"{{model}}","stream":{{(stream ? "true" : "false")}}}"""))
        {
            ForwardedHeaders = ClientHeaders,
        };

    private Task<ForwardOutcome> ForwardAsync(GatewayRequest request) =>
        Forwarder().ForwardAsync(request, _sink, TestContext.Current.CancellationToken);

    private static string Text(ReadOnlyMemory<byte> bytes) => Encoding.UTF8.GetString(bytes.Span);

    // The forwarder adds the attempt list to the failure it reports (and a one-target route retries a retryable
    // failure once), so compare what the caller sees of it: the kind, the status and the provider's message.
    private static void AssertSameFailure(Failure? expected, Failure? actual)
    {
        Assert.NotNull(expected);
        Assert.NotNull(actual);
        Assert.Equal((expected.Kind, expected.ProviderStatus), (actual.Kind, actual.ProviderStatus));
        Assert.Contains(expected.Message, actual.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForwardAsync_UnknownModel_SendsNotFoundWithoutCallingAProvider()
    {
        var outcome = await ForwardAsync(Request(WireFormat.OpenAIChat, model: "llama-3-70b"));

        Assert.Equal(["SendFailure"], _sink.Calls);
        Assert.Equal(FailureKind.NotFound, _sink.SentFailure?.Kind);
        Assert.Equal("model", _sink.SentFailure?.Param);
        Assert.Contains("llama-3-70b", _sink.SentFailure?.Message, StringComparison.Ordinal);
        Assert.Null(_sink.ServedBy);
        Assert.Empty(_openai.Requests);
        Assert.Empty(_anthropic.Requests);
        Assert.Equal(new ForwardOutcome(null, _sink.SentFailure, null), outcome);
    }

    [Fact]
    public async Task ForwardAsync_ProviderFails_SendsItsFailureWithWhoServedIt()
    {
        var failure = new Failure(FailureKind.RateLimited, "slow down") { ProviderStatus = 429, Provider = "openai" };
        _openai.Respond = _ => UpstreamResponse.Failed(failure, requestId: "req_9");

        var outcome = await ForwardAsync(Request(WireFormat.OpenAIChat));

        Assert.Equal(["SendFailure"], _sink.Calls);
        AssertSameFailure(failure, _sink.SentFailure);
        // One target, a retryable failure: retried once (a last resort), then reported with both attempts.
        Assert.Equal(new ServedBy("openai", "gpt-test", "req_9", 2) { Route = "gpt-test" }, _sink.ServedBy);
        Assert.Equal(2, outcome.Attempts.Count);
        AssertSameFailure(failure, outcome.Failure);
        Assert.Null(outcome.Usage);
    }

    [Fact]
    public async Task ForwardAsync_StreamingRequestProviderFails_SendsFailureAndNeverStartsAStream()
    {
        var failure = new Failure(FailureKind.Overloaded, "busy");
        _openai.Respond = _ => UpstreamResponse.Failed(failure);

        var outcome = await ForwardAsync(Request(WireFormat.OpenAIChat, stream: true));

        Assert.Equal(["SendFailure"], _sink.Calls);
        AssertSameFailure(failure, outcome.Failure);
    }

    [Fact]
    public async Task ForwardAsync_SameFormatNonStream_ForwardsTheRawBytesUnchanged()
    {
        var body = "model=gpt-test-2025;in=3;out=5;unknown=kept as is"u8.ToArray();
        _openai.Respond = _ => SseBody.Body(body);

        var outcome = await ForwardAsync(Request(WireFormat.OpenAIChat));

        Assert.Equal(["SendResponse"], _sink.Calls);
        Assert.Equal(body, _sink.ResponseBody?.ToArray());
        Assert.Equal(new ServedBy("openai", "gpt-test-2025", "req_up", 1) { Route = "gpt-test" }, _sink.ServedBy);
        Assert.Equal((_sink.ServedBy, (Failure?)null, (TokenUsage?)new TokenUsage(3, 5)), (outcome.ServedBy, outcome.Failure, outcome.Usage));
    }

    [Fact]
    public async Task ForwardAsync_CrossFormatNonStream_TranslatesTheResponse()
    {
        _anthropic.Respond = _ => SseBody.Body("model=claude-test-1;in=1;out=2"u8.ToArray());

        var outcome = await ForwardAsync(Request(WireFormat.OpenAIChat, model: "claude-test"));

        Assert.Equal("translated:claude-test-1:hello", Text(_sink.ResponseBody!.Value));
        Assert.Equal("claude-test-1", outcome.ServedBy?.Model);
        Assert.Equal(new TokenUsage(1, 2), outcome.Usage);
    }

    [Fact]
    public async Task ForwardAsync_CrossFormat_WritesTheRequestWithTheProviderCodecAndForwardsNoHeaders()
    {
        _anthropic.Respond = _ => SseBody.Body("model=claude-test"u8.ToArray());

        await ForwardAsync(Request(WireFormat.OpenAIChat, model: "claude-test"));

        var sent = Assert.Single(_anthropic.Requests);
        Assert.Equal("written:claude-test:False", Text(sent.Body));
        Assert.False(sent.Stream);
        Assert.Empty(sent.ForwardedHeaders);
    }

    [Fact]
    public async Task ForwardAsync_SameFormatNonStream_SendsTheRawBodyAndForwardsHeaders()
    {
        const string raw = """{ "model" : "gpt-test", "x_unknown": [1.50] }""";
        _openai.Respond = _ => SseBody.Body("model=gpt-test"u8.ToArray());

        await ForwardAsync(Request(WireFormat.OpenAIChat, rawBody: raw));

        var sent = Assert.Single(_openai.Requests);
        Assert.Equal(raw, Text(sent.Body));
        Assert.Equal(ClientHeaders, sent.ForwardedHeaders);
    }

    [Fact]
    public async Task ForwardAsync_SameFormatOpenAIStream_ForcesIncludeUsageUpstream()
    {
        _openai.Respond = _ => SseBody.Stream(SseBody.Of("start", "text:hi", "end"));

        await ForwardAsync(Request(WireFormat.OpenAIChat, stream: true, rawBody: """{"model":"gpt-test","stream":true}"""));

        var sent = Assert.Single(_openai.Requests);
        Assert.True(sent.Stream);
        Assert.Equal("""{"stream_options":{"include_usage":true},"model":"gpt-test","stream":true}""", Text(sent.Body));
    }

    [Fact]
    public async Task ForwardAsync_SameFormatAnthropicStream_LeavesTheBodyAlone()
    {
        const string raw = """{"model":"claude-test","stream":true}""";
        _anthropic.Respond = _ => SseBody.Stream(SseBody.Of("start", "text:hi", "end"));

        await ForwardAsync(Request(WireFormat.AnthropicMessages, model: "claude-test", stream: true, rawBody: raw));

        Assert.Equal(raw, Text(Assert.Single(_anthropic.Requests).Body));
    }

    [Fact]
    public async Task ForwardAsync_UnreadableResponse_SendsServerErrorNamingTheProvider()
    {
        _openai.Respond = _ => SseBody.Body("<html>bad gateway</html>"u8.ToArray(), requestId: "req_7");

        var outcome = await ForwardAsync(Request(WireFormat.OpenAIChat));

        Assert.Equal(["SendFailure"], _sink.Calls);
        var failure = Assert.IsType<Failure>(outcome.Failure);
        Assert.Equal(FailureKind.ServerError, failure.Kind);
        Assert.Equal("openai", failure.Provider);
        Assert.Equal("req_7", failure.ProviderRequestId);
        AssertSameFailure(failure, _sink.SentFailure);
    }

    [Fact]
    public async Task ForwardAsync_BodyBreaksWhileReading_SendsServerError()
    {
        _openai.Respond = _ => SseBody.From(new BreakingStream("model=gp"u8.ToArray()));

        var outcome = await ForwardAsync(Request(WireFormat.OpenAIChat));

        Assert.Equal(["SendFailure"], _sink.Calls);
        Assert.Equal(FailureKind.ServerError, outcome.Failure?.Kind);
        Assert.Equal("openai", outcome.Failure?.Provider);
    }

    [Fact]
    public async Task ForwardAsync_NullArguments_Throw()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => Forwarder().ForwardAsync(null!, _sink, TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<ArgumentNullException>(() => Forwarder().ForwardAsync(Request(WireFormat.OpenAIChat), null!, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Constructor_NullResolver_Throws()
    {
        var latency = new LatencyTracker();
        Assert.Throws<ArgumentNullException>(() => new ChatForwarder(null!, [], latency, new RoutePlanner(latency, _ => null)));
    }
}
