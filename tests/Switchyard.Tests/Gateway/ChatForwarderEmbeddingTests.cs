using System.Text;
using Switchyard.Failures;
using Switchyard.Gateway;
using Switchyard.Providers;
using Switchyard.Providers.OpenAI;
using Switchyard.Resilience;
using Switchyard.Routing;
using Switchyard.Tests.Fakes;

namespace Switchyard.Tests.Gateway;

/// <summary><see cref="ChatForwarder.ForwardAsync"/> with an embeddings request: which targets serve, with which body, and what falls back.</summary>
public sealed class ChatForwarderEmbeddingTests
{
    private const string Body = """{"model":"vectors", "input":["one","two"],"encoding_format":"base64","x_unknown":{"a": 1}}""";

    private readonly FakeEmbeddingProvider _openai = new("openai");
    private readonly FakeEmbeddingProvider _responses = new("openai-responses");
    private readonly FakeChatProvider _anthropic = new("anthropic", WireFormat.AnthropicMessages);
    private readonly ResilienceRegistry _resilience = new(new ResilienceOptions());

    private static readonly Route Vectors = new("vectors", [new RouteTarget("anthropic", "claude-haiku-4-5"), new RouteTarget("openai", "text-embedding-3-small"), new RouteTarget("openai-responses", "text-embedding-3-small")]);

    private static readonly Route ClaudeOnly = new("claude-only", [new RouteTarget("anthropic", "claude-haiku-4-5")]);

    private ChatForwarder Forwarder(ResilienceRegistry? resilience = null)
    {
        var latency = new LatencyTracker();
        var routes = new RouteTable([Vectors, ClaudeOnly], model => model.StartsWith("text-embedding", StringComparison.Ordinal) ? "openai" : null, defaultFallback: [new RouteTarget("openai", "gpt-4o-mini")]);
        return new ChatForwarder(routes, [_anthropic, _openai, _responses], latency, new RoutePlanner(latency, _ => null), resilience: resilience);
    }

    private static GatewayRequest Request(string body = Body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        return GatewayRequest.ForEmbeddings(OpenAIChatCodec.Instance, OpenAIChatCodec.Instance.ReadEmbeddingRequest(bytes).Value!, bytes);
    }

    private async Task<(ForwardOutcome Outcome, RecordingSink Sink)> EmbedAsync(GatewayRequest request, ResilienceRegistry? resilience = null)
    {
        var sink = new RecordingSink();
        var outcome = await Forwarder(resilience).ForwardAsync(request, sink, TestContext.Current.CancellationToken);
        return (outcome, sink);
    }

