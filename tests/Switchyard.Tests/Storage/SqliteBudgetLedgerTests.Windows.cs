using Switchyard.Costs;
using Switchyard.Storage;

namespace Switchyard.Tests.Storage;

public sealed partial class SqliteBudgetLedgerTests
{
    private static async Task<decimal> SpentAsync(SqliteBudgetLedger ledger) =>
        Assert.Single(await ledger.GetStatesAsync("acme", "key-1", "chat", Ct)).SpentUsd;

    [Fact]
    public async Task GetStatesAsync_DayWindow_SpendFallsOutAtUtcMidnight()
    {
        await using var ledger = Open(Hard("daily", 10m));
        await ledger.RecordAsync(Spend(1m), Ct);
        _time.SetUtcNow(new DateTimeOffset(2026, 3, 14, 23, 59, 59, TimeSpan.Zero));
        await ledger.RecordAsync(Spend(2m), Ct);
        Assert.Equal(3m, await SpentAsync(ledger));

        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(0m, await SpentAsync(ledger));
    }

    [Fact]
    public async Task GetStatesAsync_MonthWindow_KeepsSpendAcrossDaysUntilMonthEnds()
    {
        await using var ledger = Open(Hard("monthly", 10m, window: BudgetWindowKind.Month));
        await ledger.RecordAsync(Spend(1m), Ct);
        _time.Advance(TimeSpan.FromDays(10));
        await ledger.RecordAsync(Spend(2m), Ct);
        Assert.Equal(3m, await SpentAsync(ledger));

        _time.SetUtcNow(new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal(0m, await SpentAsync(ledger));
    }

    [Fact]
    public async Task GetStatesAsync_RollingWindow_DropsSpendOlderThanPeriodInsideAnHour()
    {
        var rolling = Hard("rolling", 10m, window: BudgetWindowKind.Rolling) with { RollingPeriod = TimeSpan.FromMinutes(90) };
        await using var ledger = Open(rolling);
        await ledger.RecordAsync(Spend(1m), Ct);                // 10:20
        _time.Advance(TimeSpan.FromMinutes(50));
        await ledger.RecordAsync(Spend(2m), Ct);                // 11:10

        _time.SetUtcNow(Start.AddMinutes(89));                  // 11:49: window starts 10:19
        Assert.Equal(3m, await SpentAsync(ledger));
        _time.SetUtcNow(Start.AddMinutes(109));                 // 12:09: window starts 10:39
        Assert.Equal(2m, await SpentAsync(ledger));
        _time.SetUtcNow(Start.AddMinutes(50 + 91));             // 12:41: window starts 11:11
        Assert.Equal(0m, await SpentAsync(ledger));
    }

    [Fact]
    public async Task GetStatesAsync_RollingWindowOverManyHours_SumsHourlyRollUpAndEdge()
    {
        var rolling = Hard("rolling", 100m, window: BudgetWindowKind.Rolling) with { RollingPeriod = TimeSpan.FromHours(24) };
        await using var ledger = Open(rolling);
        for (var i = 0; i < 30; i++)
        {
            await ledger.RecordAsync(Spend(1m), Ct);
            _time.Advance(TimeSpan.FromHours(1));
        }

        // Spend at hh:20 for 30 hours; the window now starts exactly on the 7th, so the last 24 count.
        Assert.Equal(24m, await SpentAsync(ledger));
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(23m, await SpentAsync(ledger));
    }

    [Fact]
    public async Task ExpireReservationsAsync_KilledProcessReservations_StopCountingAndAreDeleted()
    {
        var killed = Open(Hard("global", 1m));
        Assert.True((await killed.ReserveAsync(Ask(0.6m), Ttl, Ct)).Admitted);
        Assert.True((await killed.ReserveAsync(Ask(0.3m), Ttl, Ct)).Admitted);
        await killed.DisposeAsync();

        await using var restarted = Open(Hard("global", 1m));
        Assert.False((await restarted.ReserveAsync(Ask(0.5m), Ttl, Ct)).Admitted);
        Assert.Equal(0, await restarted.ExpireReservationsAsync(Ct));

        _time.Advance(Ttl + TimeSpan.FromMilliseconds(1));

        Assert.Equal(0m, Assert.Single(await restarted.GetStatesAsync("acme", "key-1", "chat", Ct)).ReservedUsd);
        var admitted = await restarted.ReserveAsync(Ask(0.5m), Ttl, Ct);
        Assert.True(admitted.Admitted);
        Assert.Equal(2, await restarted.ExpireReservationsAsync(Ct));
        Assert.Equal(0.5m, Assert.Single(await restarted.GetStatesAsync("acme", "key-1", "chat", Ct)).ReservedUsd);
    }

    [Fact]
    public async Task UpdateBudgets_NewList_IsEnforcedAndSpendKept()
    {
        await using var ledger = Open(Hard("global", 1m));
        await ledger.RecordAsync(Spend(0.9m), Ct);
        Assert.False((await ledger.ReserveAsync(Ask(0.5m), Ttl, Ct)).Admitted);

        ledger.UpdateBudgets([Hard("global", 2m)]);

        var outcome = await ledger.ReserveAsync(Ask(0.5m), Ttl, Ct);
        Assert.True(outcome.Admitted);
        Assert.Equal(0.9m, Assert.Single(outcome.Budgets).SpentUsd);
    }

    [Fact]
    public async Task UpdateBudgets_InvalidList_ThrowsWithEveryErrorAndKeepsOldList()
    {
        await using var ledger = Open(Hard("global", 1m));
        BudgetDefinition[] invalid = [Hard("a", -1m), Hard("a", 1m, window: BudgetWindowKind.Rolling)];

        var error = Assert.Throws<ArgumentException>(() => ledger.UpdateBudgets(invalid));

        Assert.Contains("budgets[0].LimitUsd", error.Message, StringComparison.Ordinal);
        Assert.Contains("budgets[1].Name", error.Message, StringComparison.Ordinal);
        Assert.Contains("budgets[1].RollingPeriod", error.Message, StringComparison.Ordinal);
        Assert.Equal("global", Assert.Single(ledger.Budgets).Name);
    }

    [Fact]
    public async Task Constructor_ExistingFile_KeepsSpendAcrossReopen()
    {
        await using (var first = Open(Hard("global", 10m)))
        {
            await first.RecordAsync(Spend(1.5m), Ct);
        }

        await using var second = new SqliteBudgetLedger($"Data Source={_database.Path}", [Hard("global", 10m)], _time);

        Assert.Equal(1.5m, await SpentAsync(second));
    }
}
