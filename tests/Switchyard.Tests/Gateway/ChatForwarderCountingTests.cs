using System.Text;
using System.Text.Json;
using Switchyard.Costs;
using Switchyard.Failures;
using Switchyard.Gateway;
using Switchyard.Providers;
using Switchyard.Providers.Anthropic;
using Switchyard.Providers.OpenAI;
using Switchyard.Resilience;
using Switchyard.Routing;
using Switchyard.Tests.Fakes;

namespace Switchyard.Tests.Gateway;

/// <summary><see cref="ChatForwarder.CountTokensAsync"/>: which target counts, with which body, and when the estimate answers.</summary>
public sealed class ChatForwarderCountingTests
{
    private const string Body = """{"model":"both","system":"Be brief.","messages":[{"role":"user","content":"How many tokens is this?"}]}""";

    private static readonly KeyValuePair<string, string>[] ClientHeaders = [new("anthropic-beta", "token-counting-2024-11-01")];

    private readonly FakeCountingProvider _anthropic = new("anthropic", AnthropicMessagesCodec.Instance);
    private readonly FakeCountingProvider _openai = new("openai", OpenAIResponsesCodec.Instance);
    private readonly ResilienceRegistry _resilience = new(new ResilienceOptions());

    private static readonly Route Both = new("both", [new RouteTarget("anthropic", "claude-haiku-4-5"), new RouteTarget("openai", "gpt-4o-mini")]) { Tier = "quick" };

    private ChatForwarder Forwarder(ResilienceRegistry? resilience = null)
    {
        var latency = new LatencyTracker();
        var tiers = new Dictionary<string, TimeoutTier> { ["quick"] = new("quick") { FirstToken = TimeSpan.FromMilliseconds(200) } };
        var routes = new RouteTable([Both], model => model.StartsWith("claude", StringComparison.Ordinal) ? "anthropic" : model.StartsWith("gpt", StringComparison.Ordinal) ? "openai" : null, tiers);
        return new ChatForwarder(routes, [_anthropic, _openai], latency, new RoutePlanner(latency, _ => null), resilience: resilience);
    }

    private static GatewayRequest Request(string body = Body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        return new GatewayRequest(AnthropicMessagesCodec.Instance, AnthropicMessagesCodec.Instance.ReadCountRequest(bytes).Value!, bytes) { ForwardedHeaders = ClientHeaders };
    }

    private Task<TokenCountOutcome> CountAsync(GatewayRequest request, ResilienceRegistry? resilience = null) =>
        Forwarder(resilience).CountTokensAsync(request, TestContext.Current.CancellationToken);

    private static JsonElement Sent(UpstreamRequest request) => JsonDocument.Parse(request.Body).RootElement.Clone();

    [Fact]
    public async Task CountTokensAsync_SameFormatTarget_SplicesTheTargetModelIntoTheRawBodyWithTheClientsHeaders()
    {
        var outcome = await CountAsync(Request());

        Assert.Equal(42, outcome.InputTokens);
        Assert.False(outcome.Estimated);
        Assert.Equal(("anthropic", "claude-haiku-4-5", "req_count"), (outcome.ServedBy!.Provider, outcome.ServedBy.Model, outcome.ServedBy.ProviderRequestId));
        var sent = Assert.Single(_anthropic.Requests);
        Assert.Equal(Body.Replace("\"both\"", "\"claude-haiku-4-5\"", StringComparison.Ordinal), Encoding.UTF8.GetString(sent.Body.Span));
        Assert.Equal(ClientHeaders, sent.ForwardedHeaders);
        Assert.Empty(_openai.Requests);
    }

    [Fact]
    public async Task CountTokensAsync_FirstTargetOverloaded_NextTargetCountsATranslatedBodyWithoutClientHeaders()
    {
        _anthropic.Respond = _ => FakeCountingProvider.Fail(FailureKind.Overloaded, 529);
        _openai.Respond = _ => FakeCountingProvider.Count(17);

        var outcome = await CountAsync(Request());

        Assert.Equal(17, outcome.InputTokens);
        Assert.Equal("openai", outcome.ServedBy!.Provider);
        Assert.Equal(2, outcome.ServedBy.Attempts);
        var sent = Assert.Single(_openai.Requests);
        Assert.Equal("gpt-4o-mini", Sent(sent).GetProperty("model").GetString());
        Assert.Equal("Be brief.", Sent(sent).GetProperty("instructions").GetString());
        Assert.Empty(sent.ForwardedHeaders);
    }

