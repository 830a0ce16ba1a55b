using Xunit;

namespace Switchyard.EndToEnd.Tests.Storms;

/// <summary>The storm-control contract every storm run must meet (see docs/storms.md).</summary>
public static class StormAssert
{
    /// <summary>
    /// At least 99.9% of client requests succeed; the failing primary sees at most 1.1 calls per client request; the
    /// gateway's headers count the primary's calls exactly as the simulator does; no request refused by an open breaker
    /// reaches the primary; and traffic is back on the primary within <paramref name="recoveryBound"/> of the storm's end.
    /// With <paramref name="probesOnly"/> (every primary call fails during the storm, so the breaker cannot close), the
    /// primary sees at most one round of half-open probes per break duration once the breaker has opened.
    /// </summary>
    public static void ContractHolds(StormReport report, TimeSpan recoveryBound, bool probesOnly)
    {
        TestContext.Current.TestOutputHelper?.WriteLine(report.ToString());
        Assert.True(report.Requests.Count >= 500, $"too little load to judge: {report}");
        Assert.True(report.Failures <= Math.Floor(report.Requests.Count * 0.001), $"success rate below 99.9%: {report}");
        Assert.True(report.PrimaryCallsPerRequest <= 1.1, $"primary calls per request above 1.1: {report}");
        Assert.True(report.PrimaryCallsPerRequestDuringStorm <= 1.1, $"primary calls per request during the storm above 1.1: {report}");
        Assert.True(report.PrimaryCalls == report.PrimaryCallsFromHeaders, $"the headers do not tell the truth about primary calls: {report}");
        Assert.True(report.FirstOpen is not null, $"the primary's breaker never opened: {report}");
        var throughOpen = report.CallsThroughOpenBreaker();
        Assert.True(throughOpen.Count == 0, $"{throughOpen.Count} calls reached an open breaker, first {(throughOpen.Count > 0 ? throughOpen[0] : null)}: {report}");
        if (probesOnly)
        {
            var bound = report.ProbeBound(StormHarness.BreakDuration, StormHarness.HalfOpenProbes);
            Assert.True(report.ProbesDuringStorm <= bound, $"{report.ProbesDuringStorm} primary calls after the breaker opened, more than {bound} probes: {report}");
        }

        Assert.True(report.TimeToRecover is { } recovery && recovery <= recoveryBound, $"traffic not back on the primary within {recoveryBound.TotalSeconds} s: {report}");
        Assert.True(report.RequestsAfterRecovery >= 50, $"too few requests on the primary after recovery: {report}");
    }
}
