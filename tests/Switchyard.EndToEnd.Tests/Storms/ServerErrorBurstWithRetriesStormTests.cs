namespace Switchyard.EndToEnd.Tests.Storms;

/// <summary>
/// (b′) The 5xx burst (60% of primary calls fail) on a route that retries server errors and rate limits on the same target: the retry budget
/// (10% of first attempts plus a floor of 5/s) and the breaker must still keep the primary at ≤ 1.1 calls per request.
/// </summary>
public sealed class ServerErrorBurstWithRetriesStormTests(ServerErrorBurstWithRetriesStormTests.Harness harness) : IClassFixture<ServerErrorBurstWithRetriesStormTests.Harness>
{
    private static readonly TimeSpan StormLength = TimeSpan.FromSeconds(6);

    private static readonly TimeSpan After = TimeSpan.FromSeconds(6);

    private static readonly TimeSpan RecoveryBound = StormHarness.MaxBreakDuration + StormHarness.FirstTokenTimeout + TimeSpan.FromSeconds(1);

    public sealed class Harness : StormHarness
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
        [
            .. base.ExtraSettings(),
            Setting($"Switchyard:Routes:{RouteName}:Fallback:ServerError", "retry"),
            Setting($"Switchyard:Routes:{RouteName}:Fallback:Overloaded", "retry"),
            Setting($"Switchyard:Routes:{RouteName}:Fallback:RateLimited", "retry"),
        ];
    }

    [Fact]
    public async Task Storm_SixtyPercentOfPrimaryCallsFailOnARetryingRoute_RetryBudgetKeepsThePrimaryUnderOnePointOneCallsPerRequest()
    {
        var scenario = StormScenario.Load("5xx-burst.json", StormLength);
        var report = await harness.RunAsync(scenario, stream: false, After, TestContext.Current.CancellationToken);

        StormAssert.ContractHolds(report, RecoveryBound, probesOnly: false);
    }
}
