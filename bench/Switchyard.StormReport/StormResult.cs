using System.Globalization;
using System.Text.Json;

namespace Switchyard.StormReport;

/// <summary>The simulator's counters that matter here: provider calls in all and to the primary model.</summary>
internal sealed record SimulatorCounts(long Total, long Primary)
{
    public static SimulatorCounts From(JsonElement stats) => new(
        stats.GetProperty("total").GetInt64(),
        stats.GetProperty("byModel").TryGetProperty(GatewayConfiguration.PrimaryModel, out var primary) ? primary.GetInt64() : 0);
}

/// <summary>What one scenario under one configuration observed, and the measures of the report.</summary>
internal sealed record StormResult(
    StormScenario Scenario,
    GatewayConfiguration Configuration,
    IReadOnlyList<RequestRecord> Requests,
    SimulatorCounts AtStormEnd,
    SimulatorCounts Final)
{
    /// <summary>Consecutive requests served by the primary that count as "recovered".</summary>
    public const int RecoveryStreak = 20;

    public TimeSpan StormLength => Scenario.StormLength;

    /// <summary>Requests started while the storm was on.</summary>
    public IReadOnlyList<RequestRecord> DuringStorm => [.. Requests.Where(r => r.Start < StormLength)];

    public int Failures => Requests.Count(r => !r.Succeeded);

    public double SuccessRate => Requests.Count == 0 ? 0 : 1 - ((double)Failures / Requests.Count);

    public double StormSuccessRate => DuringStorm.Count == 0 ? 0 : (double)DuringStorm.Count(r => r.Succeeded) / DuringStorm.Count;

    /// <summary>Primary calls counted by the simulator per client request, over the whole run.</summary>
    public double PrimaryPerRequest => Ratio(Final.Primary, Requests.Count);

    /// <summary>Primary calls counted by the simulator by the storm's end per client request started during the storm.</summary>
    public double StormPrimaryPerRequest => Ratio(AtStormEnd.Primary, DuringStorm.Count);

    /// <summary>All provider calls (primary and secondary) per client request, over the whole run.</summary>
    public double UpstreamPerRequest => Ratio(Final.Total, Requests.Count);

    public double StormUpstreamPerRequest => Ratio(AtStormEnd.Total, DuringStorm.Count);

    /// <summary>Latency percentile of the requests started during the storm (failures included: the client waited too).</summary>
    public double StormLatencyMs(double p) => Percentile(DuringStorm.Select(r => r.Latency.TotalMilliseconds), p);

    public double LatencyMs(double p) => Percentile(Requests.Select(r => r.Latency.TotalMilliseconds), p);

    /// <summary>From storm start until a client first held an answer from the secondary; null if none.</summary>
    public TimeSpan? FirstSecondaryAnswer =>
        DuringStorm.Where(r => r.ServedBySecondary).Select(r => (TimeSpan?)r.End).Min();

    /// <summary>Median latency of the requests started during the storm that the secondary served: what a failover costs a client.</summary>
    public double FailoverLatencyP50Ms => Percentile(DuringStorm.Where(r => r.ServedBySecondary).Select(r => r.Latency.TotalMilliseconds), 0.50);

    /// <summary>Primary calls per storm request as the headers report them, wherever in time those calls fell.</summary>
    public double StormPrimaryPerRequestFromHeaders => Ratio(DuringStorm.Sum(r => r.PrimaryCalls), DuringStorm.Count);

    public int ServedBySecondary => Requests.Count(r => r.ServedBySecondary);

    /// <summary>
    /// From the storm's end to the start of the first of <see cref="RecoveryStreak"/> consecutive requests (by start time,
    /// started after the storm's end) served by the primary; null if that never happened.
    /// </summary>
    public TimeSpan? TimeToRecover
    {
        get
        {
            var after = Requests.Where(r => r.Start >= StormLength).ToList();
            var streak = 0;
            for (var i = 0; i < after.Count; i++)
            {
                streak = after[i].ServedByPrimary ? streak + 1 : 0;
                if (streak == RecoveryStreak)
                {
                    return after[i - RecoveryStreak + 1].Start - StormLength;
                }
            }

            return null;
        }
    }

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Scenario.Title} / {Configuration.Name}: {Requests.Count} requests ({DuringStorm.Count} in the storm), {Failures} failed; primary calls {Final.Primary} ({AtStormEnd.Primary} by the storm's end), upstream calls {Final.Total} ({AtStormEnd.Total}); headers say {Requests.Sum(r => r.PrimaryCalls)} primary calls, {StormPrimaryPerRequestFromHeaders:F2} per storm request; secondary served {ServedBySecondary}; p50/p99 all {LatencyMs(0.5):F0}/{LatencyMs(0.99):F0} ms, storm {StormLatencyMs(0.5):F0}/{StormLatencyMs(0.99):F0} ms; first secondary answer {FirstSecondaryAnswer?.TotalSeconds:F2} s; recovered {TimeToRecover?.TotalSeconds:F2} s after the storm");

    private static double Ratio(long calls, int requests) => requests == 0 ? double.NaN : (double)calls / requests;

    private static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
