using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Switchyard.Extensions.AI;

namespace Switchyard.LoadHarness;

/// <summary>
/// The library suite: the same OpenAI chat request straight to the simulator, through the gateway over HTTP, and through
/// the engine in this process as an <see cref="IChatClient"/> (<see cref="SwitchyardChatClient"/>), non-streaming and
/// streaming, closed loop. What it shows: what the in-process engine adds over calling the provider directly, beside what
/// the gateway hop adds, and the library's CPU and allocation per call.
/// </summary>
internal static class LibrarySuite
{
    public const string Direct = "direct";
    public const string Gateway = "gateway (HTTP)";
    public const string Library = "library (in-process)";

    private static readonly ChatMessage[] Question = [new(ChatRole.User, "Benchmark me, briefly.")];
    private static readonly ChatOptions Options = new() { ModelId = "gpt-4o-mini", MaxOutputTokens = 64 };

    public static async Task<IReadOnlyList<LibraryRow>> RunAsync(HarnessSettings settings)
    {
        await using var processes = await ProcessSet.StartAsync(new Dictionary<string, IReadOnlyDictionary<string, string>> { [Scenario.Gateway] = new Dictionary<string, string>() });
        var storage = Directory.CreateTempSubdirectory("switchyard-library-bench-");
        try
        {
            await using var engine = SwitchyardEngine.Create(
                new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Switchyard:Storage:Path"] = Path.Combine(storage.FullName, "library.db") }).Build(),
                new Dictionary<string, string?> { ["OPENAI_API_KEY"] = "sk-bench", ["OPENAI_BASE_URL"] = processes.Simulator.ToString() });
            var client = engine.CreateChatClient();
            var http = Scenario.All(processes).Where(s => s.Name is "direct, non-streaming" or "gateway, non-streaming" or "direct, streaming" or "gateway, streaming").ToList();

            foreach (var streaming in new[] { false, true })
            {
                // Warm every path (JIT tiering, connection pools) before the first measured row.
                foreach (var scenario in http.Where(s => s.Streaming == streaming))
                {
                    await LoadRunner.RunAsync(scenario, settings.Connections.Max(), TimeSpan.FromSeconds(settings.WarmupSeconds));
                }

                await MeasureLibraryAsync(client, streaming, settings.Connections.Max(), TimeSpan.FromSeconds(settings.WarmupSeconds));
            }

            var rows = new List<LibraryRow>();
            foreach (var streaming in new[] { false, true })
            {
                foreach (var connections in settings.Connections)
                {
                    rows.AddRange(await MeasureRowsAsync(processes, client, http.Where(s => s.Streaming == streaming).ToList(), streaming, connections, settings));
                }
            }

            return rows;
        }
        finally
        {
            storage.Delete(recursive: true);
        }
    }

    public static string Markdown(IReadOnlyList<LibraryRow> rows, HarnessSettings settings)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{settings.Seconds} s per row x {settings.Rounds} round(s); zero-latency simulator; one OpenAI chat request (64 output tokens max); added = the row's percentile minus direct's at the same concurrency.");
        text.AppendLine();
        text.AppendLine("| target | mode | c | req/s | p50 ms | p99 ms | added p50 ms | added p99 ms | first token p50 ms | first token p99 ms | CPU µs/call | allocated KB/call | errors |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            var direct = rows.First(r => r.Target == Direct && r.Streaming == row.Streaming && r.Connections == row.Connections);
            var added = row.Target == Direct ? "" : F(row.P50Ms - direct.P50Ms);
            var addedTail = row.Target == Direct ? "" : F(row.P99Ms - direct.P99Ms);
            text.AppendLine(CultureInfo.InvariantCulture, $"| {row.Target} | {(row.Streaming ? "streaming" : "non-streaming")} | {row.Connections} | {row.RequestsPerSecond:F0} | {F(row.P50Ms)} | {F(row.P99Ms)} | {added} | {addedTail} | {(row.Streaming ? F(row.FirstTokenP50Ms) : "")} | {(row.Streaming ? F(row.FirstTokenP99Ms) : "")} | {row.CpuUsPerCall:F0} | {(double.IsNaN(row.AllocatedKbPerCall) ? "" : row.AllocatedKbPerCall.ToString("F1", CultureInfo.InvariantCulture))} | {row.Errors} |");
        }

