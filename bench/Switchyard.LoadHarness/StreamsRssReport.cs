using System.Globalization;
using System.Text;

namespace Switchyard.LoadHarness;

/// <summary>The streams-rss suite's markdown table, pasted into <c>docs/benchmarks.md</c>.</summary>
internal static class StreamsRssReport
{
    public static string Markdown(IReadOnlyList<StreamsRssRow> rows, HarnessSettings settings)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{settings.Streams} streams opened over {settings.RampSeconds} s, simulator `{StreamsRssSuite.SlowScenario}`, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load average {File.ReadAllText("/proc/loadavg").Trim()}.");
        text.AppendLine();
        text.AppendLine("| target | streams completed | errors | max open at once | idle RSS MiB | RSS at max open MiB | peak RSS MiB | MiB per open stream | events per stream | first event p50 ms | first event p99 ms | duration p50 ms | target CPU s |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
        {
            var perStream = r.MaxOpen == 0 ? double.NaN : (r.RssAtMaxOpenMiB - r.IdleRssMiB) / r.MaxOpen;
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Name} | {r.Completed}/{r.Streams} | {r.Errors} | {r.MaxOpen} | {r.IdleRssMiB:F0} | {r.RssAtMaxOpenMiB:F0} | {r.PeakRssMiB:F0} | {perStream:F3} | {r.EventsPerStream:F1} | {r.FirstEventP50Ms:F1} | {r.FirstEventP99Ms:F1} | {r.DurationP50Ms:F0} | {r.CpuSeconds:F2} |"));
        }

        return text.ToString();
    }
}
