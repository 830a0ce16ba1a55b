namespace Switchyard.EndToEnd.Tests.Storms;

/// <summary>(a) The primary answers 429 with <c>retry-after: 2</c> for the whole storm, then recovers.</summary>
public sealed class RateLimitStormTests(RateLimitStormTests.Harness harness) : IClassFixture<RateLimitStormTests.Harness>
{
    private static readonly TimeSpan StormLength = TimeSpan.FromSeconds(6);

    private static readonly TimeSpan After = TimeSpan.FromSeconds(6);

    /// <summary>The longest break (or the provider's retry-after, if longer), a probe's own first-token timeout, and slack for pacing.</summary>
    private static readonly TimeSpan RecoveryBound =
        (StormHarness.MaxBreakDuration > TimeSpan.FromSeconds(2) ? StormHarness.MaxBreakDuration : TimeSpan.FromSeconds(2)) + StormHarness.FirstTokenTimeout + TimeSpan.FromSeconds(1);

    public sealed class Harness : StormHarness;

    [Fact]
    public async Task Storm_429WithRetryAfter_FailsOverWithoutLoadingThePrimaryAndComesBack()
    {
        var scenario = StormScenario.Load("429-storm.json", StormLength);
        var report = await harness.RunAsync(scenario, stream: false, After, TestContext.Current.CancellationToken);

        StormAssert.ContractHolds(report, RecoveryBound, probesOnly: true);
    }
}
