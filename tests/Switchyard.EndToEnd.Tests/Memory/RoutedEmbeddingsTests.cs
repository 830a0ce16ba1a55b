using System.Text.Json;

namespace Switchyard.EndToEnd.Tests.Memory;

/// <summary>
/// Provider embeddings for memory on a route: <see cref="Route"/> is <c>text-embedding-3-large</c>, then
/// <c>text-embedding-3-small</c>, at 256 dimensions.
/// </summary>
public sealed class RoutedEmbeddingsHarness : ProviderEmbeddingsHarness
{
    public const string Route = "memory-embed";
    public const string Large = "text-embedding-3-large";
    public const string Small = "text-embedding-3-small";

    protected override IEnumerable<KeyValuePair<string, string?>> MemorySettings() =>
    [
        .. base.MemorySettings(),
        new("Switchyard:Memory:EmbeddingModel", Route),
        new($"Switchyard:Routes:{Route}:Targets:0:Provider", "openai"),
        new($"Switchyard:Routes:{Route}:Targets:0:Model", Large),
        new($"Switchyard:Routes:{Route}:Targets:1:Provider", "openai"),
        new($"Switchyard:Routes:{Route}:Targets:1:Model", Small),
    ];
}

/// <summary>Provider embeddings for memory with a key budget on <c>memory-embedder</c> that no embedding fits.</summary>
public sealed class BudgetedEmbeddingsHarness : ProviderEmbeddingsHarness
{
    protected override IEnumerable<KeyValuePair<string, string?>> MemorySettings() =>
    [
        .. base.MemorySettings(),
        new("Switchyard:Costs:Budgets:0:Name", "memory-embeddings-capped"),
        new("Switchyard:Costs:Budgets:0:Scope", "key"),
        new("Switchyard:Costs:Budgets:0:Subject", "memory-embedder"),
        new("Switchyard:Costs:Budgets:0:LimitUsd", "0.0000000001"),
    ];
}

/// <summary>
/// Memory's provider embedder takes the gateway's embeddings path: the model setting names a route whose fallback
/// applies, and a failed embedding (every target down) degrades memory without failing a chat request.
/// </summary>
public sealed class RoutedEmbeddingsTests(RoutedEmbeddingsHarness harness) : IClassFixture<RoutedEmbeddingsHarness>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EmbeddingRoute_FirstTargetDown_FallsBack_AndMemoryStillRecalls_BilledToTheRoute()
    {
        await harness.ResetSimulatorAsync();
        await harness.SetScenarioAsync($$$"""{"rules":[{"api":"embeddings","model":"{{{RoutedEmbeddingsHarness.Large}}}","fault":{"kind":"status","status":503}}]}""");
        var session = "routed-embeddings-" + Guid.NewGuid().ToString("N");
        var talk = new MemoryTalk(harness, session);

        await talk.PlantAndChatAsync(12, Ct);
        await talk.SayAsync(MemoryTalk.Question, Ct);
        var sent = await harness.LastRequestWithAsync(MemoryTalk.Question);
        var embeddingModels = (await harness.SimulatorRequestsAsync()).Where(r => r.Path == "/v1/embeddings").Select(r => r.Body.GetProperty("model").GetString()).ToList();
        var (status, spend) = await harness.AdminAsync(HttpMethod.Get, "/admin/spend?group_by=key,route,model&key=memory-embedder");

        Assert.Contains("4711", sent.GetRawText(), StringComparison.Ordinal);
        Assert.Contains(RoutedEmbeddingsHarness.Large, embeddingModels);
        Assert.Contains(RoutedEmbeddingsHarness.Small, embeddingModels);
        Assert.Equal(200, status);
        var row = Assert.Single(spend.GetProperty("rows").EnumerateArray());
        Assert.Equal(RoutedEmbeddingsHarness.Route, row.GetProperty("route").GetString());
        Assert.Equal(RoutedEmbeddingsHarness.Small, row.GetProperty("model").GetString());
        await harness.ResetSimulatorAsync();
    }

    [Fact]
    public async Task EveryEmbeddingTargetDown_ChatRequestsSucceed_AndMemoryReportsTheDegradation()
    {
        await harness.ResetSimulatorAsync();
        await harness.SetScenarioAsync("""{"rules":[{"api":"embeddings","fault":{"kind":"status","status":503}}]}""");
        var session = "embeddings-down-" + Guid.NewGuid().ToString("N");

        var (_, last, _) = await DegradedConversation.RunAsync(harness, session, Ct);
        var embeddingModels = (await harness.SimulatorRequestsAsync()).Where(r => r.Path == "/v1/embeddings").Select(r => r.Body.GetProperty("model").GetString()).ToHashSet();

        Assert.StartsWith("indexing failed: The embeddings call failed", last.GetProperty("degraded").GetString(), StringComparison.Ordinal);
        Assert.Equal([RoutedEmbeddingsHarness.Large, RoutedEmbeddingsHarness.Small], embeddingModels.Order());
        await harness.ResetSimulatorAsync();
    }
}

/// <summary>A budget that refuses memory's embeddings degrades memory; the chat requests are served regardless.</summary>
public sealed class BudgetedEmbeddingsTests(BudgetedEmbeddingsHarness harness) : IClassFixture<BudgetedEmbeddingsHarness>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EmbedderKeyBudgetSpent_ChatRequestsSucceed_NoEmbeddingCall_MemoryDegraded()
    {
        await harness.ResetSimulatorAsync();
        var session = "budgeted-embeddings-" + Guid.NewGuid().ToString("N");

        var (_, last, stats) = await DegradedConversation.RunAsync(harness, session, Ct);

        Assert.Equal("indexing failed: The embeddings call failed (BudgetExceeded).", last.GetProperty("degraded").GetString());
        Assert.False(stats.GetProperty("byApi").TryGetProperty("embeddings", out JsonElement _), "The budget refuses before any embedding call.");
    }
}
