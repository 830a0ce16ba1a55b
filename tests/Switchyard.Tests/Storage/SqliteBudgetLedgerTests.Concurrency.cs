using System.Collections.Concurrent;
using Switchyard.Costs;
using Switchyard.Storage;

namespace Switchyard.Tests.Storage;

public sealed partial class SqliteBudgetLedgerTests
{
    private const decimal Cap = 5m;
    private const decimal Estimate = 0.1m;

    [Fact]
    public async Task ReserveAsync_200ParallelAgainstCapFor50_NeverOvershootsAndNeverRefusesWithRoom()
    {
        await using var ledger = Open(Hard("global", Cap));
        var outcomes = new ConcurrentBag<ReservationOutcome>();

        await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(() => ReserveAndSettleAsync(ledger, outcomes), Ct)));

        AssertConsistent(outcomes);
        Assert.Equal(50, outcomes.Count(o => o.Admitted));
        Assert.Equal(Cap, Assert.Single(await ledger.GetStatesAsync("acme", "key-1", "chat", Ct)).SpentUsd);
    }

    [Fact]
    public async Task ReserveAsync_TwoLedgersOnOneFile_NeverOvershootTogether()
    {
        await using var first = Open(Hard("global", Cap));
        await using var second = new SqliteBudgetLedger(_database.Path, [Hard("global", Cap)], _time);
        var outcomes = new ConcurrentBag<ReservationOutcome>();

        await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            Task.Run(() => ReserveAndSettleAsync(i % 2 == 0 ? first : second, outcomes), Ct)));

        AssertConsistent(outcomes);
        Assert.Equal(50, outcomes.Count(o => o.Admitted));
        // Each ledger commits its settles in the background; the other file user sees them once committed.
        await first.FlushAsync(Ct);
        await second.FlushAsync(Ct);
        Assert.Equal(Cap, Assert.Single(await second.GetStatesAsync("acme", "key-1", "chat", Ct)).SpentUsd);
        Assert.Equal(Cap, (await first.QuerySpendAsync(new SpendQuery(), Ct))[0].CostUsd);
    }

    private static async Task ReserveAndSettleAsync(SqliteBudgetLedger ledger, ConcurrentBag<ReservationOutcome> outcomes)
    {
        var outcome = await ledger.ReserveAsync(Ask(Estimate), Ttl, Ct);
        outcomes.Add(outcome);
        if (outcome.Admitted)
        {
            await Task.Yield();
            await ledger.SettleAsync(outcome.ReservationId, Spend(Estimate), Ct);
        }
    }

    private static void AssertConsistent(IEnumerable<ReservationOutcome> outcomes)
    {
        foreach (var outcome in outcomes)
        {
            var state = Assert.Single(outcome.Budgets);
            var atCheck = state.SpentUsd + state.ReservedUsd + Estimate;
            if (outcome.Admitted)
            {
                Assert.True(atCheck <= Cap, $"admitted at {atCheck}");
            }
            else
            {
                Assert.Same(state, outcome.BlockedBy);
                Assert.True(atCheck > Cap, $"refused with room: {atCheck}");
            }
        }
    }
}
