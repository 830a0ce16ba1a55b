using System.Globalization;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Analysis;
using Microsoft.Diagnostics.Tracing.Analysis.GC;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

// Usage (docs/benchmarks.md, "GC pauses, …"):
//   dotnet-trace collect -p PID --providers Microsoft-Windows-DotNETRuntime:0x1:5 --duration 00:00:00:08 -o gc.nettrace
//   dotnet run -c Release --project bench/Switchyard.GcPauses -- gc.nettrace            # each collection: pause, marking by root kind
//   dotnet-trace collect -p PID --profile gc-verbose --duration 00:00:00:08 -o alloc.nettrace
//   dotnet run -c Release --project bench/Switchyard.GcPauses -- alloc.nettrace --alloc  # sampled allocation by type
if (args.Length == 0 || !File.Exists(args[0]))
{
    Console.Error.WriteLine("usage: Switchyard.GcPauses TRACE.nettrace [--alloc]");
    return 2;
}

if (args.Contains("--alloc"))
{
    AllocationsByType(args[0]);
}
else
{
    Collections(args[0]);
}

return 0;

static void Collections(string path)
{
    using var source = new EventPipeEventSource(path);
    source.NeedLoadedDotNetRuntimes();
    source.Process();
    Console.WriteLine("| gen | pause ms | suspend ms | promoted KB | marking ms by root kind |");
    Console.WriteLine("|---:|---:|---:|---:|---|");
    foreach (var runtime in source.Processes().Select(p => p.LoadedDotNetRuntime()).OfType<TraceLoadedDotNetRuntime>())
    {
        foreach (var gc in runtime.GC.GCs)
        {
            var marks = gc.PerHeapMarkTimes is { } perHeap
                ? string.Join(", ", perHeap.Values.SelectMany(h => h.MarkTimes.Select((ms, kind) => (ms, kind))).Where(m => m.ms > 0.0005)
                    .Select(m => string.Create(CultureInfo.InvariantCulture, $"{(MarkRootType)m.kind} {m.ms:F3}")))
                : "-";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {gc.Generation} | {gc.PauseDurationMSec:F3} | {gc.SuspendDurationMSec:F3} | {gc.PromotedMB * 1024:F0} | {marks} |"));
        }
    }
}

static void AllocationsByType(string path)
{
    using var source = new EventPipeEventSource(path);
    var byType = new Dictionary<string, long>(StringComparer.Ordinal);
    long total = 0;
    // One tick per ~100 KB allocated, charged to the type that crossed the mark: a sample, proportional over many ticks.
    source.Clr.GCAllocationTick += tick =>
    {
        var type = tick.TypeName ?? "?";
        byType[type] = byType.GetValueOrDefault(type) + tick.AllocationAmount64;
        total += tick.AllocationAmount64;
    };
    source.Process();
    foreach (var (type, bytes) in byType.OrderByDescending(t => t.Value).Take(30))
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{bytes * 100.0 / Math.Max(1, total),5:F1} %  {type}"));
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sampled {total / (1024.0 * 1024.0):F0} MB"));
}
