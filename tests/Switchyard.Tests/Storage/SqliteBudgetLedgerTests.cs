using Microsoft.Extensions.Time.Testing;
using Switchyard.Costs;
using Switchyard.Model;
using Switchyard.Storage;

namespace Switchyard.Tests.Storage;

public sealed partial class SqliteBudgetLedgerTests : IDisposable
{
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(5);
    private static readonly DateTimeOffset Start = new(2026, 3, 14, 10, 20, 0, TimeSpan.Zero);

    private readonly TempDatabase _database = new();
    private readonly FakeTimeProvider _time = new(Start);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _database.Dispose();

    private SqliteBudgetLedger Open(params BudgetDefinition[] budgets) => new(_database.Path, budgets, _time);

    private static BudgetDefinition Hard(string name, decimal limit, BudgetScope scope = BudgetScope.Global, string? subject = null, BudgetWindowKind window = BudgetWindowKind.Day) =>
        new(name, scope, subject, window, limit, Hard: true);

    private static BudgetDefinition Soft(string name, decimal limit, BudgetScope scope = BudgetScope.Global, string? subject = null) =>
        new(name, scope, subject, BudgetWindowKind.Day, limit, Hard: false);

    private static ReservationRequest Ask(decimal usd, string tenant = "acme", string key = "key-1", string route = "chat") =>
        new(tenant, key, route, "openai", "gpt-4o", usd);

    private static SpendRecord Spend(decimal usd, string tenant = "acme", string key = "key-1", string route = "chat", string model = "gpt-4o") =>
        new(tenant, key, route, "openai", model, new TokenUsage(1000, 100, CachedInputTokens: 200, CacheWriteTokens: 50), usd);

    [Fact]
    public async Task ReserveAsync_WithinHardCap_AdmitsAndCountsReservation()
    {
        await using var ledger = Open(Hard("global", 1m));

        var outcome = await ledger.ReserveAsync(Ask(0.4m), Ttl, Ct);

        Assert.True(outcome.Admitted);
        Assert.NotEqual(Guid.Empty, outcome.ReservationId);
        Assert.Null(outcome.BlockedBy);
        Assert.Equal(0m, Assert.Single(outcome.Budgets).ReservedUsd);
        Assert.Equal(0.4m, Assert.Single(await ledger.GetStatesAsync("acme", "key-1", "chat", Ct)).ReservedUsd);
    }

    [Fact]
    public async Task ReserveAsync_HardCapWouldBeExceeded_RefusesAndReservesNothing()
    {
        await using var ledger = Open(Hard("global", 1m), Soft("tenant-soft", 100m, BudgetScope.Tenant));
        await ledger.RecordAsync(Spend(0.7m), Ct);

        var outcome = await ledger.ReserveAsync(Ask(0.4m), Ttl, Ct);

        Assert.False(outcome.Admitted);
        Assert.Equal(Guid.Empty, outcome.ReservationId);
        Assert.Equal("global", outcome.BlockedBy?.BudgetName);
        Assert.Equal(0.7m, outcome.BlockedBy?.SpentUsd);
        Assert.Equal(2, outcome.Budgets.Count);
        Assert.All(await ledger.GetStatesAsync("acme", "key-1", "chat", Ct), s => Assert.Equal(0m, s.ReservedUsd));
    }

    [Fact]
    public async Task ReserveAsync_EstimateExactlyFillsCap_Admits()
    {
        await using var ledger = Open(Hard("global", 1m));
        await ledger.RecordAsync(Spend(0.25m), Ct);
        Assert.True((await ledger.ReserveAsync(Ask(0.5m), Ttl, Ct)).Admitted);

        Assert.True((await ledger.ReserveAsync(Ask(0.25m), Ttl, Ct)).Admitted);
        Assert.False((await ledger.ReserveAsync(Ask(0.000000001m), Ttl, Ct)).Admitted);
    }

    [Fact]
    public async Task ReserveAsync_SoftCapExceeded_AdmitsAndReportsWithDowngradeRoute()
    {
        var soft = Soft("tenant-soft", 1m, BudgetScope.Tenant) with { DowngradeRoute = "cheap" };
        await using var ledger = Open(soft, Soft("roomy", 50m));
        await ledger.RecordAsync(Spend(0.9m), Ct);

        var outcome = await ledger.ReserveAsync(Ask(0.2m), Ttl, Ct);

        Assert.True(outcome.Admitted);
        var exceeded = Assert.Single(outcome.SoftExceeded);
        Assert.Equal("tenant-soft", exceeded.BudgetName);
        Assert.Equal("cheap", exceeded.DowngradeRoute);
        Assert.Equal("acme", exceeded.Subject);
    }

