namespace Switchyard.EndToEnd.Tests.Storms;

/// <summary>(c) The primary resets every connection before any response byte during the storm.</summary>
public sealed class ConnectionResetStormTests(ConnectionResetStormTests.Harness harness) : IClassFixture<ConnectionResetStormTests.Harness>
{
    private static readonly TimeSpan StormLength = TimeSpan.FromSeconds(6);

    private static readonly TimeSpan After = TimeSpan.FromSeconds(6);

    /// <summary>The longest break (or the provider's retry-after, if longer), a probe's own first-token timeout, and slack for pacing.</summary>
    private static readonly TimeSpan RecoveryBound =
        (StormHarness.MaxBreakDuration > TimeSpan.FromSeconds(0) ? StormHarness.MaxBreakDuration : TimeSpan.FromSeconds(0)) + StormHarness.FirstTokenTimeout + TimeSpan.FromSeconds(1);

    public sealed class Harness : StormHarness;

    [Fact]
    public async Task Storm_PrimaryResetsEveryConnection_FailsOverWithoutLoadingThePrimaryAndComesBack()
    {
        var scenario = StormScenario.Load("connection-resets.json", StormLength);
        var report = await harness.RunAsync(scenario, stream: false, After, TestContext.Current.CancellationToken);

        StormAssert.ContractHolds(report, RecoveryBound, probesOnly: true);
    }
}
