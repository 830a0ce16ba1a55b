using System.Globalization;
using Switchyard.StormReport;

// Usage: dotnet run -c Release --project bench/Switchyard.StormReport -- [--seconds-per-storm 10] [--clients 10] [--pace-ms 100] [--out FILE]
var bench = BenchSettings.Parse(args);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Switchyard storm report: {bench.SecondsPerStorm} s per storm and {bench.SecondsPerStorm} s after, {bench.Clients} clients, pace {bench.PaceMs} ms"));
Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Switchyard: storm control on, breaker BreakDuration {GatewayConfiguration.BreakDuration}, MaxBreakDuration {GatewayConfiguration.MaxBreakDuration}, other settings default. Naive: storm control off, retry every transient kind on the same target (3 per target, 5 attempts), then fall back."));

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

var results = new List<StormResult>();
foreach (var scenario in StormScenario.All(TimeSpan.FromSeconds(bench.SecondsPerStorm)))
{
    foreach (var configuration in new[] { GatewayConfiguration.Switchyard(), GatewayConfiguration.NaiveRetries() })
    {
        var result = await StormRun.RunAsync(scenario, configuration, bench, cancel.Token);
        results.Add(result);
        Console.WriteLine("  " + result);
    }
}

var table = Report.Markdown(results, bench);
Console.WriteLine();
Console.WriteLine(table);
if (bench.Out is { } path)
{
    await File.WriteAllTextAsync(path, table, cancel.Token);
    Console.WriteLine($"Written to {Path.GetFullPath(path)}");
}

return 0;
