namespace Switchyard.EndToEnd.Tests.Storms;

/// <summary>(d) The primary stalls 10 s before its first token, far beyond the route's 500 ms first-token timeout (streaming requests).</summary>
public sealed class SlowFirstTokenStormTests(SlowFirstTokenStormTests.Harness harness) : IClassFixture<SlowFirstTokenStormTests.Harness>
{
    private static readonly TimeSpan StormLength = TimeSpan.FromSeconds(6);

    private static readonly TimeSpan After = TimeSpan.FromSeconds(6);

    /// <summary>The longest break (or the provider's retry-after, if longer), a probe's own first-token timeout, and slack for pacing.</summary>
    private static readonly TimeSpan RecoveryBound =
        (StormHarness.MaxBreakDuration > TimeSpan.FromSeconds(0) ? StormHarness.MaxBreakDuration : TimeSpan.FromSeconds(0)) + StormHarness.FirstTokenTimeout + TimeSpan.FromSeconds(1);

    public sealed class Harness : StormHarness;

    [Fact]
    public async Task Storm_PrimaryStallsBeyondTheFirstTokenTimeout_FailsOverWithoutLoadingThePrimaryAndComesBack()
    {
        var scenario = StormScenario.Load("slow-first-token.json", StormLength);
        var report = await harness.RunAsync(scenario, stream: true, After, TestContext.Current.CancellationToken);

        StormAssert.ContractHolds(report, RecoveryBound, probesOnly: true);
    }
}
