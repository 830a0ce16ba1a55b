using System.Globalization;
using System.Text.Json;
using Switchyard.EndToEnd.Tests.Routing;
using Switchyard.Resilience;

namespace Switchyard.EndToEnd.Tests.Storms;

/// <summary>
/// What one storm run observed: every client request, every transition of the primary's breaker, and the simulator's
/// counters at the end of the storm and at the end of the run. The measures the storm suite asserts are computed here.
/// </summary>
public sealed record StormReport(
    StormScenario Scenario,
    IReadOnlyList<RequestRecord> Requests,
    IReadOnlyList<BreakerEvent> Breaker,
    JsonElement StatsAtStormEnd,
    JsonElement FinalStats)
{
    public TimeSpan StormLength => Scenario.StormLength;

    public int Failures => Requests.Count(r => !r.Succeeded);

    public double SuccessRate => Requests.Count == 0 ? 0 : 1 - ((double)Failures / Requests.Count);

    /// <summary>Requests that reached the primary, counted by the simulator.</summary>
    public long PrimaryCalls => RoutingHarness.Count(FinalStats, "byModel", RoutingHarness.PrimaryModel);

    /// <summary>Requests that reached the primary, as the gateway's headers told its clients.</summary>
    public long PrimaryCallsFromHeaders => Requests.Sum(r => r.PrimaryCalls);

    public double PrimaryCallsPerRequest => (double)PrimaryCalls / Requests.Count;

    /// <summary>Primary calls per client request started during the storm (simulator count at the storm's end).</summary>
    public double PrimaryCallsPerRequestDuringStorm =>
        (double)RoutingHarness.Count(StatsAtStormEnd, "byModel", RoutingHarness.PrimaryModel) / Math.Max(1, Requests.Count(r => r.Start < StormLength));

    /// <summary>When the primary's breaker first opened; null if it never did.</summary>
    public TimeSpan? FirstOpen => Breaker.FirstOrDefault(e => e.To == BreakerState.Open)?.At;

    /// <summary>
    /// Requests whose whole life fell inside an open interval of the primary's breaker (it leaves open only lazily, when
    /// the next request consults it, so such a request was refused by the breaker) yet called the primary.
    /// </summary>
    public IReadOnlyList<RequestRecord> CallsThroughOpenBreaker()
    {
        var violations = new List<RequestRecord>();
        for (var i = 0; i < Breaker.Count; i++)
        {
            if (Breaker[i].To != BreakerState.Open)
            {
                continue;
            }

            var from = Breaker[i].At;
            var to = i + 1 < Breaker.Count ? Breaker[i + 1].At : TimeSpan.MaxValue;
            violations.AddRange(Requests.Where(r => r.Start > from && r.End < to && r.PrimaryCalls > 0));
        }

        return violations;
    }

    /// <summary>Requests started during the storm after the breaker first opened that still reached the primary: probes only.</summary>
    public int ProbesDuringStorm => FirstOpen is { } open ? Requests.Count(r => r.Start >= open && r.Start < StormLength && r.PrimaryCalls > 0) : 0;

    /// <summary>Half-open probes that can be sent from the first opening to the storm's end: one round per break duration.</summary>
    public int ProbeBound(TimeSpan breakDuration, int halfOpenProbes) =>
        FirstOpen is { } open ? halfOpenProbes * ((int)Math.Ceiling((StormLength - open) / breakDuration) + 1) : 0;

    /// <summary>
    /// When traffic came back to the primary: the start of the first request after the storm from which every request
    /// was served by the primary (the storm's end itself if none after it went elsewhere); null if it never came back.
    /// </summary>
    public TimeSpan? RecoveredAt
    {
        get
        {
            var after = Requests.Where(r => r.Start >= StormLength).ToList();
            var lastElsewhere = after.FindLastIndex(r => !r.Succeeded || r.Provider != "openai");
            return lastElsewhere < 0 ? StormLength : lastElsewhere + 1 < after.Count ? after[lastElsewhere + 1].Start : null;
        }
    }

    /// <summary>How long after the storm's end traffic came back to the primary.</summary>
    public TimeSpan? TimeToRecover => RecoveredAt - StormLength;

    /// <summary>Requests served by the primary after <see cref="RecoveredAt"/>.</summary>
    public int RequestsAfterRecovery => RecoveredAt is { } at ? Requests.Count(r => r.Start >= at) : 0;

    public override string ToString()
    {
        var breaker = string.Join(", ", Breaker.Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.At.TotalSeconds:0.###}s→{e.To}")));
        var secondary = Requests.Count(r => r.Provider == "anthropic" && r.Succeeded);
        var openings = Breaker.Count(e => e.To == BreakerState.Open);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{Scenario}: {Requests.Count} requests, {Failures} failed, success {SuccessRate:P3}; primary calls {PrimaryCalls} (headers say {PrimaryCallsFromHeaders}), {PrimaryCallsPerRequest:0.###}/request overall, {PrimaryCallsPerRequestDuringStorm:0.###}/request during the storm; breaker first open at {FirstOpen?.TotalSeconds:0.###} s, {openings} openings, probes during the storm {ProbesDuringStorm}; served by the primary again {TimeToRecover?.TotalSeconds:0.###} s after the storm ({RequestsAfterRecovery} requests since); secondary served {secondary}. Breaker: {breaker}");
    }
}
