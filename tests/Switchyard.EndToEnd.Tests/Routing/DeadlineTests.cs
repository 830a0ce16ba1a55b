using System.Text.Json;
using System.Diagnostics;
using System.Net;

namespace Switchyard.EndToEnd.Tests.Routing;

/// <summary>
/// One deadline shared by every attempt: when the primary stalls, the fallback gets only what is left, and the request
/// ends by the deadline whatever the targets do — with the fallback's answer when it is fast, else a 504 that lists both
/// attempts. The deadline comes from the route's tier or from <c>x-switchyard-deadline-ms</c>. A tier's answer timeout
/// bounds each non-streaming attempt on its own, so a stalled primary leaves the fallback the rest.
/// </summary>
public sealed class DeadlineTests(DeadlineTests.Harness harness) : IClassFixture<DeadlineTests.Harness>, IAsyncLifetime
{
    private static readonly TimeSpan Slack = TimeSpan.FromMilliseconds(600);

    public sealed class Harness : RoutingHarness, IAsyncLifetime
    {
        /// <summary>
        /// Starts the gateway, then serves one stream from each provider through the OpenAI door: these tests time attempts
        /// to a few hundred milliseconds, and a fresh process's first cross-format stream (JIT, connection set-up) on a
        /// machine busy starting every other test class can take longer than that.
        /// </summary>
        public new async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            foreach (var model in new[] { PrimaryModel, SecondaryModel })
            {
                using var warm = await PostChatAsync(ChatBody(model, stream: true));
                warm.EnsureSuccessStatusCode();
            }
        }

        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
        [
            // Two seconds in all, at most one to the first token: a stalled primary leaves the fallback about one second.
            Setting("Switchyard:TimeoutTiers:two-seconds:FirstTokenMs", "1000"),
            Setting("Switchyard:TimeoutTiers:two-seconds:TotalMs", "2000"),
            Setting("Switchyard:TimeoutTiers:one-second-first-token:FirstTokenMs", "1000"),
            .. Route("tier-deadline", PrimaryModel, SecondaryModel),
            Setting("Switchyard:Routes:tier-deadline:Tier", "two-seconds"),
            .. Route("header-deadline", PrimaryModel, SecondaryModel),
            Setting("Switchyard:Routes:header-deadline:Tier", "one-second-first-token"),
            .. Route("standard", PrimaryModel, SecondaryModel),
            // Three seconds in all, at most one for a non-streaming answer: a stalled primary leaves the fallback two.
            Setting("Switchyard:TimeoutTiers:one-second-answer:AnswerMs", "1000"),
            Setting("Switchyard:TimeoutTiers:one-second-answer:TotalMs", "3000"),
            .. Route("answer-timeout", PrimaryModel, SecondaryModel),
            Setting("Switchyard:Routes:answer-timeout:Tier", "one-second-answer"),
        ];
    }

    public static TheoryData<string, bool> Deadlines => new()
    {
        { "tier-deadline", false },
        { "header-deadline", true },
    };

    public ValueTask InitializeAsync() => new(harness.ResetSimulatorAsync());

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Theory]
    [MemberData(nameof(Deadlines))]
    public async Task Stream_PrimaryStallsAndFallbackIsFast_FallbackServesWithinTheDeadline(string route, bool header)
    {
        await harness.SetScenarioAsync("""{"rules":[{"provider":"openai","fault":{"kind":"stall","afterEvents":0,"seconds":10}}]}""");
        var clock = Stopwatch.StartNew();

        using var response = await Send(route, header, stream: true);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        clock.Stop();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("anthropic", RoutingHarness.Header(response, "x-switchyard-provider"));
        Assert.Contains("[DONE]", body, StringComparison.Ordinal);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(900), TimeSpan.FromSeconds(2) + Slack);
    }

    [Theory]
    [MemberData(nameof(Deadlines))]
    public async Task Stream_BothTargetsStall_EndsAtTheDeadlineWith504ListingBothAttempts(string route, bool header)
    {
        await harness.SetScenarioAsync("""{"rules":[{"fault":{"kind":"stall","afterEvents":0,"seconds":10}}]}""");
        var clock = Stopwatch.StartNew();

        using var response = await Send(route, header, stream: true);
        var error = await RoutingHarness.ErrorOfAsync(response);
        clock.Stop();

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Equal("deadline_exceeded", error.GetProperty("code").GetString());
        var attempts = error.GetProperty("attempts").EnumerateArray().ToList();
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(1900), TimeSpan.FromSeconds(2) + Slack);
        Assert.Equal(2, attempts.Count);
        Assert.Equal(("openai", "FirstTokenTimeout"), (attempts[0].GetProperty("provider").GetString(), attempts[0].GetProperty("failure").GetString()));
        Assert.Equal(("anthropic", "DeadlineExceeded"), (attempts[1].GetProperty("provider").GetString(), attempts[1].GetProperty("failure").GetString()));
        // The fallback ran on the remainder (about one second), not on a fresh first-token budget of its own: it ended at
        // the deadline (DeadlineExceeded above), within what the primary left. No lower bound: in a fresh test process
        // the first cross-format attempt can start hundreds of milliseconds late (JIT on a loaded machine), and that
        // time comes out of the remainder, as it should.
        var primary = attempts[0].GetProperty("elapsed_ms").GetDouble();
        Assert.InRange(primary, 900, 2000);
        Assert.InRange(attempts[1].GetProperty("elapsed_ms").GetDouble(), 0, 2000 - primary + Slack.TotalMilliseconds);
    }

    [Fact]
    public async Task Post_NonStreamingPrimaryStallsPastTheHeaderDeadline_EndsByTheDeadlineWith504()
    {
        // With no answer timeout in its tier, a buffered answer has no step of its own: the stalled primary holds the whole
        // deadline, and nothing is left to fall back with.
        await harness.SetScenarioAsync("""{"rules":[{"provider":"openai","fault":{"kind":"stall","afterEvents":0,"seconds":10}}]}""");
        var clock = Stopwatch.StartNew();

        using var response = await Send("standard", header: true, stream: false);
        var attempts = await RoutingHarness.AttemptsOfAsync(response);
        clock.Stop();

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(1900), TimeSpan.FromSeconds(2) + Slack);
        var attempt = Assert.Single(attempts);
        Assert.Equal("DeadlineExceeded", attempt.GetProperty("failure").GetString());
    }

    [Fact]
    public async Task Post_NonStreamingPrimaryStallsPastTheTiersAnswerTimeout_FallbackAnswersLongBeforeTheDeadline()
    {
        await harness.SetScenarioAsync("""{"rules":[{"provider":"openai","fault":{"kind":"stall","afterEvents":0,"seconds":10}}]}""");
        var clock = Stopwatch.StartNew();

        // The official OpenAI SDK as the caller: it sees an ordinary answer.
        var completion = await harness.OpenAIChat("answer-timeout").CompleteChatAsync(["Tell me about rivers."], cancellationToken: TestContext.Current.CancellationToken);
        clock.Stop();

        Assert.True(completion.GetRawResponse().Headers.TryGetValue("x-switchyard-provider", out var provider));
        Assert.Equal("anthropic", provider);
        Assert.NotEmpty(completion.Value.Content[0].Text);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(900), TimeSpan.FromSeconds(1) + Slack + Slack);
    }

    [Fact]
    public async Task Post_BothTargetsStallPastTheAnswerTimeout_EachAttemptSaysItGotNoAnswerInTime()
    {
        await harness.SetScenarioAsync("""{"rules":[{"fault":{"kind":"stall","afterEvents":0,"seconds":10}}]}""");

        var clock = Stopwatch.StartNew();

        using var response = await harness.PostChatAsync(RoutingHarness.ChatBody("answer-timeout", stream: false));
        var error = await RoutingHarness.ErrorOfAsync(response);
        clock.Stop();

        // Each target got its one second, not the three-second deadline: the request ended after about two.
        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Equal("first_token_timeout", error.GetProperty("code").GetString());
        Assert.Contains("anthropic did not answer within 1 s (tier 'one-second-answer')", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(1900), TimeSpan.FromSeconds(2) + Slack);
        var attempts = error.GetProperty("attempts").EnumerateArray().ToList();
        Assert.Equal(["openai", "anthropic"], attempts.Select(a => a.GetProperty("provider").GetString()));
        Assert.All(attempts, a =>
        {
            Assert.Equal("FirstTokenTimeout", a.GetProperty("failure").GetString());
            Assert.InRange(a.GetProperty("elapsed_ms").GetDouble(), 900, 1000 + Slack.TotalMilliseconds);
        });
    }

    [Fact]
    public async Task Post_ManyRequestsStallPastTheDeadline_EveryAttemptIsReportedAsDeadlineExceeded()
    {
        // The attempt's timer and the deadline's clock can disagree by a fraction of a millisecond; the timer armed for
        // the deadline must still be reported as the deadline, never as a step timeout ("no first token within 30 s").
        await harness.SetScenarioAsync("""{"rules":[{"fault":{"kind":"stall","afterEvents":0,"seconds":5}}]}""");

        var kinds = await Task.WhenAll(Enumerable.Range(0, 100).Select(async i =>
        {
            using var response = await harness.PostChatAsync(RoutingHarness.ChatBody("standard", stream: i % 2 == 0), ("x-switchyard-deadline-ms", "300"));
            var error = await RoutingHarness.ErrorOfAsync(response);
            // Under load the deadline can pass before the first attempt starts: then there is no attempt to list.
            var attempts = error.TryGetProperty("attempts", out var list) ? list : default;
            var first = attempts.ValueKind == JsonValueKind.Array && attempts.GetArrayLength() > 0
                ? attempts[0].GetProperty("failure").GetString()
                : "DeadlineExceeded";
            return (Status: (int)response.StatusCode, Code: error.GetProperty("code").GetString(), First: first);
        }));

        Assert.All(kinds, k => Assert.Equal((504, "deadline_exceeded", "DeadlineExceeded"), k));
    }

    private Task<HttpResponseMessage> Send(string route, bool header, bool stream) =>
        harness.PostChatAsync(RoutingHarness.ChatBody(route, stream), header ? [("x-switchyard-deadline-ms", "2000")] : []);
}