        text.AppendLine();
        text.AppendLine("CPU µs/call: the simulator's process for direct, the gateway's for the gateway, this process (the engine and the calling loop) for the library. Allocated: this process, library rows only.");
        return text.ToString();
    }

    private static string F(double ms) => ms.ToString("F3", CultureInfo.InvariantCulture);

    private static async Task<List<LibraryRow>> MeasureRowsAsync(ProcessSet processes, SwitchyardChatClient client, List<Scenario> http, bool streaming, int connections, HarnessSettings settings)
    {
        var merged = new[] { new Samples(), new Samples(), new Samples() };
        var allocated = 0L;
        for (var round = 0; round < settings.Rounds; round++)
        {
            // Each round rotates the order, so no target always runs first (or last) on a machine whose load drifts.
            for (var k = 0; k < 3; k++)
            {
                var i = (k + round) % 3;
                var duration = TimeSpan.FromSeconds(settings.Seconds);
                if (i < 2)
                {
                    var cpuBefore = processes.CpuTime(http[i].Url);
                    var samples = await LoadRunner.MeasureAsync(http[i], connections, duration);
                    samples.ServerCpu = processes.CpuTime(http[i].Url) - cpuBefore;
                    merged[i].Add(samples);
                }
                else
                {
                    var allocatedBefore = GC.GetTotalAllocatedBytes();
                    var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                    var samples = await MeasureLibraryAsync(client, streaming, connections, duration);
                    samples.ServerCpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
                    allocated += GC.GetTotalAllocatedBytes() - allocatedBefore;
                    merged[2].Add(samples);
                }
            }
        }

        var names = new[] { Direct, Gateway, Library };
        var rows = new List<LibraryRow>();
        for (var i = 0; i < 3; i++)
        {
            var calls = merged[i].Latencies.Count;
            merged[i].FirstTokens.Sort();
            var result = merged[i].ToResult(http[Math.Min(i, 1)], connections);
            var row = new LibraryRow(names[i], streaming, connections, result.RequestsPerSecond, result.P50Ms, result.P99Ms,
                Samples.Percentile(merged[i].FirstTokens, 0.50), Samples.Percentile(merged[i].FirstTokens, 0.99),
                result.ServerCpuUsPerRequest, i == 2 && calls > 0 ? allocated / 1024.0 / calls : double.NaN, result.Errors);
            rows.Add(row);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {(streaming ? "streaming    " : "non-streaming")} c={connections,-3} {row.Target,-22} {row.RequestsPerSecond,8:F0} req/s  p50 {row.P50Ms,7:F3} ms  p99 {row.P99Ms,7:F3} ms  first token p50 {row.FirstTokenP50Ms,7:F3} ms  CPU {row.CpuUsPerCall,6:F0} µs/call  errors {row.Errors}"));
        }

        return rows;
    }

    private static async Task<Samples> MeasureLibraryAsync(IChatClient client, bool streaming, int connections, TimeSpan duration)
    {
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, connections).Select(_ => Task.Run(() => LibraryWorkerAsync(client, streaming, until))).ToArray();
        var total = new Samples();
        foreach (var samples in await Task.WhenAll(workers))
        {
            total.Add(samples);
        }

        total.Elapsed = Stopwatch.GetElapsedTime(started);
        return total;
    }

    private static async Task<Samples> LibraryWorkerAsync(IChatClient client, bool streaming, long until)
    {
        var samples = new Samples();
        while (Stopwatch.GetTimestamp() < until)
        {
            var start = Stopwatch.GetTimestamp();
            try
            {
                if (!streaming)
                {
                    await client.GetResponseAsync(Question, Options);
                    var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                    samples.FirstBytes.Add(elapsed);
                    samples.FirstTokens.Add(elapsed);
                    samples.Latencies.Add(elapsed);
                    continue;
                }

                var firstToken = double.NaN;
                var updates = 0;
                await foreach (var update in client.GetStreamingResponseAsync(Question, Options))
                {
                    updates++;
                    if (double.IsNaN(firstToken) && update.Text.Length > 0)
                    {
                        firstToken = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                    }
                }

                samples.FirstBytes.Add(firstToken);
                samples.FirstTokens.Add(firstToken);
                samples.Latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                samples.Events += updates;
            }
            catch (SwitchyardException)
            {
                samples.Errors++;
            }
        }

        return samples;
    }
}

/// <summary>One row of the library suite.</summary>
internal sealed record LibraryRow(
    string Target, bool Streaming, int Connections, double RequestsPerSecond, double P50Ms, double P99Ms, double FirstTokenP50Ms, double FirstTokenP99Ms, double CpuUsPerCall, double AllocatedKbPerCall, int Errors);
