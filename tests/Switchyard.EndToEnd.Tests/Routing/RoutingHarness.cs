using System.Net.Http.Json;
using System.Text.Json;
using Switchyard.Testing;

namespace Switchyard.EndToEnd.Tests.Routing;

/// <summary>
/// A <see cref="GatewayHarness"/> with helpers for routing tests: route settings, simulator counters by provider or
/// model, the admin API, and the <c>attempts</c> array of error bodies. Derived harnesses add their routes.
/// </summary>
public abstract class RoutingHarness : GatewayHarness
{
    /// <summary>The primary of most routes here.</summary>
    public const string PrimaryModel = "gpt-4o-mini";

    /// <summary>The secondary of most routes here.</summary>
    public const string SecondaryModel = "claude-haiku-4-5";

    /// <summary>Settings for route <paramref name="name"/> with <paramref name="targets"/> in order (provider inferred from the model).</summary>
    protected static IEnumerable<KeyValuePair<string, string?>> Route(string name, params string[] targets)
    {
        for (var i = 0; i < targets.Length; i++)
        {
            yield return Setting($"Switchyard:Routes:{name}:Targets:{i}:Provider", targets[i].StartsWith("claude", StringComparison.Ordinal) ? "anthropic" : "openai");
            yield return Setting($"Switchyard:Routes:{name}:Targets:{i}:Model", targets[i]);
        }
    }

    protected static KeyValuePair<string, string?> Setting(string key, string? value) => new(key, value);

    /// <summary>An OpenAI-format chat body: one user turn, <c>max_tokens</c> 50 (short answers keep tests fast).</summary>
    public static string ChatBody(string model, bool stream = false, int maxTokens = 50, string text = "Tell me about rivers.") =>
        JsonSerializer.Serialize(new
        {
            model,
            stream,
            max_tokens = maxTokens,
            messages = new object[] { new { role = "user", content = text } },
        });

    /// <summary>POSTs <paramref name="json"/> to the OpenAI door with extra request headers.</summary>
    public Task<HttpResponseMessage> PostChatAsync(string json, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(GatewayUrl, "/v1/chat/completions"))
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + Key);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return Http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
    }

    /// <summary>How many requests the simulator counted under <paramref name="map"/> (<c>byProvider</c>, <c>byModel</c>, …) for <paramref name="name"/>.</summary>
    public static long Count(JsonElement stats, string map, string name) =>
        stats.GetProperty(map).TryGetProperty(name, out var value) ? value.GetInt64() : 0;

    /// <summary><c>GET /admin/spend</c> with <paramref name="query"/>; the <c>rows</c> array.</summary>
    public async Task<JsonElement> SpendAsync(string query, string key = Key) =>
        (await AdminAsync("/admin/spend?" + query, key)).GetProperty("rows").Clone();

    /// <summary>Total <c>cost_usd</c> of the caller's tenant at <c>/admin/spend</c>.</summary>
    public async Task<decimal> TotalSpendAsync(string key = Key) =>
        (await SpendAsync("group_by=tenant", key)).EnumerateArray().Sum(r => r.GetProperty("cost_usd").GetDecimal());

    /// <summary>GETs an admin endpoint with <paramref name="key"/>; the JSON body.</summary>
    public async Task<JsonElement> AdminAsync(string pathAndQuery, string key = Key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(GatewayUrl, pathAndQuery));
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + key);
        using var response = await Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).Clone();
    }

    /// <summary>The single header value, or null.</summary>
    public static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single() : null;

    /// <summary>The <c>error</c> object of an error body (either format); it carries the <c>attempts</c> array.</summary>
    public static async Task<JsonElement> ErrorOfAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("error").Clone();
    }

    /// <summary>The <c>attempts</c> array inside an error body's <c>error</c> object (either format).</summary>
    public static async Task<List<JsonElement>> AttemptsOfAsync(HttpResponseMessage response) =>
        (await ErrorOfAsync(response)).GetProperty("attempts").EnumerateArray().ToList();
}
