using System.Globalization;

namespace Switchyard.LoadHarness;

/// <summary>Command-line settings of the harness, with defaults sized for a 2-core machine.</summary>
internal sealed record HarnessSettings(int Seconds, int WarmupSeconds, int Connections)
{
    public static HarnessSettings Parse(string[] args)
    {
        int Get(string name, int fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        }

        return new HarnessSettings(Get("--seconds", 10), Get("--warmup", 3), Get("--connections", 16));
    }
}
