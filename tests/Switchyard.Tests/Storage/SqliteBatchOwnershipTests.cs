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

    [Fact]
    public async Task Reservation_KeptWithTheBatch_ReadAfterReopen()
    {
        using var db = new TempDatabase();
        var reservation = new BatchReservation(Guid.NewGuid(), 0.123456789m);
        await using (var store = new SqliteBatchOwnership(db.Path))
        {
            await store.AddBatchAsync(BatchObjectKind.AnthropicBatch, "msgbatch_1", "acme", "k", reservation, Ct);
            await store.AddBatchAsync(BatchObjectKind.OpenAIBatch, "batch_2", "acme", "k", null, Ct);
        }

        await using var reopened = new SqliteBatchOwnership(db.Path);
        Assert.Equal(reservation, await reopened.FindReservationAsync("msgbatch_1", Ct));
        Assert.Null(await reopened.FindReservationAsync("batch_2", Ct));
        Assert.Null(await reopened.FindReservationAsync("batch_unknown", Ct));
    }

    [Fact]
    public async Task FileWithoutReservationColumns_GainsThem_KeepsItsRows()
    {
        using var db = new TempDatabase();
        using (var old = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db.Path};Pooling=False"))
        {
            old.Open();
            using var create = old.CreateCommand();
            create.CommandText = """
                CREATE TABLE batch_objects (seq INTEGER PRIMARY KEY AUTOINCREMENT, kind INTEGER NOT NULL, id TEXT NOT NULL,
                  tenant TEXT NOT NULL, key_name TEXT NOT NULL, billed INTEGER NOT NULL DEFAULT 0, UNIQUE (kind, id));
                INSERT INTO batch_objects (kind, id, tenant, key_name) VALUES (1, 'batch_old', 'acme', 'k');
                """;
            create.ExecuteNonQuery();
        }

        var reservation = new BatchReservation(Guid.NewGuid(), 2m);
        await using (var first = new SqliteBatchOwnership(db.Path))
        await using (var second = new SqliteBatchOwnership(db.Path))
        {
            await second.AddBatchAsync(BatchObjectKind.OpenAIBatch, "batch_new", "acme", "k", reservation, Ct);

            Assert.Equal("k", await first.FindAsync(BatchObjectKind.OpenAIBatch, "batch_old", "acme", Ct));
            Assert.Null(await first.FindReservationAsync("batch_old", Ct));
            Assert.Equal(reservation, await first.FindReservationAsync("batch_new", Ct));
        }
    }
}
