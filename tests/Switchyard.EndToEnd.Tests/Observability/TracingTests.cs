using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Switchyard.EndToEnd.Tests.Routing;
using Switchyard.Gateway;

namespace Switchyard.EndToEnd.Tests.Observability;

/// <summary>
/// The <c>Switchyard.Gateway</c> activity source: one request span per request and one client span per upstream attempt
/// beneath it. The listener is process-wide, so spans are picked out by this class's route name.
/// </summary>
public sealed class TracingTests : IClassFixture<TracingTests.Harness>, IDisposable
{
    private const string Probe = "trace-probe";
    private const string CacheProbe = "trace-cache-probe";
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;

    public sealed class Harness : RoutingHarness
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() => [.. Route(Probe, PrimaryModel, SecondaryModel), .. Route(CacheProbe, "claude-sonnet-4-5")];
    }

    private readonly Harness _harness;

    public TracingTests(Harness harness)
    {
        _harness = harness;
        _listener = Listen(_stopped);
    }

    public void Dispose() => _listener.Dispose();

    [Fact]
    public async Task Request_PromptCacheUsed_SpansCarryTheCacheReadAndWrite()
    {
        // About 2,400 tokens, over claude-sonnet-4-5's 1,024-token minimum; the gateway marks it for an OpenAI client.
        var system = string.Concat(Enumerable.Repeat("The gateway keeps answers flowing when a provider fails. ", 240));
        var body = System.Text.Json.JsonSerializer.Serialize(new { model = CacheProbe, max_tokens = 50, messages = new object[] { new { role = "system", content = system }, new { role = "user", content = "Hi" } } });
        for (var i = 0; i < 2; i++)
        {
            using var response = await _harness.PostChatAsync(body);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var spans = await WaitForAllAsync(a => a.DisplayName == "chat " + CacheProbe && a.Kind == ActivityKind.Internal, 2);
        var (first, second) = (spans[0], spans[1]);
        Assert.True(first.GetTagItem("gen_ai.usage.cache_creation.input_tokens") is int written && written > 2000);
        Assert.Null(first.GetTagItem("gen_ai.usage.cache_read.input_tokens"));
        Assert.Equal(first.GetTagItem("gen_ai.usage.cache_creation.input_tokens"), second.GetTagItem("gen_ai.usage.cache_read.input_tokens"));
        Assert.Null(second.GetTagItem("gen_ai.usage.cache_creation.input_tokens"));
    }

    [Fact]
    public async Task Request_PrimaryFailsOver_OneRequestSpanWithAnAttemptSpanPerTarget()
    {
        await _harness.ResetSimulatorAsync();
        await _harness.SetScenarioAsync("""{"rules":[{"provider":"openai","count":1,"fault":{"kind":"status","status":500}}]}""");
        using var response = await _harness.PostChatAsync(RoutingHarness.ChatBody(Probe, text: "Tell me about signals."));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var request = await WaitForAsync(a => a.DisplayName == "chat " + Probe && a.Kind == ActivityKind.Internal);
        Assert.Equal("chat", request.GetTagItem("gen_ai.operation.name"));
        Assert.Equal(Probe, request.GetTagItem("gen_ai.request.model"));
        Assert.Equal(Probe, request.GetTagItem("switchyard.route"));
        Assert.Equal("anthropic", request.GetTagItem("gen_ai.provider.name"));
        Assert.Equal("ok", request.GetTagItem("switchyard.outcome"));
        Assert.Equal(2, request.GetTagItem("switchyard.attempts"));
        Assert.Equal("acme", request.GetTagItem("switchyard.tenant"));
        Assert.True(request.GetTagItem("gen_ai.usage.output_tokens") is int output && output > 0);
        Assert.Equal(ActivityStatusCode.Unset, request.Status);

        var attempts = _stopped.Where(a => a.ParentSpanId == request.SpanId && a.Source.Name == GatewayTelemetry.ActivitySourceName).OrderBy(a => a.StartTimeUtc).ToList();
        Assert.Equal(2, attempts.Count);
        Assert.All(attempts, a =>
        {
            Assert.Equal(ActivityKind.Client, a.Kind);
            Assert.Equal(request.TraceId, a.TraceId);
            Assert.Equal("chat", a.GetTagItem("gen_ai.operation.name"));
            Assert.Equal(false, a.GetTagItem("switchyard.hedge"));
            Assert.Equal(false, a.GetTagItem("switchyard.continuation"));
        });

        var (failed, served) = (attempts[0], attempts[1]);
        Assert.Equal("chat " + RoutingHarness.PrimaryModel, failed.DisplayName);
        Assert.Equal("openai", failed.GetTagItem("gen_ai.provider.name"));
        Assert.Equal(RoutingHarness.PrimaryModel, failed.GetTagItem("gen_ai.request.model"));
        Assert.Equal("ServerError", failed.GetTagItem("error.type"));
        Assert.Equal(500, failed.GetTagItem("http.response.status_code"));
        Assert.Equal(ActivityStatusCode.Error, failed.Status);

        Assert.Equal("chat " + RoutingHarness.SecondaryModel, served.DisplayName);
        Assert.Equal("anthropic", served.GetTagItem("gen_ai.provider.name"));
        Assert.Equal("ok", served.GetTagItem("switchyard.outcome"));
        Assert.NotNull(served.GetTagItem("gen_ai.response.model"));
        Assert.Equal(ActivityStatusCode.Unset, served.Status);

        // Spans carry no prompt text.
        Assert.DoesNotContain(attempts.Append(request).SelectMany(a => a.TagObjects), t => t.Value is string s && s.Contains("signals", StringComparison.Ordinal));
    }

    private static ActivityListener Listen(ConcurrentQueue<Activity> stopped)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == GatewayTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    private async Task<Activity> WaitForAsync(Func<Activity, bool> match)
    {
        for (var i = 0; i < 50; i++)
        {
            if (_stopped.FirstOrDefault(match) is { } found)
            {
                return found;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.Fail("The request span never stopped.");
        return null!;
    }

    private async Task<IReadOnlyList<Activity>> WaitForAllAsync(Func<Activity, bool> match, int count)
    {
        for (var i = 0; i < 50; i++)
        {
            if (_stopped.Where(match).OrderBy(a => a.StartTimeUtc).ToList() is { } found && found.Count >= count)
            {
                return found;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.Fail($"Fewer than {count} request spans stopped.");
        return null!;
    }
}