    [Fact]
    public async Task ReserveAsync_NullSubjectTenantBudget_LimitsEachTenantSeparately()
    {
        await using var ledger = Open(Hard("per-tenant", 1m, BudgetScope.Tenant));
        await ledger.RecordAsync(Spend(0.9m, tenant: "acme"), Ct);

        var acme = await ledger.ReserveAsync(Ask(0.2m, tenant: "acme"), Ttl, Ct);
        var globex = await ledger.ReserveAsync(Ask(0.2m, tenant: "globex"), Ttl, Ct);

        Assert.False(acme.Admitted);
        Assert.Equal("acme", acme.BlockedBy?.Subject);
        Assert.True(globex.Admitted);
        Assert.Equal(0m, Assert.Single(globex.Budgets).SpentUsd);
    }

    [Fact]
    public async Task ReserveAsync_NamedSubject_AppliesOnlyToThatKeyOrRoute()
    {
        await using var ledger = Open(Hard("key-cap", 0.1m, BudgetScope.Key, "key-1"), Hard("route-cap", 0.1m, BudgetScope.Route, "batchy"));

        var otherKey = await ledger.ReserveAsync(Ask(0.5m, key: "key-2"), Ttl, Ct);
        var cappedKey = await ledger.ReserveAsync(Ask(0.5m, key: "key-1"), Ttl, Ct);
        var cappedRoute = await ledger.ReserveAsync(Ask(0.5m, key: "key-2", route: "batchy"), Ttl, Ct);

        Assert.True(otherKey.Admitted);
        Assert.Empty(otherKey.Budgets);
        Assert.Equal("key-cap", cappedKey.BlockedBy?.BudgetName);
        Assert.Equal("route-cap", cappedRoute.BlockedBy?.BudgetName);
    }

    [Fact]
    public async Task ReserveAsync_InvalidArguments_Throw()
    {
        await using var ledger = Open();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => ledger.ReserveAsync(Ask(-1m), Ttl, Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => ledger.ReserveAsync(Ask(1m), TimeSpan.Zero, Ct));
    }

    [Fact]
    public async Task SettleAsync_Reservation_IsReplacedByActualSpend()
    {
        await using var ledger = Open(Hard("global", 1m));
        var outcome = await ledger.ReserveAsync(Ask(0.8m), Ttl, Ct);

        await ledger.SettleAsync(outcome.ReservationId, Spend(0.3m), Ct);

        var state = Assert.Single(await ledger.GetStatesAsync("acme", "key-1", "chat", Ct));
        Assert.Equal(0.3m, state.SpentUsd);
        Assert.Equal(0m, state.ReservedUsd);
        Assert.Equal(0.7m, state.RemainingUsd);
    }

    [Fact]
    public async Task SettleAsync_UnknownReservation_StillRecordsSpend()
    {
        await using var ledger = Open(Hard("global", 1m));

        await ledger.SettleAsync(Guid.NewGuid(), Spend(0.3m), Ct);

        Assert.Equal(0.3m, Assert.Single(await ledger.GetStatesAsync("acme", "key-1", "chat", Ct)).SpentUsd);
    }

    [Fact]
    public async Task ReleaseAsync_Reservation_FreesItWithoutSpend()
    {
        await using var ledger = Open(Hard("global", 1m));
        var first = await ledger.ReserveAsync(Ask(0.8m), Ttl, Ct);
        Assert.False((await ledger.ReserveAsync(Ask(0.8m), Ttl, Ct)).Admitted);

        await ledger.ReleaseAsync(first.ReservationId, Ct);

        Assert.True((await ledger.ReserveAsync(Ask(0.8m), Ttl, Ct)).Admitted);
        Assert.Equal(0m, Assert.Single(await ledger.GetStatesAsync("acme", "key-1", "chat", Ct)).SpentUsd);
    }

    [Fact]
    public async Task SettleAsync_AmountsWithManyDecimals_AreSummedExactly()
    {
        await using var ledger = Open(Hard("global", 1m));
        var nano = PriceBook.Cost(PriceBook.Default.Find("gpt-4.1-nano")!, new TokenUsage(40, 0, CachedInputTokens: 40));

        for (var i = 0; i < 1000; i++)
        {
            await ledger.RecordAsync(Spend(nano), Ct);
        }

        Assert.Equal(nano * 1000, Assert.Single(await ledger.GetStatesAsync("acme", "key-1", "chat", Ct)).SpentUsd);
    }
}
