using System.Text;
using Switchyard.Failures;
using Switchyard.Gateway;
using Switchyard.Model;
using Switchyard.Providers;
using Switchyard.Resilience;
using Switchyard.Routing;
using Switchyard.Tests.Fakes;

namespace Switchyard.Tests.Gateway;

public sealed class ChatForwarderHedgingTests
{
    private readonly FakeChatProvider _openai = new("openai", WireFormat.OpenAIChat);
    private readonly FakeChatProvider _anthropic = new("anthropic", WireFormat.AnthropicMessages);
    private readonly RecordingSink _sink = new();

    [Fact]
    public async Task ForwardAsync_HedgeRefusedByTheRetryBudget_KeepsTheSecondTargetAsTheFallback()
    {
        // No retry budget at all: the hedge may not start, but the secondary must still serve when the primary fails.
        var resilience = new ResilienceRegistry(new ResilienceOptions { RetryBudget = new RetryBudgetOptions { Ratio = 0, MinRetriesPerSecond = 0 } });
        var route = new Route("hedged", [new RouteTarget("openai", "gpt-a"), new RouteTarget("anthropic", "claude-b")]) { HedgeAfter = TimeSpan.FromMilliseconds(20) };
        var latency = new LatencyTracker();
        var forwarder = new ChatForwarder(new RouteTable([route], _ => null), [_openai, _anthropic], latency, new RoutePlanner(latency, _ => null), resilience: resilience);
        _openai.Delay = TimeSpan.FromMilliseconds(200);
        _openai.Respond = _ => UpstreamResponse.Failed(new Failure(FailureKind.Overloaded, "busy") { ProviderStatus = 529 });
        _anthropic.Respond = _ => SseBody.Body("model=claude-b;in=1;out=2"u8.ToArray());

        var outcome = await forwarder.ForwardAsync(
            new GatewayRequest(new FakeWireCodec(WireFormat.AnthropicMessages), new ChatRequest { Model = "hedged", Messages = [ChatMessage.FromText(ChatRole.User, "hi")] }, Encoding.UTF8.GetBytes("""{"model":"hedged"}""")),
            _sink,
            TestContext.Current.CancellationToken);

        Assert.Null(outcome.Failure);
        Assert.Equal("anthropic", outcome.ServedBy?.Provider);
        Assert.Single(_anthropic.Requests);
        Assert.DoesNotContain(outcome.Attempts, a => a.Hedge);
    }
}
