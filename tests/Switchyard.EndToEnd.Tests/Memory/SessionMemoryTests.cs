using System.Text.Json;
using Anthropic;
using Anthropic.Models.Messages;

namespace Switchyard.EndToEnd.Tests.Memory;

/// <summary>
/// Sessions on Chat Completions and Messages through the official SDKs: after many turns, a fact planted at the start
/// is no longer in the window, yet the context the gateway sends contains it (recall), within the budget; forgetting a
/// session removes it; another tenant with the same session id sees nothing.
/// </summary>
public sealed class SessionMemoryTests(MemoryHarness harness) : IClassFixture<MemoryHarness>
{
    private const string Fact = MemoryTalk.Fact;
    private const string Question = MemoryTalk.Question;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Chat_SessionInMetadata_RecallsAPlantedFactAfterManyTurnsWithinTheBudget()
    {
        await harness.ResetSimulatorAsync();
        var session = "chat-" + Guid.NewGuid().ToString("N");

        await TalkAsync(session, MemoryHarness.Key);
        await AskAsync(session, MemoryHarness.Key);
        var sent = await harness.LastRequestWithAsync(Question);

        Assert.Contains("4711", sent.GetRawText(), StringComparison.Ordinal);
        // The context is flat: far fewer messages than the 26 turns so far, and never the whole dialogue.
        Assert.True(sent.GetProperty("messages").GetArrayLength() < 12, sent.GetRawText());
    }

