using System.Globalization;

namespace Switchyard.EndToEnd.Tests.Memory;

/// <summary>The memory harness with provider embeddings: OpenAI <c>text-embedding-3-small</c> at 256 dimensions, served by the simulator.</summary>
public class ProviderEmbeddingsHarness : MemoryHarness
{
    protected override IEnumerable<KeyValuePair<string, string?>> MemorySettings() =>
    [
        new("Switchyard:Memory:Embedder", "openai"),
        new("Switchyard:Memory:EmbeddingDimensions", "256"),
    ];
}

/// <summary>
/// <c>Memory:Embedder=openai</c> end to end: the gateway embeds turns and queries through the simulator's
/// <c>/v1/embeddings</c> through its own embeddings path, recalls a planted fact after it left the window, and bills the
/// embedding calls to the tenant.
/// </summary>
public sealed class ProviderEmbeddingsTests(ProviderEmbeddingsHarness harness) : IClassFixture<ProviderEmbeddingsHarness>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OpenAIEmbedder_RecallsAPlantedFact_SimulatorSawEmbeddingCalls_SpendInTheLedger()
    {
        await harness.ResetSimulatorAsync();
        var session = "provider-embeddings-" + Guid.NewGuid().ToString("N");
        var talk = new MemoryTalk(harness, session);

        await talk.PlantAndChatAsync(12, Ct);
        await talk.SayAsync(MemoryTalk.Question, Ct);
        var sent = await harness.LastRequestWithAsync(MemoryTalk.Question);
        var embeddingCalls = (await harness.SimulatorRequestsAsync()).Where(r => r.Path == "/v1/embeddings").Select(r => r.Body).ToList();
        var (status, spend) = await harness.AdminAsync(HttpMethod.Get, "/admin/spend?group_by=key,route,model&key=memory-embedder");

        Assert.Contains("4711", sent.GetRawText(), StringComparison.Ordinal);
        Assert.NotEmpty(embeddingCalls);
        Assert.All(embeddingCalls, b =>
        {
            Assert.Equal("text-embedding-3-small", b.GetProperty("model").GetString());
            Assert.Equal(256, b.GetProperty("dimensions").GetInt32());
        });
        Assert.Equal(200, status);
        var row = Assert.Single(spend.GetProperty("rows").EnumerateArray());
        Assert.Equal("text-embedding-3-small", row.GetProperty("model").GetString());
        // Served as a request for the plain model is: its route is the model's name.
        Assert.Equal("text-embedding-3-small", row.GetProperty("route").GetString());
        var tokens = row.GetProperty("input_tokens").GetInt64();
        Assert.True(tokens > 50, row.GetRawText());
        // $0.02 per million input tokens.
        Assert.Equal(tokens * 0.02m / 1_000_000m, decimal.Parse(row.GetProperty("cost_usd").GetRawText(), CultureInfo.InvariantCulture), 9);
    }
}
