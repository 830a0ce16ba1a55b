using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Switchyard.Costs;
using Switchyard.Model;
using Switchyard.Storage;

namespace Switchyard.Tests.Storage;

public sealed class SpendRowInsertTests : IDisposable
{
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Write_ManyRowsOnceWarm_AllocatesNothingAndAddsEveryRowAndHourlySum()
    {
        // The ledger creates the schema; the statements then run on a connection of their own, as the writer's do.
        await (new SqliteBudgetLedger(_database.Path, [], new FakeTimeProvider())).DisposeAsync();
        using var connection = new SqliteConnection(SqliteFile.ConnectionString(_database.Path));
        connection.Open();
        using var rows = new SpendRowInsert(connection);
        var record = new SpendRecord("acme", "key-1", "chat", "openai", "gpt-4o-mini", new TokenUsage(1200, 80, CachedInputTokens: 200), 0.001m);
        const long HourMs = 1_773_482_400_000;
        using (var transaction = connection.BeginTransaction())
        {
            for (var i = 0; i < 10; i++)
            {
                rows.Write(Guid.NewGuid(), record, HourMs + i, HourMs, 1_000_000);
            }

            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 200; i++)
            {
                rows.Write(i % 2 == 0 ? null : Guid.Empty, record, HourMs + i, HourMs, 1_000_000);
            }

            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            transaction.Commit();
            Assert.Equal(0, allocated);
        }

        using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*), SUM(cost_nanos), MIN(tenant), MAX(model), SUM(input_tokens) FROM spend;";
        using (var reader = count.ExecuteReader())
        {
            Assert.True(reader.Read());
            Assert.Equal(210, reader.GetInt64(0));
            Assert.Equal(210_000_000, reader.GetInt64(1));
            Assert.Equal("acme", reader.GetString(2));
            Assert.Equal("gpt-4o-mini", reader.GetString(3));
            Assert.Equal(210 * 1200, reader.GetInt64(4));
        }

        count.CommandText = "SELECT COUNT(*), SUM(cost_nanos) FROM spend_hourly;";
        using var hourly = count.ExecuteReader();
        Assert.True(hourly.Read());
        Assert.Equal(1, hourly.GetInt64(0));
        Assert.Equal(210_000_000, hourly.GetInt64(1));
    }
}
