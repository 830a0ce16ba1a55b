using Switchyard.Storage;

namespace Switchyard.Tests.Storage;

/// <summary>The batch doors' ownership table: tenant scoping, newest-first paging, the one-time billing claim.</summary>
public sealed class SqliteBatchOwnershipTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Find_OtherTenantOrKind_IsNull()
    {
        using var db = new TempDatabase();
        await using var store = new SqliteBatchOwnership(db.Path);
        await store.AddAsync(BatchObjectKind.OpenAIBatch, "batch_1", "acme", "k1", Ct);
        await store.AddAsync(BatchObjectKind.OpenAIBatch, "batch_1", "globex", "k2", Ct);

        Assert.Equal("k1", await store.FindAsync(BatchObjectKind.OpenAIBatch, "batch_1", "acme", Ct));
        Assert.Null(await store.FindAsync(BatchObjectKind.OpenAIBatch, "batch_1", "globex", Ct));
        Assert.Null(await store.FindAsync(BatchObjectKind.OpenAIFile, "batch_1", "acme", Ct));
    }

    [Fact]
    public async Task List_PagesNewestFirstPerTenant_BothDirections()
    {
        using var db = new TempDatabase();
        await using var store = new SqliteBatchOwnership(db.Path);
        foreach (var id in new[] { "b1", "b2", "x1", "b3", "b4" })
        {
            await store.AddAsync(BatchObjectKind.AnthropicBatch, id, id[0] == 'x' ? "globex" : "acme", "k", Ct);
        }

        Assert.Equal(["b4", "b3"], await store.ListAsync(BatchObjectKind.AnthropicBatch, "acme", null, 2, Ct));
        Assert.Equal(["b2", "b1"], await store.ListAsync(BatchObjectKind.AnthropicBatch, "acme", "b3", 5, Ct));
        Assert.Equal(["b4", "b3"], await store.ListBeforeAsync(BatchObjectKind.AnthropicBatch, "acme", "b2", 5, Ct));
        Assert.Empty(await store.ListAsync(BatchObjectKind.AnthropicBatch, "acme", "x1", 5, Ct));
    }

    [Fact]
    public async Task ClaimBilling_WonOnceAcrossInstances_SurvivesReopen()
    {
        using var db = new TempDatabase();
        await using (var first = new SqliteBatchOwnership(db.Path))
        await using (var second = new SqliteBatchOwnership(db.Path))
        {
            await first.AddAsync(BatchObjectKind.OpenAIBatch, "batch_1", "acme", "k", Ct);
            var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => (i % 2 == 0 ? first : second).ClaimBillingAsync("batch_1", Ct)));

            Assert.Equal(1, claims.Count(c => c));
            Assert.False(await first.ClaimBillingAsync("batch_unknown", Ct));
        }

        await using var reopened = new SqliteBatchOwnership(db.Path);
        Assert.False(await reopened.ClaimBillingAsync("batch_1", Ct));
    }
}
