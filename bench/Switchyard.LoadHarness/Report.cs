using System.Globalization;
using System.Text;

namespace Switchyard.LoadHarness;

/// <summary>Formats the runs as the markdown table kept in docs/benchmarks.md, with added latency against the direct runs.</summary>
internal static class Report
{
    public static string Markdown(IReadOnlyList<RunResult> runs, HarnessSettings settings)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Closed loop, {settings.Seconds} s per row after a {settings.WarmupSeconds} s warm-up of every scenario, {DateTime.UtcNow:yyyy-MM-dd}.");
        text.AppendLine();
        text.AppendLine("| connections | scenario | req/s | p50 ms | p99 ms | added p50 ms | added p99 ms | first byte p50 ms | first byte p99 ms |");
        text.AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var run in runs)
        {
            var direct = runs.First(r => r.Connections == run.Connections && r.Streaming == run.Streaming && r.Name.StartsWith("direct", StringComparison.Ordinal));
            var added = ReferenceEquals(run, direct)
                ? "—|—"
                : string.Create(CultureInfo.InvariantCulture, $"{run.P50Ms - direct.P50Ms:F3}|{run.P99Ms - direct.P99Ms:F3}");
            text.AppendLine(CultureInfo.InvariantCulture, $"| {run.Connections} | {run.Name} | {run.RequestsPerSecond:F0} | {run.P50Ms:F3} | {run.P99Ms:F3} | {added.Replace("|", " | ", StringComparison.Ordinal)} | {run.FirstByteP50Ms:F3} | {run.FirstByteP99Ms:F3} |");
        }

        return text.ToString();
    }
}
