using System.Globalization;
using Switchyard.LoadHarness;

// Usage: dotnet run -c Release --project bench/Switchyard.LoadHarness -- [--seconds 10] [--warmup 3] [--connections 1,16]
var settings = HarnessSettings.Parse(args);
Console.WriteLine($"Switchyard load harness: connections {string.Join(",", settings.Connections)}, {settings.Seconds}s per row, {settings.WarmupSeconds}s warm-up per scenario");
Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");

await using var processes = await ProcessSet.StartAsync();
var scenarios = Scenario.All(processes).ToList();

// Warm every path (JIT tiering, connection pools) in both processes before the first measured row.
foreach (var scenario in scenarios)
{
    await LoadRunner.RunAsync(scenario, settings.Connections.Max(), TimeSpan.FromSeconds(settings.WarmupSeconds));
}

var runs = new List<RunResult>();
foreach (var connections in settings.Connections)
{
    foreach (var scenario in scenarios)
    {
        var result = await LoadRunner.RunAsync(scenario, connections, TimeSpan.FromSeconds(settings.Seconds));
        runs.Add(result);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  c={connections,-3} {scenario.Name,-34} {result.RequestsPerSecond,9:F0} req/s  p50 {result.P50Ms,7:F3} ms  p99 {result.P99Ms,7:F3} ms  errors {result.Errors}"));
    }
}

Console.WriteLine();
Console.WriteLine(Report.Markdown(runs, settings));
return runs.Any(r => r.Errors > 0) ? 1 : 0;
