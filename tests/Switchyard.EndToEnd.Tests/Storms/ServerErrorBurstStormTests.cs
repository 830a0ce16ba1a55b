namespace Switchyard.EndToEnd.Tests.Storms;

/// <summary>(b) 60% of the primary's calls answer 500 or 503 during the storm. A healthy probe may close the breaker mid-storm, so the probes-only bound does not apply.</summary>
public sealed class ServerErrorBurstStormTests(ServerErrorBurstStormTests.Harness harness) : IClassFixture<ServerErrorBurstStormTests.Harness>
{
    private static readonly TimeSpan StormLength = TimeSpan.FromSeconds(6);

    private static readonly TimeSpan After = TimeSpan.FromSeconds(6);

    /// <summary>The longest break (or the provider's retry-after, if longer), a probe's own first-token timeout, and slack for pacing.</summary>
    private static readonly TimeSpan RecoveryBound =
        (StormHarness.MaxBreakDuration > TimeSpan.FromSeconds(0) ? StormHarness.MaxBreakDuration : TimeSpan.FromSeconds(0)) + StormHarness.FirstTokenTimeout + TimeSpan.FromSeconds(1);

    public sealed class Harness : StormHarness;

    [Fact]
    public async Task Storm_SixtyPercentOfPrimaryCallsFail_FailsOverAndComesBack()
    {
        var scenario = StormScenario.Load("5xx-burst.json", StormLength);
        var report = await harness.RunAsync(scenario, stream: false, After, TestContext.Current.CancellationToken);

        StormAssert.ContractHolds(report, RecoveryBound, probesOnly: false);
    }
}
