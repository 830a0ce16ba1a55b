using System.Globalization;
using Switchyard.LoadHarness;

// Usage: dotnet run -c Release --project bench/Switchyard.LoadHarness -- [--seconds 10] [--connections 16] [--warmup 3]
var settings = HarnessSettings.Parse(args);
Console.WriteLine($"Switchyard load harness: {settings.Connections} connections, {settings.Seconds}s per run after {settings.WarmupSeconds}s warm-up");
Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");

await using var processes = await ProcessSet.StartAsync(settings);
var runs = new List<RunResult>();
foreach (var scenario in Scenario.All(processes))
{
    Console.Write($"  {scenario.Name,-32} ");
    var result = await LoadRunner.RunAsync(scenario, settings);
    runs.Add(result);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{result.RequestsPerSecond,9:F0} req/s  p50 {result.P50Ms,7:F3} ms  p99 {result.P99Ms,7:F3} ms  errors {result.Errors}"));
}

Console.WriteLine();
Console.WriteLine(Report.Markdown(runs, settings));
return runs.Any(r => r.Errors > 0) ? 1 : 0;