    [Fact]
    public async Task Messages_SessionHeader_RecallsAPlantedFactAndTheTraceHeaderSaysWhat()
    {
        await harness.ResetSimulatorAsync();
        var session = "messages-" + Guid.NewGuid().ToString("N");
        var client = Anthropic(session);

        await SayAsync(client, Fact);
        for (var i = 0; i < 12; i++)
        {
            await SayAsync(client, $"Tell me something about the harbour of town number {i}.");
        }

        using var debug = new HttpRequestMessage(HttpMethod.Post, new Uri(harness.GatewayUrl, "/v1/messages"))
        {
            Content = new StringContent(
                JsonSerializer.Serialize(new { model = "claude-haiku-4-5", max_tokens = 30, messages = new[] { new { role = "user", content = Question } } }),
                System.Text.Encoding.UTF8,
                "application/json"),
        };
        debug.Headers.Add("x-api-key", MemoryHarness.Key.ToString());
        debug.Headers.Add("anthropic-version", "2023-06-01");
        debug.Headers.Add("x-switchyard-session", session);
        debug.Headers.Add("x-switchyard-memory-debug", "1");
        using var response = await harness.Http.SendAsync(debug, Ct);
        var sent = await harness.LastRequestWithAsync(Question);
        var trace = response.Headers.GetValues("x-switchyard-memory").Single();
        var requestId = response.Headers.GetValues("x-request-id").Single();
        var (status, assembled) = await harness.AdminAsync(HttpMethod.Get, $"/admin/memory/assembled/{requestId}");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Contains("4711", sent.GetProperty("system").GetRawText(), StringComparison.Ordinal);
        Assert.Matches(@"^budget=600;total=\d+;", trace);
        Assert.Equal(200, status);
        Assert.True(assembled.GetProperty("tokens").GetProperty("total").GetInt32() <= MemoryHarness.BudgetTokens);
        Assert.NotEqual(0, assembled.GetProperty("recalled").GetArrayLength());
        Assert.Contains("4711", assembled.GetProperty("messages").GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forget_ThroughTheAdminApi_RemovesTheMemories()
    {
        await harness.ResetSimulatorAsync();
        var session = "forget-" + Guid.NewGuid().ToString("N");
        await TalkAsync(session, MemoryHarness.Key);
        var (_, before) = await harness.AdminAsync(HttpMethod.Get, $"/admin/memory/sessions/{session}/memories");

        var (status, forgotten) = await harness.AdminAsync(HttpMethod.Delete, $"/admin/memory/sessions/{session}");
        var (_, after) = await harness.AdminAsync(HttpMethod.Get, $"/admin/memory/sessions/{session}/memories");
        await AskAsync(session, MemoryHarness.Key);
        var sent = await harness.LastRequestWithAsync(Question);

        Assert.Contains(before.GetProperty("memories").EnumerateArray(), m => m.GetProperty("text").GetString()!.Contains("4711", StringComparison.Ordinal));
        Assert.Equal(200, status);
        Assert.True(forgotten.GetProperty("memories").GetInt32() > 0);
        Assert.Equal(0, after.GetProperty("memories").GetArrayLength());
        Assert.DoesNotContain("4711", sent.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteMemory_OneMemory_IsNoLongerListed()
    {
        await harness.ResetSimulatorAsync();
        var session = "delete-one-" + Guid.NewGuid().ToString("N");
        await new MemoryTalk(harness, session).SayAsync(Fact, Ct);
        await AskAsync(session, MemoryHarness.Key); // waits for the first turn to be remembered
        var (_, listed) = await harness.AdminAsync(HttpMethod.Get, $"/admin/memory/sessions/{session}/memories");
        var id = listed.GetProperty("memories")[0].GetProperty("id").GetInt64();

        var (status, _) = await harness.AdminAsync(HttpMethod.Delete, $"/admin/memory/sessions/{session}/memories/{id}");
        var (again, _) = await harness.AdminAsync(HttpMethod.Delete, $"/admin/memory/sessions/{session}/memories/{id}");
        var (_, after) = await harness.AdminAsync(HttpMethod.Get, $"/admin/memory/sessions/{session}/memories");

        Assert.Equal(200, status);
        Assert.Equal(404, again);
        Assert.DoesNotContain(after.GetProperty("memories").EnumerateArray(), m => m.GetProperty("id").GetInt64() == id);
    }

    [Fact]
    public async Task OtherTenant_SameSessionId_SeesNothing()
    {
        await harness.ResetSimulatorAsync();
        var session = "shared-name-" + Guid.NewGuid().ToString("N");
        await TalkAsync(session, MemoryHarness.Key);

        await AskAsync(session, MemoryHarness.OtherTenantKey);
        var sent = await harness.LastRequestWithAsync(Question);
        var (_, listed) = await harness.AdminAsync(HttpMethod.Get, $"/admin/memory/sessions/{session}/memories", MemoryHarness.OtherTenantKey);
        var (status, _) = await harness.AdminAsync(HttpMethod.Delete, $"/admin/memory/sessions/{session}/memories/1", MemoryHarness.OtherTenantKey);

        Assert.DoesNotContain("4711", sent.GetRawText(), StringComparison.Ordinal);
        // Its own question is remembered in its own session; nothing of acme's.
        Assert.DoesNotContain("4711", listed.GetProperty("memories").GetRawText(), StringComparison.Ordinal);
        Assert.Equal(404, status);
    }

    [Fact]
    public async Task Messages_Session_TheClientsCacheBreakpointsReachClaude()
    {
        // With memory on, the gateway writes the body again from its context; the client's cache_control marks must
        // survive that, or every turn of a long system prompt is billed at the full input price. (One-hour marks come
        // before five-minute ones, in tools-system-messages order, or the API refuses the request.)
        await harness.ResetSimulatorAsync();
        var session = "cache-" + Guid.NewGuid().ToString("N");
        var body = $$$"""
            {"model":"claude-haiku-4-5","max_tokens":30,"cache_control":{"type":"ephemeral"},
             "system":[{"type":"text","text":"You are the harbour master."},{"type":"text","text":"Long rules.","cache_control":{"type":"ephemeral","ttl":"1h"}}],
             "tools":[{"name":"tide","input_schema":{"type":"object","properties":{}},"cache_control":{"type":"ephemeral","ttl":"1h"}}],
             "messages":[{"role":"user","content":[{"type":"text","text":{{{JsonSerializer.Serialize(Question)}}},"cache_control":{"type":"ephemeral","ttl":"5m"}}]}]}
            """;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(harness.GatewayUrl, "/v1/messages"))
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-api-key", MemoryHarness.Key);
        request.Headers.Add("anthropic-version", "2023-06-01");
        request.Headers.Add("x-switchyard-session", session);

        using var response = await harness.Http.SendAsync(request, Ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));

        var sent = await harness.LastRequestWithAsync(Question);
        Assert.Equal("""{"type":"ephemeral"}""", sent.GetProperty("cache_control").GetRawText());
        var system = sent.GetProperty("system");
        Assert.False(system[0].TryGetProperty("cache_control", out _));
        Assert.Equal("""{"type":"ephemeral","ttl":"1h"}""", system[1].GetProperty("cache_control").GetRawText());
        Assert.Equal("""{"type":"ephemeral","ttl":"1h"}""", sent.GetProperty("tools")[0].GetProperty("cache_control").GetRawText());
        var question = sent.GetProperty("messages").EnumerateArray().Last().GetProperty("content").EnumerateArray().Last();
        Assert.Equal("""{"type":"ephemeral","ttl":"5m"}""", question.GetProperty("cache_control").GetRawText());
    }

    [Fact]
    public async Task Chat_Session_TheClientsPromptCacheKeyAndRetentionReachOpenAI()
    {
        // The same for OpenAI's hints: without them a rewritten body loses the client's cache routing and its 24-hour
        // retention, and the prompt is cached (and billed) as if the client had never asked.
        await harness.ResetSimulatorAsync();
        var session = "cache-key-" + Guid.NewGuid().ToString("N");
        var body = $$"""{"model":"gpt-4o-mini","max_tokens":30,"prompt_cache_key":"harbour","prompt_cache_retention":"24h","messages":[{"role":"user","content":{{JsonSerializer.Serialize(Question)}}}]}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(harness.GatewayUrl, "/v1/chat/completions"))
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Authorization", "Bearer " + MemoryHarness.Key);
        request.Headers.Add("x-switchyard-session", session);

        using var response = await harness.Http.SendAsync(request, Ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));

        var sent = await harness.LastRequestWithAsync(Question);
        Assert.Equal("harbour", sent.GetProperty("prompt_cache_key").GetString());
        Assert.Equal("24h", sent.GetProperty("prompt_cache_retention").GetString());
    }

    private Task TalkAsync(string session, string key) => new MemoryTalk(harness, session, key).PlantAndChatAsync(12, Ct);

    private Task AskAsync(string session, string key) => new MemoryTalk(harness, session, key).SayAsync(Question, Ct);

    private static async Task SayAsync(AnthropicClient client, string text)
    {
        var message = await client.Messages.Create(
            new MessageCreateParams { Model = "claude-haiku-4-5", MaxTokens = 30, Messages = [new UserMessageParam(text)] },
            Ct);
        Assert.NotEmpty(message.Content);
    }

    private AnthropicClient Anthropic(string session) => new()
    {
        ApiKey = MemoryHarness.Key,
        BaseUrl = harness.GatewayUrl.ToString().TrimEnd('/'),
        MaxRetries = 0,
        HttpClient = new HttpClient(new SessionHeaderHandler(session)),
    };

    /// <summary>Adds the session header to every request of an SDK client.</summary>
    private sealed class SessionHeaderHandler(string session) : DelegatingHandler(new HttpClientHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.TryAddWithoutValidation("x-switchyard-session", session);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
