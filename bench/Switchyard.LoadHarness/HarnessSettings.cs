using System.Globalization;

namespace Switchyard.LoadHarness;

/// <summary>Command-line settings of the harness, with defaults sized for a 2-core machine.</summary>
/// <param name="Seconds">Measured seconds per row (per round).</param>
/// <param name="WarmupSeconds">Warm-up seconds per scenario, run once for every scenario before any row is measured.</param>
/// <param name="Connections">Concurrency levels to measure (closed loop), e.g. 1 and 16.</param>
/// <param name="Suite">Which scenarios: <c>overhead</c> (the default: gateway vs direct) or <c>stream-log</c> (delta log on vs off).</param>
/// <param name="Rounds">
/// How many times each row is measured, the scenarios taking turns in a rotated order, samples merged. On a shared machine
/// this spreads slow periods over every scenario rather than one. The default is 1.
/// </param>
internal sealed record HarnessSettings(int Seconds, int WarmupSeconds, IReadOnlyList<int> Connections, string Suite, int Rounds)
{
    public const string OverheadSuite = "overhead";
    public const string StreamLogSuite = "stream-log";

    public static HarnessSettings Parse(string[] args)
    {
        string? Get(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }

        var connections = (Get("--connections") ?? "1,16").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToList();
        var suite = Get("--suite") ?? OverheadSuite;
        if (suite is not (OverheadSuite or StreamLogSuite))
        {
            throw new ArgumentException($"--suite must be '{OverheadSuite}' or '{StreamLogSuite}' (was '{suite}').");
        }

        return new HarnessSettings(
            int.Parse(Get("--seconds") ?? "10", CultureInfo.InvariantCulture),
            int.Parse(Get("--warmup") ?? "3", CultureInfo.InvariantCulture),
            connections,
            suite,
            int.Parse(Get("--rounds") ?? "1", CultureInfo.InvariantCulture));
    }
}
