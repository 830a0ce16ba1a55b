using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Switchyard.LoadHarness;

/// <summary>
/// The prompt-cache suite: what the gateway's own cache marks (<c>AutoPromptCache</c>) save an OpenAI-format client that
/// Claude serves. One gateway in front of the simulator (which models Anthropic's cache) with two routes to the same
/// Claude model, marks on and marks off; three workloads sent to each, one request at a time; the spend is the
/// gateway's own bill (<c>x-switchyard-cost-usd</c>) and the cache use its usage. Not a timing benchmark: it measures
/// dollars and tokens, which do not depend on the machine.
/// </summary>
internal static class PromptCacheSuite
{
    public const string MarksOn = "cacheon";
    public const string MarksOff = "cacheoff";
    private const string Model = "claude-sonnet-4-5";

    private static readonly string[] Questions =
    [
        "How does failover work?", "What is a retry budget?", "When does a breaker open?", "How are streams resumed?",
        "What does a budget refuse?", "How is spend reserved?", "What is a timeout tier?", "How are batches split?",
        "What does memory keep?", "How are keys stored?",
    ];

    public static async Task<IReadOnlyList<PromptCacheRow>> RunAsync()
    {
        var routes = new Dictionary<string, string>();
        foreach (var route in new[] { MarksOn, MarksOff })
        {
            routes[$"SWITCHYARD__ROUTES__{route}__TARGETS__0__PROVIDER"] = "anthropic";
            routes[$"SWITCHYARD__ROUTES__{route}__TARGETS__0__MODEL"] = Model;
        }

        routes[$"SWITCHYARD__ROUTES__{MarksOff}__AUTOPROMPTCACHE"] = "false";
        await using var processes = await ProcessSet.StartAsync(new Dictionary<string, IReadOnlyDictionary<string, string>> { ["gateway"] = routes });
        using var http = new HttpClient { BaseAddress = processes.Gateway, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ProcessSet.GatewayKey);

        var rows = new List<PromptCacheRow>();
        foreach (var route in new[] { MarksOn, MarksOff })
        {
            rows.Add(await ChatAsync(http, route, "chat: the same ~3,000-token system prompt, 10 questions", SystemPrompt(route, 3000)));
            rows.Add(await ToolLoopAsync(http, route));
            rows.Add(await ChatAsync(http, route, "chat: a 5-word system prompt, 10 questions (nothing to cache)", $"You are terse ({route})."));
        }

        return rows;
    }

    public static string Markdown(IReadOnlyList<PromptCacheRow> rows)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"OpenAI Chat Completions door, `{Model}` served by the simulator's Anthropic (USD from the gateway's bill, tokens from the usage it reported).");
        text.AppendLine();
        text.AppendLine("| workload | calls | marks off: USD | marks on: USD | saved | prompt tokens | read from cache (on) | written to cache (on) |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var on in rows.Where(r => r.Route == MarksOn))
        {
            var off = rows.Single(r => r.Route == MarksOff && r.Workload == on.Workload);
            var saved = off.Usd == 0 ? 0 : (off.Usd - on.Usd) / off.Usd;
            text.AppendLine(CultureInfo.InvariantCulture, $"| {on.Workload} | {on.Calls} | {off.Usd:0.######} | {on.Usd:0.######} | {saved:P1} | {on.PromptTokens:N0} | {on.ReadTokens:N0} | {on.WrittenTokens:N0} |");
        }

        return text.ToString();
    }

    private static async Task<PromptCacheRow> ChatAsync(HttpClient http, string route, string workload, string system)
    {
        var row = new PromptCacheRow(route, workload);
        foreach (var question in Questions)
        {
            var messages = new object[] { new { role = "system", content = system }, new { role = "user", content = question } };
            row = await SendAsync(http, row, JsonSerializer.Serialize(new { model = route, max_tokens = 100, messages }));
        }

        return row;
    }

    // An agent loop: each call sends the whole history again with one more tool call and its ~300-token result.
    private static async Task<PromptCacheRow> ToolLoopAsync(HttpClient http, string route)
    {
        var row = new PromptCacheRow(route, "tool loop: ~3,000-token system prompt, 10 calls, a ~300-token result each");
        var history = new List<object> { new { role = "system", content = SystemPrompt(route + "-agent", 3000) }, new { role = "user", content = "Research canals for me." } };
        var tools = new object[] { new { type = "function", function = new { name = "search", parameters = new { type = "object", properties = new { q = new { type = "string" } } } } } };
        for (var i = 0; i < Questions.Length; i++)
        {
            var id = $"call_{i}";
            history.Add(new { role = "assistant", content = (string?)null, tool_calls = new object[] { new { id, type = "function", function = new { name = "search", arguments = JsonSerializer.Serialize(new { q = Questions[i] }) } } } });
            history.Add(new { role = "tool", tool_call_id = id, content = Filler($"Result {i}: ", 300) });
            row = await SendAsync(http, row, JsonSerializer.Serialize(new { model = route, max_tokens = 100, messages = history, tools }));
        }

        return row;
    }

    private static async Task<PromptCacheRow> SendAsync(HttpClient http, PromptCacheRow row, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync("/v1/chat/completions", content);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{(int)response.StatusCode}: {text}");
        }

        using var json = JsonDocument.Parse(text);
        var usage = json.RootElement.GetProperty("usage");
        var details = usage.GetProperty("prompt_tokens_details");
        var cost = decimal.Parse(response.Headers.GetValues("x-switchyard-cost-usd").Single(), CultureInfo.InvariantCulture);
        return row with
        {
            Calls = row.Calls + 1,
            Usd = row.Usd + cost,
            PromptTokens = row.PromptTokens + usage.GetProperty("prompt_tokens").GetInt32(),
            ReadTokens = row.ReadTokens + details.GetProperty("cached_tokens").GetInt32(),
            WrittenTokens = row.WrittenTokens + (details.TryGetProperty("cache_write_tokens", out var written) ? written.GetInt32() : 0),
        };
    }

    // Prose of about `tokens` o200k tokens (a sentence is ~10), unique per route so the routes never share an entry.
    private static string SystemPrompt(string route, int tokens) => Filler($"You are the operations assistant of route {route}. ", tokens);

    private static string Filler(string start, int tokens) =>
        start + string.Concat(Enumerable.Repeat("The gateway keeps answers flowing when a provider fails. ", tokens / 10));
}

/// <summary>One workload on one route: calls made, what they cost and what the cache did.</summary>
internal sealed record PromptCacheRow(string Route, string Workload)
{
    public int Calls { get; init; }

    public decimal Usd { get; init; }

    public int PromptTokens { get; init; }

    public int ReadTokens { get; init; }

    public int WrittenTokens { get; init; }
}
