using System.Globalization;
using System.Text;

namespace Switchyard.StormReport;

/// <summary>Formats the runs as the markdown table kept in docs/benchmarks.md, with the definitions of its columns.</summary>
internal static class Report
{
    public static string Markdown(IReadOnlyList<StormResult> results, BenchSettings bench)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Each storm compressed to {bench.SecondsPerStorm} s, then {bench.SecondsPerStorm} s after it; {bench.Clients} closed-loop clients, each starting at most one request every {bench.PaceMs} ms; {DateTime.UtcNow:yyyy-MM-dd}.");
        text.AppendLine();
        text.AppendLine("| scenario | configuration | requests | success (run / storm) | primary calls per request (run / storm) | upstream calls per request (run / storm) | p50 ms (storm) | p99 ms (storm) | time to fail over s | fail-over p50 ms | time to recover s |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {r.Scenario.Title} | {r.Configuration.Name} | {r.Requests.Count:N0} | {r.SuccessRate:P2} / {r.StormSuccessRate:P2} | {r.PrimaryPerRequest:F2} / {r.StormPrimaryPerRequest:F2} | {r.UpstreamPerRequest:F2} / {r.StormUpstreamPerRequest:F2} | {Ms(r.StormLatencyMs(0.50))} | {Ms(r.StormLatencyMs(0.99))} | {Seconds(r.FirstSecondaryAnswer)} | {Ms(r.FailoverLatencyP50Ms)} | {Seconds(r.TimeToRecover)} |");
        }

        text.AppendLine();
        text.AppendLine("Columns: *success* = complete 200 answers (a stream must end with `[DONE]`) ÷ client requests; *storm* = requests started while the storm was on. ");
        text.AppendLine("*Primary calls per request* = calls to `gpt-4o-mini` counted by the simulator (`/_sim/stats`) ÷ client requests (storm: the count at the storm's end ÷ requests started during it); ");
        text.AppendLine("*upstream calls* counts both providers. *p50/p99* = client latency of requests started during the storm, failures included. ");
        text.AppendLine("*Time to fail over* = from storm start until a client first held a complete answer from the secondary; *fail-over p50* = median latency of storm requests the secondary served. ");
        text.AppendLine(CultureInfo.InvariantCulture, $"*Time to recover* = from storm end to the start of the first of {StormResult.RecoveryStreak} consecutive requests (by start time) served by the primary; \"—\" = never within the run.");
        return text.ToString();
    }

    private static string Ms(double value) => double.IsNaN(value) ? "—" : value.ToString("F0", CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan? value) => value is { } v ? v.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture) : "—";
}