    [Fact]
    public async Task ForwardAsync_Embeddings_SkipsAnthropic_SplicesTheModelIntoTheRawBody_PassesTheAnswerThrough()
    {
        var answer = FakeEmbeddingProvider.Vectors(2, promptTokens: 11);
        _openai.Respond = _ => FakeEmbeddingProvider.Answer(answer);

        var (outcome, sink) = await EmbedAsync(Request());

        Assert.Null(outcome.Failure);
        Assert.Empty(_anthropic.Requests);
        Assert.Equal(Body.Replace("\"vectors\"", "\"text-embedding-3-small\"", StringComparison.Ordinal), Encoding.UTF8.GetString(Assert.Single(_openai.Requests).Body.Span));
        Assert.Equal(answer, Encoding.UTF8.GetString(sink.ResponseBody!.Value.Span));
        Assert.Equal(("openai", "text-embedding-3-small", 1), (sink.ServedBy!.Provider, sink.ServedBy.Model, sink.ServedBy.Attempts));
        Assert.Equal((11, 0), (outcome.Usage!.Value.InputTokens, outcome.Usage.Value.OutputTokens));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"object":"list","data":[{"index":0,"embedding":[1]}],"usage":{"prompt_tokens":3}}""")]
    [InlineData("""{"object":"list","data":[{"index":0},{"index":1}]}""")]
    [InlineData("""{"error":{"message":"surprise"}}""")]
    public async Task ForwardAsync_Embeddings_AnswerThatIsNotOneEmbeddingPerInput_FallsBackToTheNextTarget(string unreadable)
    {
        _openai.Respond = _ => FakeEmbeddingProvider.Answer(unreadable);

        var (outcome, sink) = await EmbedAsync(Request());

        Assert.Null(outcome.Failure);
        Assert.Equal("openai-responses", sink.ServedBy!.Provider);
        Assert.Equal(FailureKind.ServerError, outcome.Attempts[0].Failure?.Kind);
    }

    [Fact]
    public async Task ForwardAsync_Embeddings_ProviderRefusesTheCallersBody_FailsFastWithItsError()
    {
        _openai.Respond = _ => FakeEmbeddingProvider.Fail(FailureKind.InvalidRequest, 400);

        var (outcome, sink) = await EmbedAsync(Request());

        Assert.Equal(FailureKind.InvalidRequest, sink.SentFailure?.Kind);
        Assert.Empty(_responses.Requests);
        Assert.Single(outcome.Attempts);
    }

    [Fact]
    public async Task ForwardAsync_Embeddings_FailuresAndSuccessesReportedToTheEmbeddingModelsBreaker()
    {
        _openai.Respond = _ => FakeEmbeddingProvider.Fail(FailureKind.ServerError, 500);

        var (outcome, _) = await EmbedAsync(Request(), _resilience);

        Assert.Null(outcome.Failure);
        var failed = _resilience.BreakerFor(DeploymentKey.For(Vectors.Targets[1]), "text-embedding-3-small").Snapshot();
        var served = _resilience.BreakerFor(DeploymentKey.For(Vectors.Targets[2]), "text-embedding-3-small").Snapshot();
        Assert.Equal((1L, 1L), (failed.Calls, failed.Failures));
        Assert.Equal((1L, 0L), (served.Calls, served.Failures));
    }

    [Fact]
    public async Task ForwardAsync_Embeddings_OpenBreaker_SkipsTheTargetWithoutACall()
    {
        var breaker = _resilience.BreakerFor(DeploymentKey.For(Vectors.Targets[1]), "text-embedding-3-small");
        Assert.True(breaker.TryAcquire(out var permit));
        breaker.Report(permit, new Failure(FailureKind.Overloaded, "busy") { RetryAfter = TimeSpan.FromMinutes(5) });

        var (outcome, sink) = await EmbedAsync(Request(), _resilience);

        Assert.Null(outcome.Failure);
        Assert.Empty(_openai.Requests);
        Assert.Equal("openai-responses", sink.ServedBy!.Provider);
        Assert.Equal(FailureKind.CircuitOpen, outcome.Attempts[0].Failure?.Kind);
    }

    [Fact]
    public async Task ForwardAsync_Embeddings_NoTargetHasAnEmbeddingsApi_InvalidRequestNamingWhyWithoutACall()
    {
        var (outcome, sink) = await EmbedAsync(Request(Body.Replace("\"vectors\"", "\"claude-only\"", StringComparison.Ordinal)));

        Assert.Equal(FailureKind.InvalidRequest, outcome.Failure?.Kind);
        Assert.Equal("model", sink.SentFailure!.Param);
        Assert.Contains("anthropic/claude-haiku-4-5: anthropic has no embeddings API", sink.SentFailure.Message, StringComparison.Ordinal);
        Assert.Empty(_anthropic.Requests);
    }

    [Fact]
    public async Task ForwardAsync_Embeddings_PlainModel_OnlyItsOwnTarget_NotTheChatDefaultFallback()
    {
        _openai.Respond = _ => FakeEmbeddingProvider.Fail(FailureKind.Overloaded, 503);

        var (outcome, _) = await EmbedAsync(Request(Body.Replace("\"vectors\"", "\"text-embedding-3-large\"", StringComparison.Ordinal)));

        Assert.Equal(FailureKind.Overloaded, outcome.Failure?.Kind);
        // A one-target route retries once; gpt-4o-mini (the chat default fallback) is never asked for vectors.
        Assert.All(_openai.Requests, r => Assert.Contains("text-embedding-3-large", Encoding.UTF8.GetString(r.Body.Span), StringComparison.Ordinal));
        Assert.Equal(2, _openai.Requests.Count);
    }
}
