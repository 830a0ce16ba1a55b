using System.Net;
using Microsoft.Extensions.Logging;
using Switchyard.EndToEnd.Tests.Routing;

namespace Switchyard.EndToEnd.Tests.Observability;

/// <summary>
/// Logs at Debug while real requests run (both doors, streamed and not, one failing over, one failing outright): no
/// prompt or answer text and no key appears above Trace, and every request's log lines carry its request id.
/// </summary>
public sealed class RequestLoggingTests(RequestLoggingTests.Harness harness) : IClassFixture<RequestLoggingTests.Harness>
{
    private const string Probe = "logging-probe";

    // Unusual words that can only reach a log line from the prompt (or the answer that echoes it).
    private const string Secret = "Quokka Zephyrine Marmalade";

    public sealed class Harness : RoutingHarness
    {
        public CapturingLoggerProvider Capture { get; } = new();

        protected override LogLevel MinimumLogLevel => LogLevel.Debug;

        protected override IReadOnlyList<ILoggerProvider> LoggerProviders => [Capture];

        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() => Route(Probe, PrimaryModel, SecondaryModel);
    }

    [Fact]
    public async Task Requests_AtDebugLevel_LogNoPromptTextAndCarryTheRequestId()
    {
        var ct = TestContext.Current.CancellationToken;
        await harness.ResetSimulatorAsync();
        var ids = new List<string>();

        using (var plain = await harness.PostChatAsync(RoutingHarness.ChatBody(Probe, text: $"Tell me about {Secret}.")))
        {
            Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
            ids.Add(RoutingHarness.Header(plain, "x-request-id")!);
        }

        using (var streamed = await harness.PostChatAsync(RoutingHarness.ChatBody(Probe, stream: true, text: $"Stream about {Secret}.")))
        {
            Assert.Equal(HttpStatusCode.OK, streamed.StatusCode);
            await streamed.Content.ReadAsStringAsync(ct);
            ids.Add(RoutingHarness.Header(streamed, "x-request-id")!);
        }

        var anthropicBody = $$"""{"model":"{{Probe}}","max_tokens":50,"messages":[{"role":"user","content":"Explain {{Secret}}."}]}""";
        using (var anthropic = await harness.PostAsync("/v1/messages", anthropicBody, anthropicHeaders: true))
        {
            Assert.Equal(HttpStatusCode.OK, anthropic.StatusCode);
            await anthropic.Content.ReadAsStringAsync(ct);
            ids.Add(RoutingHarness.Header(anthropic, "request-id")!);
        }

        await harness.SetScenarioAsync("""{"rules":[{"fault":{"kind":"status","status":500}}]}""");
        using (var failed = await harness.PostChatAsync(RoutingHarness.ChatBody(Probe, text: $"Fail about {Secret}.")))
        {
            Assert.Equal(HttpStatusCode.BadGateway, failed.StatusCode);
            ids.Add(RoutingHarness.Header(failed, "x-request-id")!);
        }

        await harness.ResetSimulatorAsync();

        // The request log line is written as the response ends; wait for all of them.
        var requestLines = new List<CapturingLoggerProvider.Entry>();
        for (var i = 0; i < 50 && requestLines.Count < ids.Count; i++)
        {
            await Task.Delay(100, ct);
            requestLines = harness.Capture.Entries.Where(e => e.Category.EndsWith("ChatEndpoint", StringComparison.Ordinal) && ids.Contains(e.ScopeValue("RequestId") ?? "")).ToList();
        }

        Assert.Equal(ids.Order(), requestLines.Select(e => e.ScopeValue("RequestId")!).Order());

        var entries = harness.Capture.Entries.ToList();
        Assert.Contains(entries, e => e.Level == LogLevel.Debug);
        Assert.DoesNotContain(entries, e => e.Level > LogLevel.Trace && (e.AllText.Contains("Zephyrine", StringComparison.Ordinal) || e.AllText.Contains("Quokka", StringComparison.Ordinal)));
        Assert.DoesNotContain(entries, e => e.AllText.Contains(RoutingHarness.Key, StringComparison.Ordinal) || e.AllText.Contains("sk-sim-", StringComparison.Ordinal));

        // Every Switchyard line logged while one of these requests ran carries that request's id.
        Assert.All(
            entries.Where(e => e.Category.StartsWith("Switchyard", StringComparison.Ordinal) && e.Scope.Any(p => p.Key == "RequestPath")),
            e => Assert.StartsWith("req_sy_", e.ScopeValue("RequestId"), StringComparison.Ordinal));
    }
}
