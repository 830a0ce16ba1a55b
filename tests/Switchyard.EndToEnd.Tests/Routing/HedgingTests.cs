using System.Net;

namespace Switchyard.EndToEnd.Tests.Routing;

/// <summary>
/// Hedging: when the primary has produced nothing after <c>HedgeAfterMs</c>, the secondary starts too; the first to its
/// commit point wins, the loser is cancelled upstream, and both are charged (the provider bills a request it received).
/// </summary>
public sealed class HedgingTests(HedgingTests.Harness harness) : IClassFixture<HedgingTests.Harness>, IAsyncLifetime
{
    public sealed class Harness : RoutingHarness
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
        [
            .. Route("hedged", PrimaryModel, SecondaryModel),
            Setting("Switchyard:Routes:hedged:HedgeAfterMs", "150"),
            // A budget makes the gateway reserve and settle, so every billed attempt lands in the ledger.
            Setting("Switchyard:Costs:Budgets:0:Name", "acme-daily"),
            Setting("Switchyard:Costs:Budgets:0:Scope", "tenant"),
            Setting("Switchyard:Costs:Budgets:0:LimitUsd", "100"),
        ];
    }

    public ValueTask InitializeAsync() => new(harness.ResetSimulatorAsync());

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Theory]
    [InlineData(true)]
    [InlineData(false)] // no response headers before the cancel: the request was still sent, so it is charged
    public async Task Post_PrimarySlowerThanTheHedgeDelay_HedgeWinsPrimaryIsCancelledAndBothAreCharged(bool stream)
    {
        await harness.SetScenarioAsync("""{"rules":[{"provider":"openai","model":"gpt-4o-mini","fault":{"kind":"stall","afterEvents":0,"seconds":2}}]}""");
        var before = await SpentByModelAsync();

        using var response = await harness.PostChatAsync(RoutingHarness.ChatBody("hedged", stream));
        await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("anthropic", RoutingHarness.Header(response, "x-switchyard-provider"));
        Assert.Equal("2", RoutingHarness.Header(response, "x-switchyard-attempts"));
        var cancelled = 0L;
        for (var i = 0; i < 40 && cancelled == 0; i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
            cancelled = (await harness.SimulatorStatsAsync()).GetProperty("cancelled").GetInt64();
        }

        Assert.Equal(1, cancelled);
        var after = await SpentByModelAsync();
        Assert.True(after.GetValueOrDefault(RoutingHarness.SecondaryModel) > before.GetValueOrDefault(RoutingHarness.SecondaryModel), "the hedge that won is charged");
        Assert.True(after.GetValueOrDefault(RoutingHarness.PrimaryModel) > before.GetValueOrDefault(RoutingHarness.PrimaryModel), "the cancelled primary is charged its estimated input");
    }

    private async Task<Dictionary<string, decimal>> SpentByModelAsync() =>
        (await harness.SpendAsync("group_by=model")).EnumerateArray().ToDictionary(
            r => r.GetProperty("model").GetString()!,
            r => r.GetProperty("cost_usd").GetDecimal());
}
