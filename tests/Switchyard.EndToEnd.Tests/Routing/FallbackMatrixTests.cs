using System.Net;
using System.Text.Json;

namespace Switchyard.EndToEnd.Tests.Routing;

/// <summary>
/// The fallback policy by failure class, injected on the primary (openai gpt-4o-mini) of route <c>chat</c> whose
/// secondary is anthropic claude-haiku-4-5: capacity and transport trouble fall back invisibly, the caller's own
/// mistakes fail fast with the primary's status (and the secondary never hears of them), a retry policy retries the
/// same target, and when everything fails the error lists every attempt.
/// </summary>
public sealed class FallbackMatrixTests(FallbackMatrixTests.Harness harness) : IClassFixture<FallbackMatrixTests.Harness>, IAsyncLifetime
{
    public sealed class Harness : RoutingHarness
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
        [
            Setting("Switchyard:TimeoutTiers:quick:FirstTokenMs", "300"),
            .. Route("chat", PrimaryModel, SecondaryModel),
            Setting("Switchyard:Routes:chat:Tier", "quick"),
            Setting("Switchyard:Routes:chat:Targets:0:ContextWindow", "128000"),
            Setting("Switchyard:Routes:chat:Targets:1:ContextWindow", "200000"),
            .. Route("chat-smaller-fallback", PrimaryModel, SecondaryModel),
            Setting("Switchyard:Routes:chat-smaller-fallback:Targets:0:ContextWindow", "128000"),
            Setting("Switchyard:Routes:chat-smaller-fallback:Targets:1:ContextWindow", "100000"),
            .. Route("chat-retry", PrimaryModel, SecondaryModel),
            Setting("Switchyard:Routes:chat-retry:Fallback:RateLimited", "retry"),
            Setting("Switchyard:Routes:chat-retry:MaxRetriesPerTarget", "1"),
            .. Route("chat-capped", PrimaryModel, SecondaryModel, "gpt-4.1-mini"),
            Setting("Switchyard:Routes:chat-capped:MaxAttempts", "2"),
        ];
    }

    private const string ContextTooLong = """{"kind":"status","status":400,"code":"context_length_exceeded","message":"This model's maximum context length is 128000 tokens. However, your messages resulted in 130000 tokens."}""";

    public static TheoryData<string, string, bool> FallsBack => new()
    {
        { "rate limited", """{"kind":"status","status":429}""", false },
        { "server error", """{"kind":"status","status":500}""", false },
        { "unavailable", """{"kind":"status","status":503}""", false },
        { "overloaded", """{"kind":"status","status":529}""", true },
        { "connection reset", """{"kind":"reset"}""", false },
        { "connection reset, streaming", """{"kind":"reset"}""", true },
        { "no first token within the tier", """{"kind":"stall","afterEvents":0,"seconds":3}""", true },
        { "quota exhausted", """{"kind":"status","status":429,"errorType":"insufficient_quota","message":"You exceeded your current quota."}""", false },
        { "context too long, larger fallback window", ContextTooLong, false },
        { "gateway's provider key rejected", """{"kind":"status","status":401}""", false },
        { "gateway's provider key rejected, streaming", """{"kind":"status","status":401}""", true },
        { "gateway's provider key forbidden", """{"kind":"status","status":403}""", false },
    };

    public static TheoryData<string, string, string, int, string> FailsFast => new()
    {
        { "invalid request", "chat", """{"kind":"status","status":400,"message":"Invalid value for 'temperature'."}""", 400, "InvalidRequest" },
        { "content filtered", "chat", """{"kind":"status","status":400,"code":"content_policy_violation","message":"Your request was rejected as a result of our safety system."}""", 400, "ContentFiltered" },
        { "context too long, smaller fallback window", "chat-smaller-fallback", ContextTooLong, 400, "ContextTooLong" },
    };

    public ValueTask InitializeAsync() => new(harness.ResetSimulatorAsync());

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Theory]
    [MemberData(nameof(FallsBack))]
    public async Task Post_PrimaryFailsWithAFallBackKind_IsServedByTheSecondary(string failure, string fault, bool stream)
    {
        await harness.SetScenarioAsync(PrimaryRule(fault));

        using var response = await harness.PostChatAsync(RoutingHarness.ChatBody("chat", stream));
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{failure}: {(int)response.StatusCode} {body}");
        Assert.Equal("anthropic", RoutingHarness.Header(response, "x-switchyard-provider"));
        Assert.Equal(RoutingHarness.SecondaryModel, RoutingHarness.Header(response, "x-switchyard-model"));
        Assert.Equal("chat", RoutingHarness.Header(response, "x-switchyard-route"));
        Assert.Equal("2", RoutingHarness.Header(response, "x-switchyard-attempts"));
        Assert.Contains(stream ? "data: [DONE]" : "\"finish_reason\"", body, StringComparison.Ordinal);
        var stats = await harness.SimulatorStatsAsync();
        Assert.Equal(1, RoutingHarness.Count(stats, "byModel", RoutingHarness.PrimaryModel));
        Assert.Equal(1, RoutingHarness.Count(stats, "byModel", RoutingHarness.SecondaryModel));
    }

    [Theory]
    [MemberData(nameof(FailsFast))]
    public async Task Post_PrimaryFailsWithAFailFastKind_ReturnsThePrimarysErrorAndNeverTriesTheSecondary(string failure, string route, string fault, int status, string kind)
    {
        await harness.SetScenarioAsync(PrimaryRule(fault));

        using var response = await harness.PostChatAsync(RoutingHarness.ChatBody(route));

        Assert.True((int)response.StatusCode == status, $"{failure}: expected {status}, got {(int)response.StatusCode}");
        Assert.Equal("false", RoutingHarness.Header(response, "x-should-retry"));
        var attempt = Assert.Single(await RoutingHarness.AttemptsOfAsync(response));
        AssertAttempt(attempt, "openai", RoutingHarness.PrimaryModel, kind, status);
        var stats = await harness.SimulatorStatsAsync();
        Assert.Equal(1, RoutingHarness.Count(stats, "byModel", RoutingHarness.PrimaryModel));
        Assert.Equal(0, RoutingHarness.Count(stats, "byProvider", "anthropic"));
    }

    [Fact]
    public async Task Post_RetryPolicyAndOneRateLimit_RetriesThePrimaryAndSucceeds()
    {
        await harness.SetScenarioAsync("""{"rules":[{"provider":"openai","model":"gpt-4o-mini","count":1,"fault":{"kind":"status","status":429}}]}""");

        using var response = await harness.PostChatAsync(RoutingHarness.ChatBody("chat-retry"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("openai", RoutingHarness.Header(response, "x-switchyard-provider"));
        Assert.Equal("2", RoutingHarness.Header(response, "x-switchyard-attempts"));
        var stats = await harness.SimulatorStatsAsync();
        Assert.Equal(2, RoutingHarness.Count(stats, "byModel", RoutingHarness.PrimaryModel));
        Assert.Equal(0, RoutingHarness.Count(stats, "byProvider", "anthropic"));
    }

    [Fact]
    public async Task Post_RetryPolicyAndPersistentRateLimit_RetriesOnceThenFallsBack()
    {
        await harness.SetScenarioAsync(PrimaryRule("""{"kind":"status","status":429}"""));

        using var response = await harness.PostChatAsync(RoutingHarness.ChatBody("chat-retry"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("anthropic", RoutingHarness.Header(response, "x-switchyard-provider"));
        Assert.Equal("3", RoutingHarness.Header(response, "x-switchyard-attempts"));
        var stats = await harness.SimulatorStatsAsync();
        Assert.Equal(2, RoutingHarness.Count(stats, "byModel", RoutingHarness.PrimaryModel));
        Assert.Equal(1, RoutingHarness.Count(stats, "byModel", RoutingHarness.SecondaryModel));
    }

    [Fact]
    public async Task Post_EveryTargetFailsBeyondTheAttemptCap_StopsAtTheCapAndListsEachAttempt()
    {
        await harness.SetScenarioAsync("""{"rules":[{"fault":{"kind":"status","status":500}}]}""");

        using var response = await harness.PostChatAsync(RoutingHarness.ChatBody("chat-capped"));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var attempts = await RoutingHarness.AttemptsOfAsync(response);
        Assert.Equal(2, attempts.Count);
        AssertAttempt(attempts[0], "openai", RoutingHarness.PrimaryModel, "ServerError", 500);
        AssertAttempt(attempts[1], "anthropic", RoutingHarness.SecondaryModel, "ServerError", 500);
        Assert.Equal(2, (await harness.SimulatorStatsAsync()).GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("/v1/chat/completions")]
    [InlineData("/v1/messages")]
    public async Task Post_AllTargetsFail_ReturnsTheLastFailureListingEveryAttempt(string path)
    {
        await harness.SetScenarioAsync("""
            {"rules":[
              {"provider":"openai","fault":{"kind":"status","status":503}},
              {"provider":"anthropic","fault":{"kind":"status","status":500}}]}
            """);
        var anthropic = path == "/v1/messages";
        var json = anthropic
            ? """{"model":"chat","max_tokens":50,"messages":[{"role":"user","content":"Hi"}]}"""
            : RoutingHarness.ChatBody("chat");

        using var response = await harness.PostAsync(path, json, anthropicHeaders: anthropic);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var attempts = await RoutingHarness.AttemptsOfAsync(response);
        Assert.Equal(2, attempts.Count);
        AssertAttempt(attempts[0], "openai", RoutingHarness.PrimaryModel, "Overloaded", 503);
        AssertAttempt(attempts[1], "anthropic", RoutingHarness.SecondaryModel, "ServerError", 500);
        Assert.All(attempts, a => Assert.True(a.GetProperty("elapsed_ms").GetDouble() >= 0));
    }

    private static string PrimaryRule(string fault) =>
        $$"""{"rules":[{"provider":"openai","model":"{{RoutingHarness.PrimaryModel}}","fault":{{fault}}}]}""";

    private static void AssertAttempt(JsonElement attempt, string provider, string model, string kind, int status)
    {
        Assert.Equal(provider, attempt.GetProperty("provider").GetString());
        Assert.Equal(model, attempt.GetProperty("model").GetString());
        Assert.Equal(kind, attempt.GetProperty("failure").GetString());
        Assert.Equal(status, attempt.GetProperty("status").GetInt32());
    }
}
