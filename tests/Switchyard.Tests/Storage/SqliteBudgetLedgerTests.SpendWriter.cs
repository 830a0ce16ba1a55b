using Switchyard.Costs;

namespace Switchyard.Tests.Storage;

// Settles and records are committed by a background writer; these pin what that must never change: nothing is lost on
// a clean shutdown, the queue is invisible inside the process, and the file catches up without any other call.
public sealed partial class SqliteBudgetLedgerTests
{
    [Fact]
    public async Task DisposeAsync_ManySettlesAndRecordsQueued_AllCommittedToTheFile()
    {
        var ledger = Open(Hard("global", 1_000m));
        var reservations = new List<Guid>();
        for (var i = 0; i < 50; i++)
        {
            reservations.Add((await ledger.ReserveAsync(Ask(1m), Ttl, Ct)).ReservationId);
        }

        await Task.WhenAll(Enumerable.Range(0, 500).Select(i => Task.Run(() => i < 50
            ? ledger.SettleAsync(reservations[i], Spend(0.01m), Ct)
            : ledger.RecordAsync(Spend(0.01m), Ct), Ct)));
        await ledger.DisposeAsync();

        await using var reopened = Open(Hard("global", 1_000m));
        var total = Assert.Single(await reopened.QuerySpendAsync(new SpendQuery(), Ct));
        Assert.Equal(500, total.Requests);
        Assert.Equal(5m, total.CostUsd);
        Assert.Equal(0m, Assert.Single(await reopened.GetStatesAsync("acme", "key-1", "chat", Ct)).ReservedUsd);
    }

    [Fact]
    public async Task SettleAsync_ThenReserveOnTheSameLedger_SeesTheSpendAndNotTheReservation()
    {
        await using var ledger = Open(Hard("global", 1m));
        var first = await ledger.ReserveAsync(Ask(0.9m), Ttl, Ct);
        await ledger.SettleAsync(first.ReservationId, Spend(0.6m), Ct);

        var second = await ledger.ReserveAsync(Ask(0.5m), Ttl, Ct);

        Assert.False(second.Admitted);
        var state = Assert.Single(second.Budgets);
        Assert.Equal(0.6m, state.SpentUsd);
        Assert.Equal(0m, state.ReservedUsd);
    }

    [Fact]
    public async Task RecordAsync_NoFurtherCall_ReachesAnotherLedgerOnTheFileWithinSeconds()
    {
        await using var writer = Open();
        await using var reader = Open();
        await writer.RecordAsync(Spend(0.25m), Ct);

        var deadline = DateTime.UtcNow.AddSeconds(10);
        var seen = 0m;
        while (DateTime.UtcNow < deadline && seen != 0.25m)
        {
            seen = Assert.Single(await reader.QuerySpendAsync(new SpendQuery(), Ct)).CostUsd;
            await Task.Delay(10, Ct);
        }

        Assert.Equal(0.25m, seen);
    }

    [Fact]
    public async Task RecordAsync_OneCallerPacedLikeAKeepAliveClient_IsGatheredIntoFewCommits()
    {
        await using var ledger = Open();
        await using var reader = Open();

        // One connection's requests: a record every ~2 ms, each after the previous one returned. Before the writer
        // gathered, each woke it and took a transaction of its own (40 here).
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        for (var i = 0; i < 40; i++)
        {
            await ledger.RecordAsync(Spend(0.01m), Ct);
            await Task.Delay(2, Ct);
        }

        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline && (await reader.QuerySpendAsync(new SpendQuery(), Ct)).Sum(t => t.Requests) < 40)
        {
            await Task.Delay(10, Ct);
        }

        Assert.Equal(40, (await reader.QuerySpendAsync(new SpendQuery(), Ct)).Sum(t => t.Requests));
        // At most one commit per 50 ms gather while the records came in, and one after: here 80-120 ms, so about 3.
        var gathers = (int)(elapsed.TotalMilliseconds / 50) + 2;
        Assert.InRange(ledger.SpendCommits, 1, Math.Min(39, gathers));
    }

    [Fact]
    public async Task FlushAsync_AfterRecord_IsDurableForAnotherLedger()
    {
        await using var writer = Open();
        await using var reader = Open();
        await writer.RecordAsync(Spend(0.5m), Ct);

        await writer.FlushAsync(Ct);

        Assert.Equal(0.5m, Assert.Single(await reader.QuerySpendAsync(new SpendQuery(), Ct)).CostUsd);
    }

    [Fact]
    public async Task RecordAsync_AfterDispose_Throws()
    {
        var ledger = Open();
        await ledger.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => ledger.RecordAsync(Spend(0.5m), Ct));
    }
}
