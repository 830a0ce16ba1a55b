using System.Globalization;

namespace Switchyard.StormReport;

/// <summary>Command-line settings of the storm report.</summary>
/// <param name="SecondsPerStorm">Each committed 30-second storm is compressed to this many seconds; the same again is measured after it.</param>
/// <param name="Clients">Concurrent clients, each sending one request at a time.</param>
/// <param name="PaceMs">Each client starts a request at most this often (milliseconds).</param>
/// <param name="Out">Optional file to write the markdown table to.</param>
internal sealed record BenchSettings(int SecondsPerStorm, int Clients, int PaceMs, string? Out)
{
    public static BenchSettings Parse(string[] args)
    {
        string? Get(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }

        var settings = new BenchSettings(
            int.Parse(Get("--seconds-per-storm") ?? "10", CultureInfo.InvariantCulture),
            int.Parse(Get("--clients") ?? "10", CultureInfo.InvariantCulture),
            int.Parse(Get("--pace-ms") ?? "100", CultureInfo.InvariantCulture),
            Get("--out"));
        if (settings.SecondsPerStorm < 1 || settings.Clients < 1 || settings.PaceMs < 0)
        {
            throw new ArgumentException("--seconds-per-storm and --clients must be at least 1, --pace-ms at least 0.");
        }

        return settings;
    }
}
