using System.Globalization;
using System.Text;

namespace Switchyard.LoadHarness;

/// <summary>The peers suite's markdown: one table per simulator profile, every gateway row against its direct row.</summary>
internal static class PeersReport
{
    public static string Markdown(IReadOnlyList<PeerRow> rows, HarnessSettings settings)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{settings.Seconds} s per row after a {settings.WarmupSeconds} s warm-up of every target per profile, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC.");
        foreach (var profile in rows.Select(r => r.Profile).Distinct())
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"#### Simulator profile: {profile}");
            text.AppendLine();
            text.AppendLine("| load | stream | target | req/s | errors | p50 ms | p99 ms | p99.9 ms | added p50 ms | added p99 ms | added p99.9 ms | first token p50 ms | added first token p50 ms | added first token p99 ms | target CPU s | target peak RSS MiB | simulator CPU s |");
            text.AppendLine("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var row in rows.Where(r => r.Profile == profile).OrderBy(r => LoadOrder(r)).ThenBy(r => r.Streaming).ThenBy(r => TargetOrder(r.Target)))
            {
                var direct = DirectOf(rows, row);
                var added = row.Target == PeerRow.Direct
                    ? "— | — | — "
                    : string.Create(CultureInfo.InvariantCulture, $"{row.P50Ms - direct.P50Ms:F3} | {row.P99Ms - direct.P99Ms:F3} | {row.P999Ms - direct.P999Ms:F3} ");
                var addedFirstToken = row.Target == PeerRow.Direct ? "—" : (row.FirstTokenP50Ms - direct.FirstTokenP50Ms).ToString("F3", CultureInfo.InvariantCulture);
                // The time-to-first-token target is on the p99 (issue #6), so the table carries it beside the p50.
                var addedFirstTokenP99 = row.Target == PeerRow.Direct ? "—" : (row.FirstTokenP99Ms - direct.FirstTokenP99Ms).ToString("F3", CultureInfo.InvariantCulture);
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"| {row.Load} | {(row.Streaming ? "yes" : "no")} | {row.Target} | {row.RequestsPerSecond:F0} | {row.Errors}{(row.GivenUp > 0 ? $" (+{row.GivenUp} given up)" : string.Empty)} | {row.P50Ms:F3} | {row.P99Ms:F3} | {row.P999Ms:F3} | {added}| {row.FirstTokenP50Ms:F3} | {addedFirstToken} | {addedFirstTokenP99} | {row.TargetCpuSeconds:F2} | {row.TargetPeakRssMiB:F0} | {row.SimulatorCpuSeconds:F2} |");
            }
        }

        return text.ToString();
    }

    /// <summary>The direct row of the same profile, load and streaming mode as <paramref name="row"/>.</summary>
    public static PeerRow DirectOf(IReadOnlyList<PeerRow> rows, PeerRow row) =>
        rows.First(r => r.Profile == row.Profile && r.Load == row.Load && r.Streaming == row.Streaming && r.Target == PeerRow.Direct);

    // Closed loops first (by connections), then open loops by rate.
    public static int LoadOrder(PeerRow row) => row.OfferedRate > 0 ? 1_000_000 + row.OfferedRate : int.Parse(row.Load["closed c=".Length..], CultureInfo.InvariantCulture);

    public static int TargetOrder(string target) => target switch
    {
        PeerRow.Direct => 0,
        PeerRow.BareStack => 1,
        PeerRow.Switchyard => 2,
        _ => 3,
    };
}
