namespace Switchyard.LoadHarness;

/// <summary>The peers suite's two SVG charts, written next to docs/benchmarks.md.</summary>
internal static class PeersCharts
{
    public const string LatencyFile = "peers-latency.svg";
    public const string ThroughputFile = "peers-throughput.svg";

    /// <summary>Writes both charts into <paramref name="folder"/> and returns their paths.</summary>
    public static IReadOnlyList<string> Write(IReadOnlyList<PeerRow> rows, string folder)
    {
        Directory.CreateDirectory(folder);
        var latency = Path.Combine(folder, LatencyFile);
        var throughput = Path.Combine(folder, ThroughputFile);
        File.WriteAllText(latency, Latency(rows));
        File.WriteAllText(throughput, Throughput(rows));
        return [latency, throughput];
    }

    private static string Latency(IReadOnlyList<PeerRow> rows)
    {
        var panels = new List<BarPanel>();
        foreach (var profile in rows.Select(r => r.Profile).Distinct())
        {
            foreach (var streaming in new[] { false, true })
            {
                var loads = rows.Where(r => r.Profile == profile && r.Streaming == streaming).OrderBy(PeersReport.LoadOrder).Select(r => r.Load).Distinct().ToList();
                double Added(string target, string load, Func<PeerRow, double> pick)
                {
                    var row = rows.FirstOrDefault(r => r.Profile == profile && r.Streaming == streaming && r.Load == load && r.Target == target);
                    return row is null ? double.NaN : pick(row) - pick(PeersReport.DirectOf(rows, row));
                }

                panels.Add(new BarPanel(
                    $"{profile} simulator, {(streaming ? "streaming" : "non-streaming")}",
                    loads,
                    [
                        new("bare .NET added p50", "#9bc79b", loads.Select(l => Added(PeerRow.BareStack, l, r => r.P50Ms)).ToList()),
                        new("Switchyard added p50", "#4c9be8", loads.Select(l => Added(PeerRow.Switchyard, l, r => r.P50Ms)).ToList()),
                        new("Switchyard added p99", "#1f4e8c", loads.Select(l => Added(PeerRow.Switchyard, l, r => r.P99Ms)).ToList()),
                        new("Portkey added p50", "#f2a65a", loads.Select(l => Added(PeerRow.Portkey, l, r => r.P50Ms)).ToList()),
                        new("Portkey added p99", "#b35c00", loads.Select(l => Added(PeerRow.Portkey, l, r => r.P99Ms)).ToList()),
                    ]));
            }
        }

        return SvgBarChart.Render("Latency added over straight-to-simulator (log scale; open loop measured from the scheduled send time)", "added ms", panels, logScale: true);
    }

    private static string Throughput(IReadOnlyList<PeerRow> rows)
    {
        var panels = new List<BarPanel>();
        foreach (var profile in rows.Select(r => r.Profile).Distinct())
        {
            var groups = rows.Where(r => r.Profile == profile).OrderBy(PeersReport.LoadOrder).ThenBy(r => r.Streaming)
                .Select(r => (r.Load, r.Streaming)).Distinct().ToList();
            double Rate(string target, (string Load, bool Streaming) g) =>
                rows.FirstOrDefault(r => r.Profile == profile && r.Load == g.Load && r.Streaming == g.Streaming && r.Target == target)?.RequestsPerSecond ?? double.NaN;
            panels.Add(new BarPanel(
                $"{profile} simulator",
                groups.Select(g => $"{g.Load}{(g.Streaming ? " stream" : "")}").ToList(),
                [
                    new("direct", "#8a8a8a", groups.Select(g => Rate(PeerRow.Direct, g)).ToList()),
                    new("bare .NET", "#9bc79b", groups.Select(g => Rate(PeerRow.BareStack, g)).ToList()),
                    new("Switchyard", "#1f4e8c", groups.Select(g => Rate(PeerRow.Switchyard, g)).ToList()),
                    new("Portkey", "#b35c00", groups.Select(g => Rate(PeerRow.Portkey, g)).ToList()),
                ]));
        }

        return SvgBarChart.Render("Successful responses per second (closed loop: maximum; open loop: achieved at the offered rate)", "req/s", panels, logScale: true);
    }
}
