using System.Globalization;

namespace Switchyard.LoadHarness;

/// <summary>Command-line settings of the harness, with defaults sized for a 2-core machine.</summary>
/// <param name="Seconds">Measured seconds per row.</param>
/// <param name="WarmupSeconds">Warm-up seconds per scenario, run once for every scenario before any row is measured.</param>
/// <param name="Connections">Concurrency levels to measure (closed loop), e.g. 1 and 16.</param>
internal sealed record HarnessSettings(int Seconds, int WarmupSeconds, IReadOnlyList<int> Connections)
{
    public static HarnessSettings Parse(string[] args)
    {
        string? Get(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }

        var connections = (Get("--connections") ?? "1,16").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToList();
        return new HarnessSettings(
            int.Parse(Get("--seconds") ?? "10", CultureInfo.InvariantCulture),
            int.Parse(Get("--warmup") ?? "3", CultureInfo.InvariantCulture),
            connections);
    }
}
