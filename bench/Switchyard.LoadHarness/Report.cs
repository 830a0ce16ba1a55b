using System.Globalization;
using System.Text;

namespace Switchyard.LoadHarness;

/// <summary>Formats the runs as the markdown table kept in docs/benchmarks.md, with added latency against the direct runs.</summary>
internal static class Report
{
    public static string Markdown(IReadOnlyList<RunResult> runs, HarnessSettings settings)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Closed loop (open loop where the first column says so), {settings.Rounds} × {settings.Seconds} s per row (rounds in rotated order, samples merged) after a {settings.WarmupSeconds} s warm-up of every scenario, {DateTime.UtcNow:yyyy-MM-dd}.");
        text.AppendLine();
        text.AppendLine("| connections | scenario | req/s | p50 ms | p99 ms | added p50 ms | added p99 ms | first byte p50 ms | first byte p99 ms | server CPU µs per request |");
        text.AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var run in runs)
        {
            var direct = runs.First(r => r.Connections == run.Connections && r.Rate == run.Rate && r.Streaming == run.Streaming && r.Name.StartsWith("direct", StringComparison.Ordinal));
            var added = ReferenceEquals(run, direct)
                ? "—|—"
                : string.Create(CultureInfo.InvariantCulture, $"{run.P50Ms - direct.P50Ms:F3}|{run.P99Ms - direct.P99Ms:F3}");
            var load = run.Rate > 0 ? $"open {run.Rate}/s" : run.Connections.ToString(CultureInfo.InvariantCulture);
            text.AppendLine(CultureInfo.InvariantCulture, $"| {load} | {run.Name} | {run.RequestsPerSecond:F0} | {run.P50Ms:F3} | {run.P99Ms:F3} | {added.Replace("|", " | ", StringComparison.Ordinal)} | {run.FirstByteP50Ms:F3} | {run.FirstByteP99Ms:F3} | {run.ServerCpuUsPerRequest:F0} |");
        }

        return text.ToString();
    }

    /// <summary>
    /// The stream-log suite's tables: every row against the direct row, then the log's own cost (log on against log off)
    /// and whether throughput with it on is at least 90% of throughput with it off.
    /// </summary>
    public static string StreamLogMarkdown(IReadOnlyList<RunResult> runs, HarnessSettings settings)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Closed loop, {settings.Rounds} × {settings.Seconds} s per row (rounds in rotated order, samples merged) after a {settings.WarmupSeconds} s warm-up of every scenario, {DateTime.UtcNow:yyyy-MM-dd}.");
        text.AppendLine();
        text.AppendLine("| connections | scenario | req/s | events/s | events per stream | p50 ms | p99 ms | first byte p50 ms | added first byte p50 ms | added p50 ms | added per event µs | inter-event gap p50 µs | server CPU µs per request |");
        text.AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var run in runs)
        {
            var direct = runs.First(r => r.Connections == run.Connections && r.Name.StartsWith("direct", StringComparison.Ordinal));
            var added = ReferenceEquals(run, direct)
                ? "— | — | —"
                : string.Create(CultureInfo.InvariantCulture, $"{run.FirstByteP50Ms - direct.FirstByteP50Ms:F3} | {run.P50Ms - direct.P50Ms:F3} | {PerEventUs(run, direct):F1}");
            text.AppendLine(CultureInfo.InvariantCulture, $"| {run.Connections} | {run.Name} | {run.RequestsPerSecond:F0} | {run.EventsPerSecond:F0} | {run.EventsPerStream:F1} | {run.P50Ms:F3} | {run.P99Ms:F3} | {run.FirstByteP50Ms:F3} | {added} | {run.GapP50Us:F1} | {run.ServerCpuUsPerRequest:F0} |");
        }

        text.AppendLine();
        text.AppendLine("| connections | req/s on ÷ off | events/s on ÷ off | log's added p50 ms | log's added p99 ms | log's added first byte p50 ms | log's added per event µs | gateway CPU on ÷ off | ≥ 90% target |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var connections in runs.Select(r => r.Connections).Distinct())
        {
            var off = runs.First(r => r.Connections == connections && r.Name.Contains("log off", StringComparison.Ordinal));
            var on = runs.First(r => r.Connections == connections && r.Name.Contains("log on", StringComparison.Ordinal));
            var ratio = on.RequestsPerSecond / off.RequestsPerSecond;
            text.AppendLine(CultureInfo.InvariantCulture, $"| {connections} | {ratio:P1} | {on.EventsPerSecond / off.EventsPerSecond:P1} | {on.P50Ms - off.P50Ms:F3} | {on.P99Ms - off.P99Ms:F3} | {on.FirstByteP50Ms - off.FirstByteP50Ms:F3} | {PerEventUs(on, off):F1} | {on.ServerCpuUsPerRequest / off.ServerCpuUsPerRequest:P0} | {(ratio >= 0.9 ? "met" : "not met")} |");
        }

        return text.ToString();
    }

    // Added p50 latency spread over the events of one stream: what each event cost on average.
    private static double PerEventUs(RunResult run, RunResult baseline) => (run.P50Ms - baseline.P50Ms) * 1000 / run.EventsPerStream;
}
