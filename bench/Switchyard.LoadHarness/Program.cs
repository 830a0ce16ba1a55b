using System.Globalization;
using Switchyard.LoadHarness;

// Usage: dotnet run -c Release --project bench/Switchyard.LoadHarness -- [--suite overhead|stream-log|peers|streams-rss|library|prompt-cache]
//        [--seconds 10] [--warmup 3] [--connections 1,16] [--rounds 1] [--rates 500,1000,2000] [--charts docs/benchmarks]
//        [--streams 1000] [--ramp 2] [--baseline <folder or switchyard.dll of another build>]
//        [--variant name:KEY=VALUE,KEY=VALUE ...] [--open-rates 1000]
//    or: ... -- --bare-pass-through LISTEN_URL UPSTREAM_URL   (the peers suite starts this itself; see BarePassThrough)
if (args is [BarePassThrough.Argument, var listen, var upstream])
{
    // The peers suite's fourth target, started as a child process of the suite.
    await BarePassThrough.RunAsync(new Uri(listen), new Uri(upstream));
    return 0;
}

var settings = HarnessSettings.Parse(args);
Console.WriteLine($"Switchyard load harness: suite {settings.Suite}, connections {string.Join(",", settings.Connections)}, {settings.Seconds}s per row x {settings.Rounds} round(s), {settings.WarmupSeconds}s warm-up per scenario");
Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");

if (settings.Suite == HarnessSettings.PeersSuite)
{
    var rows = await PeersSuite.RunAsync(settings);
    Console.WriteLine();
    Console.WriteLine(PeersReport.Markdown(rows, settings));
    var chartsIndex = Array.IndexOf(args, "--charts");
    var charts = chartsIndex >= 0 && chartsIndex + 1 < args.Length ? args[chartsIndex + 1] : Path.Combine("docs", "benchmarks");
    foreach (var chart in PeersCharts.Write(rows, charts))
    {
        Console.WriteLine($"Wrote {chart}");
    }

    // The peer's errors are part of the comparison (Portkey drops requests at the higher open-loop rates, see its rows);
    // only the simulator's or Switchyard's own make the run a failure. Requests given up because a target fell behind an
    // offered rate are overload, which the rows show, not a failure of the run.
    return rows.Any(r => r.Errors > 0 && r.Target != PeerRow.Portkey) ? 1 : 0;
}

if (settings.Suite == HarnessSettings.LibrarySuite)
{
    var rows = await LibrarySuite.RunAsync(settings);
    Console.WriteLine();
    Console.WriteLine(LibrarySuite.Markdown(rows, settings));
    return rows.Any(r => r.Errors > 0) ? 1 : 0;
}

if (settings.Suite == HarnessSettings.PromptCacheSuite)
{
    var rows = await PromptCacheSuite.RunAsync();
    Console.WriteLine();
    Console.WriteLine(PromptCacheSuite.Markdown(rows));
    return 0;
}

if (settings.Suite == HarnessSettings.StreamsRssSuite)
{
    var rows = await StreamsRssSuite.RunAsync(settings);
    Console.WriteLine();
    Console.WriteLine(StreamsRssReport.Markdown(rows, settings));
    return rows.Any(r => r.Errors > 0) ? 1 : 0;
}

var streamLog = settings.Suite == HarnessSettings.StreamLogSuite;
await using var processes = streamLog ? await ProcessSet.StartAsync(Scenario.StreamLogGateways)
    : settings.Baseline is not null || settings.Variants is { Count: > 0 }
        ? await ProcessSet.StartAsync(Scenario.WithBaseline(settings.Baseline is { } baseline ? Path.GetFullPath(baseline) : null, settings.Variants ?? []))
    : await ProcessSet.StartAsync();
var scenarios = (streamLog ? Scenario.StreamLog(processes) : Scenario.All(processes)).ToList();

// Warm every path (JIT tiering, connection pools) in every process before the first measured row.
foreach (var scenario in scenarios)
{
    await LoadRunner.RunAsync(scenario, settings.Connections.Max(), TimeSpan.FromSeconds(settings.WarmupSeconds));
}

var runs = new List<RunResult>();
foreach (var connections in settings.Connections)
{
    // Each round rotates the order, so no scenario always runs first (or last) on a machine whose load drifts.
    var merged = scenarios.Select(_ => new Samples()).ToArray();
    for (var round = 0; round < settings.Rounds; round++)
    {
        for (var k = 0; k < scenarios.Count; k++)
        {
            var i = (k + round) % scenarios.Count;
            var cpuBefore = processes.CpuTime(scenarios[i].Url);
            var samples = await LoadRunner.MeasureAsync(scenarios[i], connections, TimeSpan.FromSeconds(settings.Seconds));
            samples.ServerCpu = processes.CpuTime(scenarios[i].Url) - cpuBefore;
            merged[i].Add(samples);
        }
    }

    for (var i = 0; i < scenarios.Count; i++)
    {
        var result = merged[i].ToResult(scenarios[i], connections);
        runs.Add(result);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  c={connections,-3} {scenarios[i].Name,-34} {result.RequestsPerSecond,9:F0} req/s  {result.EventsPerSecond,9:F0} events/s  p50 {result.P50Ms,7:F3} ms  p99 {result.P99Ms,7:F3} ms  server CPU {result.ServerCpuUsPerRequest,6:F0} µs/req  errors {result.Errors}"));
    }
}

if (!streamLog && settings.OpenRates is { Count: > 0 } rates)
{
    runs.AddRange(await OpenLoopRows.MeasureAsync(processes, scenarios, rates, settings));
}

Console.WriteLine();
Console.WriteLine(streamLog ? Report.StreamLogMarkdown(runs, settings) : Report.Markdown(runs, settings));
return runs.Any(r => r.Errors > 0) ? 1 : 0;
