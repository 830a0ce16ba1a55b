using Switchyard.Costs;
using Switchyard.Model;

namespace Switchyard.Tests.Storage;

public sealed partial class SqliteBudgetLedgerTests
{
    private async Task<Switchyard.Storage.SqliteBudgetLedger> SeededAsync()
    {
        var ledger = Open();
        await ledger.RecordAsync(Spend(1m, tenant: "acme", key: "k1", route: "chat", model: "gpt-4o"), Ct);
        await ledger.RecordAsync(Spend(2m, tenant: "acme", key: "k2", route: "chat", model: "gpt-4o-mini"), Ct);
        _time.Advance(TimeSpan.FromDays(1));
        await ledger.RecordAsync(Spend(4m, tenant: "acme", key: "k1", route: "batch", model: "gpt-4o") with { Batch = true }, Ct);
        await ledger.RecordAsync(Spend(8m, tenant: "globex", key: "g1", route: "chat", model: "claude-sonnet-4-5"), Ct);
        return ledger;
    }

    [Fact]
    public async Task QuerySpendAsync_NoGrouping_ReturnsOneTotalRow()
    {
        await using var ledger = await SeededAsync();

        var total = Assert.Single(await ledger.QuerySpendAsync(new SpendQuery(), Ct));

        Assert.Equal(new SpendRow(null, null, null, null, null, null, 4, 4000, 400, 15m) { CachedInputTokens = 800, CacheWriteTokens = 200 }, total);
    }

    [Fact]
    public async Task QuerySpendAsync_EmptyLedger_ReturnsZeroTotal()
    {
        await using var ledger = Open();

        var total = Assert.Single(await ledger.QuerySpendAsync(new SpendQuery(), Ct));

        Assert.Equal(0, total.Requests);
        Assert.Equal(0m, total.CostUsd);
    }

    [Theory]
    [InlineData(SpendGrouping.Tenant, "acme=7;globex=8")]
    [InlineData(SpendGrouping.Key, "g1=8;k1=5;k2=2")]
    [InlineData(SpendGrouping.Route, "batch=4;chat=11")]
    [InlineData(SpendGrouping.Model, "claude-sonnet-4-5=8;gpt-4o=5;gpt-4o-mini=2")]
    [InlineData(SpendGrouping.Day, "2026-03-14=3;2026-03-15=12")]
    [InlineData(SpendGrouping.Tenant | SpendGrouping.Day, "acme/2026-03-14=3;acme/2026-03-15=4;globex/2026-03-15=8")]
    public async Task QuerySpendAsync_GroupBy_SumsPerGroupInKeyOrder(SpendGrouping grouping, string expected)
    {
        await using var ledger = await SeededAsync();

        var rows = await ledger.QuerySpendAsync(new SpendQuery { GroupBy = grouping }, Ct);

        Assert.Equal(expected, string.Join(";", rows.Select(r => $"{Label(r)}={r.CostUsd:0.##}")));
    }

    [Fact]
    public async Task QuerySpendAsync_Filters_CombineWithAnd()
    {
        await using var ledger = await SeededAsync();
        var secondDay = new DateTimeOffset(2026, 3, 15, 0, 0, 0, TimeSpan.Zero);

        var acmeSecondDay = await ledger.QuerySpendAsync(new SpendQuery { Tenant = "acme", From = secondDay }, Ct);
        var firstDay = await ledger.QuerySpendAsync(new SpendQuery { To = secondDay, GroupBy = SpendGrouping.Key }, Ct);
        var gpt4oChat = await ledger.QuerySpendAsync(new SpendQuery { Model = "gpt-4o", Route = "chat", KeyName = "k1" }, Ct);

        Assert.Equal(4m, Assert.Single(acmeSecondDay).CostUsd);
        Assert.Equal(["k1", "k2"], firstDay.Select(r => r.KeyName));
        Assert.Equal(1, Assert.Single(gpt4oChat).Requests);
        Assert.Equal(1m, gpt4oChat[0].CostUsd);
    }

    [Fact]
    public async Task QuerySpendAsync_GroupedRows_LeaveUngroupedKeysNull()
    {
        await using var ledger = await SeededAsync();

        var row = (await ledger.QuerySpendAsync(new SpendQuery { GroupBy = SpendGrouping.Model, Tenant = "globex" }, Ct))[0];

        Assert.Equal("claude-sonnet-4-5", row.Model);
        Assert.Null(row.Tenant);
        Assert.Null(row.KeyName);
        Assert.Null(row.Day);
        Assert.Equal(new TokenUsage(1000, 100).InputTokens, row.InputTokens);
    }

    private static string Label(SpendRow row) =>
        string.Join("/", new[] { row.Tenant, row.KeyName, row.Route, row.Provider, row.Model, row.Day?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }.Where(k => k is not null));
}
