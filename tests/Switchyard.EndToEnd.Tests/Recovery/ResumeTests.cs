using System.Net;
using System.Text;

namespace Switchyard.EndToEnd.Tests.Recovery;

/// <summary>
/// A client that drops mid-stream resumes from the delta log: with <c>Last-Event-ID</c> on a re-sent POST (all three
/// doors), or with <c>GET /v1/responses/{id}?stream=true&amp;starting_after=N</c>; it gets exactly the events after
/// the last one it saw, the live tail included, and no other tenant can.
/// </summary>
public sealed class ResumeTests(RecoveryHarness harness) : IClassFixture<RecoveryHarness>
{
    public static TheoryData<string, string> Cases => new()
    {
        { "chat", "gpt-4o-mini" },
        { "chat", "claude-haiku-4-5" },
        { "messages", "claude-haiku-4-5" },
        { "messages", "gpt-4o-mini" },
        { "responses", "gpt-4o-mini" },
        { "responses", "claude-haiku-4-5" },
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Resume_AfterDroppingAtEventK_GetsExactlyTheFollowingEventsAndTheWholeText(string door, string model)
    {
        await harness.ResetSimulatorAsync();
        var whole = Text(await ReadAllAsync(door, model));
        // Paced, so the generation is still running when the client comes back: the resume includes the live tail.
        await harness.SetScenarioAsync("""{"rules":[{"fault":{"kind":"slow","tokensPerSecond":300}}]}""");
        foreach (var k in new[] { 1, 4, 9 })
        {
            var seen = new List<SseEvent>();
            using (var first = await PostAsync(door, model))
            using (var reader = new SseReader(await first.Content.ReadAsStreamAsync(Ct)))
            {
                while (seen.Count < k && await reader.NextAsync(Ct) is { } next)
                {
                    seen.Add(next);
                }
            }

            using var resumed = await ResumeAsync(door, model, seen[^1].Id!);
            Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
            using var rest = new SseReader(await resumed.Content.ReadAsStreamAsync(Ct));
            var tail = await rest.ReadToEndAsync(Ct);

            var sequences = seen.Concat(tail).Select(e => e.Sequence).ToList();
            Assert.Equal(Enumerable.Range(0, sequences.Count).Select(i => (long)i), sequences);
            Assert.Equal(whole, Text(seen) + Text(tail));
        }
    }

    [Theory]
    [InlineData("chat")]
    [InlineData("messages")]
    [InlineData("responses")]
    public async Task Resume_ByAnotherTenant_IsRefusedAsNotFound(string door)
    {
        await harness.ResetSimulatorAsync();
        var events = await ReadAllAsync(door, "gpt-4o-mini");

        using var stolen = await ResumeAsync(door, "gpt-4o-mini", events[2].Id!, RecoveryHarness.OtherTenantKey);
        using var own = await ResumeAsync(door, "gpt-4o-mini", events[2].Id!);

        Assert.Equal(HttpStatusCode.NotFound, stolen.StatusCode);
        Assert.DoesNotContain(events[3].Data, await stolen.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Theory]
    [InlineData("chat", "sys_AAAAAAAAAAAAAAAAAAAAAA:3", HttpStatusCode.NotFound)]
    [InlineData("messages", "sys_AAAAAAAAAAAAAAAAAAAAAA:3", HttpStatusCode.NotFound)]
    [InlineData("chat", "not an id", HttpStatusCode.BadRequest)]
    [InlineData("messages", "sys_x:-1", HttpStatusCode.BadRequest)]
    public async Task Resume_UnknownOrMalformedId_IsAClearErrorInTheCallersFormat(string door, string lastEventId, HttpStatusCode expected)
    {
        using var response = await ResumeAsync(door, "gpt-4o-mini", lastEventId);
        var body = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(expected, response.StatusCode);
        Assert.Contains(door == "messages" ? "\"type\":\"error\"" : "\"error\":{", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resume_OfAStreamFromAnotherDoor_IsRefused()
    {
        await harness.ResetSimulatorAsync();
        var events = await ReadAllAsync("chat", "gpt-4o-mini");

        using var response = await ResumeAsync("messages", "gpt-4o-mini", events[1].Id!);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("chat", "[DONE]")]
    [InlineData("messages", "message_stop")]
    [InlineData("responses", "response.completed|response.incomplete")]
    public async Task Resume_AtTheLastEventOfAFinishedStream_Is200WithNothingMore(string door, string ends)
    {
        await harness.ResetSimulatorAsync();
        var events = await ReadAllAsync(door, "gpt-4o-mini");

        using var resumed = await ResumeAsync(door, "gpt-4o-mini", events[^1].Id!);
        var rest = await resumed.Content.ReadAsStringAsync(Ct);

        Assert.Contains(door == "chat" ? events[^1].Data : events[^1].Type, ends.Split('|'));
        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        Assert.Equal("", rest);
    }

    [Theory]
    [InlineData("chat", "Last-Event-ID")]
    [InlineData("messages", "Last-Event-ID")]
    [InlineData("responses", "starting_after")]
    public async Task Resume_PastTheEndOfAFinishedStream_Is400NamingTheCursor(string door, string param)
    {
        await harness.ResetSimulatorAsync();
        var events = await ReadAllAsync(door, "gpt-4o-mini");
        var last = events[^1].Id!;

        using var resumed = await ResumeAsync(door, "gpt-4o-mini", $"{last[..last.LastIndexOf(':')]}:{events[^1].Sequence + 1}");
        var body = await resumed.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, resumed.StatusCode);
        Assert.Contains(door == "messages" ? "\"type\":\"invalid_request_error\"" : $"\"param\":\"{param}\"", body, StringComparison.Ordinal);
        Assert.Contains(param, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resume_AfterASequenceALiveStreamHasNotReachedYet_WaitsForIt()
    {
        await harness.ResetSimulatorAsync();
        var total = (await ReadAllAsync("chat", "gpt-4o-mini")).Count;
        await harness.SetScenarioAsync("""{"rules":[{"fault":{"kind":"slow","tokensPerSecond":60}}]}""");
        using var first = await PostAsync("chat", "gpt-4o-mini");
        using var reader = new SseReader(await first.Content.ReadAsStreamAsync(Ct));
        var opening = (await reader.NextAsync(Ct))!.Id!;

        using var resumed = await ResumeAsync("chat", "gpt-4o-mini", $"{opening[..opening.LastIndexOf(':')]}:{total - 3}");
        using var rest = new SseReader(await resumed.Content.ReadAsStreamAsync(Ct));
        var tail = await rest.ReadToEndAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        Assert.Equal([total - 2, total - 1], tail.Select(e => (int)e.Sequence));
    }

    internal static string Text(IEnumerable<SseEvent> events) => string.Concat(events.Select(e => e.Text));

    private async Task<List<SseEvent>> ReadAllAsync(string door, string model)
    {
        using var response = await PostAsync(door, model);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reader = new SseReader(await response.Content.ReadAsStreamAsync(Ct));
        return await reader.ReadToEndAsync(Ct);
    }

    private Task<HttpResponseMessage> PostAsync(string door, string model, string? lastEventId = null, string key = RecoveryHarness.Key)
    {
        var (path, body) = door switch
        {
            "chat" => ("/v1/chat/completions", $$"""{"model":"{{model}}","stream":true,"max_completion_tokens":200,"messages":[{"role":"user","content":"Describe a lighthouse."}]}"""),
            "messages" => ("/v1/messages", $$"""{"model":"{{model}}","stream":true,"max_tokens":200,"messages":[{"role":"user","content":"Describe a lighthouse."}]}"""),
            _ => ("/v1/responses", $$"""{"model":"{{model}}","stream":true,"max_output_tokens":200,"input":"Describe a lighthouse."}"""),
        };
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(harness.GatewayUrl, path)) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + key);
        request.Headers.TryAddWithoutValidation("anthropic-version", "2023-06-01");
        if (lastEventId is not null)
        {
            request.Headers.TryAddWithoutValidation("Last-Event-ID", lastEventId);
        }

        return harness.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
    }

    private Task<HttpResponseMessage> ResumeAsync(string door, string model, string lastEventId, string key = RecoveryHarness.Key)
    {
        if (door != "responses")
        {
            // The client simply re-sends its POST with the standard header.
            return PostAsync(door, model, lastEventId, key);
        }

        var colon = lastEventId.LastIndexOf(':');
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(harness.GatewayUrl, $"/v1/responses/{lastEventId[..colon]}?stream=true&starting_after={lastEventId[(colon + 1)..]}"));
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + key);
        return harness.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
    }
}
