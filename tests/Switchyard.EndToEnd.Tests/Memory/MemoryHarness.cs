using System.Text.Json;
using Switchyard.AspNetCore.Auth;
using Switchyard.Hosting.Auth;
using Switchyard.Testing;

namespace Switchyard.EndToEnd.Tests.Memory;

/// <summary>
/// A gateway with memory on and small budgets, so that a dozen short turns leave the window: what is sent afterwards
/// comes from recall (L3) and the summary (L2). The summarizer is <see cref="SummarizerModel"/>, a model the tests'
/// own requests never use, so a scenario can fail it alone. Two tenants.
/// </summary>
public class MemoryHarness : GatewayHarness
{
    /// <summary>The virtual key of tenant <c>globex</c>.</summary>
    public const string OtherTenantKey = "sy-test-globex-9876543210";

    /// <summary>The summarizer's model.</summary>
    public const string SummarizerModel = "gpt-4.1-nano";

    /// <summary>The assembled prompt's budget.</summary>
    public const int BudgetTokens = 600;

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
    [
        new("Switchyard:Keys:1:Tenant", "globex"),
        new("Switchyard:Keys:1:Hash", KeyHash.Compute(OtherTenantKey)),
        new("Switchyard:Memory:Enabled", "true"),
        new("Switchyard:Memory:ContextBudgetTokens", BudgetTokens.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Switchyard:Memory:WindowTokens", "150"),
        new("Switchyard:Memory:Split:Recall", "0.4"),
        new("Switchyard:Memory:RecallMinSimilarity", "0.1"),
        new("Switchyard:Memory:Summarizer:Model", SummarizerModel),
        new("Switchyard:Memory:Summarizer:BatchTokens", "40"),
        new("Switchyard:Memory:Summarizer:Timeout", "00:00:05"),
        .. MemorySettings(),
    ];

    /// <summary>Further memory settings of a derived harness.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> MemorySettings() => [];

    /// <summary>
    /// The last provider request for an answer that carried <paramref name="text"/> (the summarizer's own calls carry the
    /// turns, so match the newest; a provider embedder's calls carry them too, and are not answers).
    /// </summary>
    public async Task<JsonElement> LastRequestWithAsync(string text) =>
        (await SimulatorRequestsAsync()).Last(r => r.Path != "/v1/embeddings" && r.Body.GetRawText().Contains(text, StringComparison.Ordinal) && !IsSummarizer(r.Body)).Body;

    /// <summary>Whether a captured request is the summarizer's.</summary>
    public static bool IsSummarizer(JsonElement body) => body.GetProperty("model").GetString() == SummarizerModel;

    /// <summary>GETs an admin path with <paramref name="key"/>.</summary>
    public async Task<(int Status, JsonElement Body)> AdminAsync(HttpMethod method, string path, string key = Key)
    {
        using var request = new HttpRequestMessage(method, new Uri(GatewayUrl, path));
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + key);
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }
}

/// <summary>The memory harness with a summarizer budget of one token per session: it is exhausted at once.</summary>
public sealed class ExhaustedMemoryHarness : MemoryHarness
{
    protected override IEnumerable<KeyValuePair<string, string?>> MemorySettings() =>
    [
        new("Switchyard:Memory:Summarizer:SessionTokenBudget", "1"),
    ];
}