    [Fact]
    public async Task CountTokensAsync_EveryTargetFails_EstimatesWithTheFirstTargetsTokenizer()
    {
        _anthropic.Respond = _ => FakeCountingProvider.Fail(FailureKind.ServerError, 500);
        _openai.Respond = _ => FakeCountingProvider.Fail(FailureKind.RateLimited, 429);
        var request = Request();

        var outcome = await CountAsync(request);

        Assert.True(outcome.Estimated);
        Assert.Null(outcome.Failure);
        Assert.Equal(TokenEstimator.Instance.EstimateInputTokens(request.Request, "claude-haiku-4-5"), outcome.InputTokens);
        Assert.Equal([FailureKind.ServerError, FailureKind.RateLimited], outcome.Attempts.Select(a => a.Failure!.Kind));
    }

    [Fact]
    public async Task CountTokensAsync_SameFormatBodyRefused_ReturnsTheProvidersFailureWithoutFallingBack()
    {
        _anthropic.Respond = _ => FakeCountingProvider.Fail(FailureKind.InvalidRequest, 400);

        var outcome = await CountAsync(Request());

        Assert.Equal(FailureKind.InvalidRequest, outcome.Failure?.Kind);
        Assert.Null(outcome.InputTokens);
        Assert.Empty(_openai.Requests);
    }

    [Fact]
    public async Task CountTokensAsync_TranslatedBodyRefused_FallsBackToTheEstimate()
    {
        var request = Request(Body.Replace("\"both\"", "\"gpt-4o-mini\"", StringComparison.Ordinal));
        _openai.Respond = _ => FakeCountingProvider.Fail(FailureKind.InvalidRequest, 400);

        var outcome = await CountAsync(request);

        Assert.True(outcome.Estimated);
        Assert.Equal(TokenEstimator.Instance.EstimateInputTokens(request.Request, "gpt-4o-mini"), outcome.InputTokens);
    }

    [Fact]
    public async Task CountTokensAsync_ProviderSlowerThanTheTiersFirstToken_TimesOutAndFallsBack()
    {
        _anthropic.Delay = TimeSpan.FromSeconds(10);

        var outcome = await CountAsync(Request());

        Assert.Equal("openai", outcome.ServedBy?.Provider);
        Assert.Equal(FailureKind.FirstTokenTimeout, outcome.Attempts[0].Failure?.Kind);
    }

    [Fact]
    public async Task CountTokensAsync_OpenBreaker_SkipsTheTargetWithoutACallAndLeavesTheBreakerAlone()
    {
        var breaker = _resilience.BreakerFor(DeploymentKey.For(Both.Targets[0]), Both.Targets[0].Model);
        Assert.True(breaker.TryAcquire(out var permit));
        breaker.Report(permit, new Failure(FailureKind.Overloaded, "busy") { RetryAfter = TimeSpan.FromMinutes(5) });
        Assert.Equal(BreakerState.Open, breaker.State);
        _openai.Respond = _ => FakeCountingProvider.Fail(FailureKind.ServerError, 500);
        var openAIBreaker = _resilience.BreakerFor(DeploymentKey.For(Both.Targets[1]), Both.Targets[1].Model);

        var outcome = await CountAsync(Request(), _resilience);

        Assert.Empty(_anthropic.Requests);
        Assert.Equal(FailureKind.CircuitOpen, outcome.Attempts[0].Failure?.Kind);
        Assert.True(outcome.Estimated);
        // A count's failures are not the chat deployment's health.
        Assert.Equal((0L, 0L), (openAIBreaker.Snapshot().Calls, openAIBreaker.Snapshot().Failures));
    }

    [Fact]
    public async Task CountTokensAsync_UnknownModel_NotFoundWithoutACall()
    {
        var outcome = await CountAsync(Request(Body.Replace("\"both\"", "\"llama-3\"", StringComparison.Ordinal)));

        Assert.Equal(FailureKind.NotFound, outcome.Failure?.Kind);
        Assert.Empty(_anthropic.Requests);
        Assert.Empty(_openai.Requests);
    }

    [Fact]
    public async Task CountTokensAsync_ChatFrontDoor_Throws()
    {
        var request = Request() with { FrontDoor = OpenAIChatCodec.Instance };

        await Assert.ThrowsAsync<ArgumentException>(() => CountAsync(request));
    }
}
