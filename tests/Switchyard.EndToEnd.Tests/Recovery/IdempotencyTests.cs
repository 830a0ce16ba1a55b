using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Switchyard.EndToEnd.Tests.Recovery;

/// <summary>
/// <c>Idempotency-Key</c>: duplicates of a request attach to its one generation (live or finished) and get the same
/// answer, with one upstream call and one charge; the same key with another body is 422; keys are per tenant.
/// </summary>
public sealed class IdempotencyTests(RecoveryHarness harness) : IClassFixture<RecoveryHarness>
{
    private const string Body = """{"model":"gpt-4o-mini","max_completion_tokens":120,"messages":[{"role":"user","content":"Name three rivers."}]}""";
    private const string StreamBody = """{"model":"gpt-4o-mini","stream":true,"max_completion_tokens":120,"messages":[{"role":"user","content":"Name three rivers."}]}""";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwentyConcurrentDuplicates_NonStreaming_OneGenerationOneChargeIdenticalAnswers()
    {
        await harness.ResetSimulatorAsync();
        await harness.SetScenarioAsync("""{"rules":[{"fault":{"kind":"slow","tokensPerSecond":400}}]}""");
        var key = Guid.NewGuid().ToString("N");
        var spentBefore = await SpendRequestsAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => PostAsync("/v1/chat/completions", Body, key)));
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync(Ct)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Single(bodies.Distinct());
        Assert.Equal(19, responses.Count(r => r.Headers.Contains("idempotent-replayed")));
        Assert.Equal(1, await harness.SimulatorRequestCountAsync());
        Assert.Equal(spentBefore + 1, await SpendRequestsAsync());
    }

    [Fact]
    public async Task TwentyConcurrentDuplicates_Streaming_AttachToTheLiveGenerationAndGetTheSameEvents()
    {
        await harness.ResetSimulatorAsync();
        await harness.SetScenarioAsync("""{"rules":[{"fault":{"kind":"slow","tokensPerSecond":400}}]}""");
        var key = Guid.NewGuid().ToString("N");
        var spentBefore = await SpendRequestsAsync();

        var streams = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            using var response = await PostAsync("/v1/chat/completions", StreamBody, key);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var reader = new SseReader(await response.Content.ReadAsStreamAsync(Ct));
            var events = await reader.ReadToEndAsync(Ct);
            return string.Join("\n", events.Select(e => e.Id + " " + e.Data));
        }));

        Assert.Single(streams.Distinct());
        Assert.Contains("[DONE]", streams[0], StringComparison.Ordinal);
        Assert.Equal(1, await harness.SimulatorRequestCountAsync());
        Assert.Equal(spentBefore + 1, await SpendRequestsAsync());
    }

    [Fact]
    public async Task LaterDuplicate_ReplaysTheStoredAnswerWithoutCallingTheProvider()
    {
        await harness.ResetSimulatorAsync();
        var key = Guid.NewGuid().ToString("N");
        using var first = await PostAsync("/v1/chat/completions", Body, key);
        var original = await first.Content.ReadAsStringAsync(Ct);

        using var again = await PostAsync("/v1/chat/completions", Body, key);

        Assert.Equal(original, await again.Content.ReadAsStringAsync(Ct));
        Assert.Equal("true", again.Headers.GetValues("idempotent-replayed").Single());
        Assert.Equal(first.Headers.GetValues("x-switchyard-provider").Single(), again.Headers.GetValues("x-switchyard-provider").Single());
        Assert.Equal(1, await harness.SimulatorRequestCountAsync());
    }

    [Theory]
    [InlineData("/v1/chat/completions")]
    [InlineData("/v1/messages")]
    public async Task SameKeyDifferentBody_Is422InTheCallersFormat(string path)
    {
        var key = Guid.NewGuid().ToString("N");
        var first = path == "/v1/messages"
            ? """{"model":"claude-haiku-4-5","max_tokens":50,"messages":[{"role":"user","content":"one"}]}"""
            : """{"model":"gpt-4o-mini","messages":[{"role":"user","content":"one"}]}""";
        using var ok = await PostAsync(path, first, key);

        using var reused = await PostAsync(path, first.Replace("one", "two", StringComparison.Ordinal), key);
        var body = await reused.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal((HttpStatusCode)422, reused.StatusCode);
        Assert.Contains(path == "/v1/messages" ? "\"invalid_request_error\"" : "idempotency_key_reused", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SameKeyOtherTenant_IsItsOwnRequest()
    {
        await harness.ResetSimulatorAsync();
        var key = Guid.NewGuid().ToString("N");

        using var mine = await PostAsync("/v1/chat/completions", Body, key);
        using var theirs = await PostAsync("/v1/chat/completions", Body, key, RecoveryHarness.OtherTenantKey);

        Assert.Equal(HttpStatusCode.OK, theirs.StatusCode);
        Assert.False(theirs.Headers.Contains("idempotent-replayed"));
        Assert.Equal(2, await harness.SimulatorRequestCountAsync());
    }

    [Fact]
    public async Task FailedOriginal_ReleasesTheKeySoARetryGenerates()
    {
        await harness.ResetSimulatorAsync();
        await harness.SetScenarioAsync("""{"rules":[{"count":2,"fault":{"kind":"status","status":500}}]}""");
        var key = Guid.NewGuid().ToString("N");

        using var failed = await PostAsync("/v1/chat/completions", Body, key);
        using var retried = await PostAsync("/v1/chat/completions", Body, key);

        Assert.Equal(HttpStatusCode.BadGateway, failed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.False(retried.Headers.Contains("idempotent-replayed"));
    }

    [Fact]
    public async Task MalformedKey_Is400()
    {
        using var response = await PostAsync("/v1/chat/completions", Body, new string('k', 300));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private async Task<long> SpendRequestsAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(harness.GatewayUrl, "/admin/spend?group_by=tenant"));
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + RecoveryHarness.Key);
        using var response = await harness.Http.SendAsync(request, Ct);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return json.GetProperty("rows").EnumerateArray().Sum(r => r.GetProperty("requests").GetInt64());
    }

    private Task<HttpResponseMessage> PostAsync(string path, string body, string idempotencyKey, string key = RecoveryHarness.Key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(harness.GatewayUrl, path)) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + key);
        request.Headers.TryAddWithoutValidation("anthropic-version", "2023-06-01");
        request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        return harness.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
    }
}
