using System.Globalization;

namespace Switchyard.LoadHarness;

/// <summary>Command-line settings of the harness, with defaults sized for a 2-core machine.</summary>
/// <param name="Seconds">Measured seconds per row (per round).</param>
/// <param name="WarmupSeconds">Warm-up seconds per scenario, run once for every scenario before any row is measured.</param>
/// <param name="Connections">Concurrency levels to measure (closed loop), e.g. 1 and 16.</param>
/// <param name="Suite">
/// Which scenarios: <c>overhead</c> (the default: gateway vs direct), <c>stream-log</c> (delta log on vs off) or
/// <c>peers</c> (direct vs the bare .NET pass-through vs Switchyard vs the Portkey gateway, closed and open loop, two
/// simulator profiles), <c>streams-rss</c> (1,000 concurrent streams), <c>library</c> (direct vs the gateway vs the
/// engine in-process as an <c>IChatClient</c>) or <c>prompt-cache</c> (what the gateway's cache marks save, in dollars).
/// </param>
/// <param name="Rounds">
/// How many times each row is measured, the scenarios taking turns in a rotated order, samples merged. On a shared machine
/// this spreads slow periods over every scenario rather than one. The default is 1.
/// </param>
/// <param name="Rates">Open-loop request rates (requests per second) of the peers suite. The default is 500, 1000 and 2000.</param>
/// <param name="Streams">Concurrent streams of the streams-rss suite. The default is 1,000.</param>
/// <param name="RampSeconds">Over how many seconds the streams-rss suite opens its streams. The default is 2.</param>
/// <param name="Baseline">
/// The overhead suite only: another build's <c>switchyard.dll</c> (or its folder) to run as a second gateway beside
/// this one, adding "baseline gateway" rows, so a change is measured before and after in one run. The default is none.
/// </param>
/// <param name="Variants">
/// The overhead suite only: more gateways of this build, each <c>--variant name:KEY=VALUE,KEY=VALUE</c> (repeatable)
/// started with those extra environment variables (configuration overrides such as
/// <c>SWITCHYARD__SERVER__INLINESCHEDULING=false</c>, or runtime knobs such as <c>DOTNET_TieredPGO=0</c>), adding
/// "<c>name</c> gateway" rows. The default is none.
/// </param>
/// <param name="OpenRates">
/// The overhead suite only: open-loop rates (requests per second, <c>--open-rates 1000</c>) at which the same-format
/// non-streaming rows are measured too, after the closed-loop rows. The default is none.
/// </param>
internal sealed record HarnessSettings(
    int Seconds, int WarmupSeconds, IReadOnlyList<int> Connections, string Suite, int Rounds, IReadOnlyList<int> Rates, int Streams = 1000, int RampSeconds = 2, string? Baseline = null,
    IReadOnlyList<GatewayVariant>? Variants = null, IReadOnlyList<int>? OpenRates = null)
{
    public const string OverheadSuite = "overhead";
    public const string StreamLogSuite = "stream-log";
    public const string PeersSuite = "peers";
    public const string StreamsRssSuite = "streams-rss";
    public const string LibrarySuite = "library";
    public const string PromptCacheSuite = "prompt-cache";

    public static HarnessSettings Parse(string[] args)
    {
        string? Get(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }

        static List<int> Numbers(string list) => list.Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToList();

        var suite = Get("--suite") ?? OverheadSuite;
        if (suite is not (OverheadSuite or StreamLogSuite or PeersSuite or StreamsRssSuite or LibrarySuite or PromptCacheSuite))
        {
            throw new ArgumentException($"--suite must be '{OverheadSuite}', '{StreamLogSuite}', '{PeersSuite}', '{StreamsRssSuite}', '{LibrarySuite}' or '{PromptCacheSuite}' (was '{suite}').");
        }

        // The peers suite measures 60 rows (2 profiles x 3 targets x 2 modes x 5 loads), so its rows are shorter: about
        // 5 minutes in all with the defaults.
        var peers = suite == PeersSuite;
        return new HarnessSettings(
            int.Parse(Get("--seconds") ?? (peers ? "3" : "10"), CultureInfo.InvariantCulture),
            // Peers: 5 s, because a cold .NET process keeps its tiered compiler busy (a third of a core) for 10–15 s under load.
            int.Parse(Get("--warmup") ?? (peers ? "5" : "3"), CultureInfo.InvariantCulture),
            Numbers(Get("--connections") ?? "1,16"),
            suite,
            int.Parse(Get("--rounds") ?? "1", CultureInfo.InvariantCulture),
            Numbers(Get("--rates") ?? "500,1000,2000"),
            int.Parse(Get("--streams") ?? "1000", CultureInfo.InvariantCulture),
            int.Parse(Get("--ramp") ?? "2", CultureInfo.InvariantCulture),
            Get("--baseline") is { } baseline && Directory.Exists(baseline) ? Path.Combine(baseline, "switchyard.dll") : Get("--baseline"),
            args.Select((a, i) => (a, i)).Where(p => p.a == "--variant" && p.i + 1 < args.Length).Select(p => GatewayVariant.Parse(args[p.i + 1])).ToList(),
            Get("--open-rates") is { } open ? Numbers(open) : []);
    }
}

/// <summary>A gateway of this build started with extra environment variables (<c>--variant name:KEY=VALUE,…</c>).</summary>
internal sealed record GatewayVariant(string Name, IReadOnlyDictionary<string, string> Environment)
{
    public static GatewayVariant Parse(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            throw new ArgumentException($"--variant must be 'name:KEY=VALUE,KEY=VALUE' (was '{text}').");
        }

        var environment = text[(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(
                kv => kv.Length == 2 ? kv[0] : throw new ArgumentException($"--variant setting '{kv[0]}' has no '=VALUE'."),
                kv => kv[1],
                StringComparer.Ordinal);
        return new GatewayVariant(text[..colon], environment);
    }
}
