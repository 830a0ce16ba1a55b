using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace Switchyard.LoadHarness;

/// <summary>
/// Holds N concurrent slow streams through a gateway process and samples that process's resident memory: the
/// "1,000 concurrent streams within 300 MB RSS" target. One gateway at a time (delta log on, then off), each its own
/// process in front of the one simulator, so the RSS read from <c>/proc</c> is the gateway's alone. A direct row (the
/// same streams straight to the simulator, the simulator's RSS) comes first as the reference.
/// </summary>
internal static class StreamsRssSuite
{
    /// <summary>
    /// Realistic first token (200 ms), then slow pacing (20 tokens/s): an answer of 100–200 tokens streams for 5–10 s,
    /// so every stream opened during the ramp is still open when the last one starts.
    /// </summary>
    public const string SlowScenario = """{"latency":{"firstTokenMs":200,"tokensPerSecond":20},"rules":[]}""";

    private const string StreamBody = """{"model":"gpt-4o-mini","max_completion_tokens":200,"stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"Benchmark me, at length."}]}""";

    public static async Task<List<StreamsRssRow>> RunAsync(HarnessSettings settings)
    {
        // Every stream is its own connection and its own task; do not let the client's thread pool ramp up slowly.
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), Math.Max(io, 64));
        await using var processes = await ProcessSet.StartAsync(Scenario.StreamLogGateways);
        // Direct first: the simulator's own RSS and first-event times under the same 1,000 streams are the reference.
        var scenarios = Scenario.StreamLog(processes).ToList();
        foreach (var scenario in scenarios)
        {
            await LoadRunner.RunAsync(scenario, settings.Connections.Max(), TimeSpan.FromSeconds(settings.WarmupSeconds));
        }

        using var control = new HttpClient();
        using (var put = await control.PutAsync(new Uri(processes.Simulator, "/_sim/scenario"), new StringContent(SlowScenario, Encoding.UTF8, "application/json")))
        {
            put.EnsureSuccessStatusCode();
        }

        var rows = new List<StreamsRssRow>();
        foreach (var scenario in scenarios)
        {
            var row = await MeasureAsync(processes.Pid(scenario.Url), scenario, settings.Streams, TimeSpan.FromSeconds(settings.RampSeconds));
            rows.Add(row);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {row.Name,-28} {row.Completed}/{row.Streams} streams, max open {row.MaxOpen}, RSS idle {row.IdleRssMiB:F0} MiB, peak {row.PeakRssMiB:F0} MiB, at max open {row.RssAtMaxOpenMiB:F0} MiB, errors {row.Errors}"));
            // Let the gateway finish settling the last streams before the next one is measured.
            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        return rows;
    }

    private static async Task<StreamsRssRow> MeasureAsync(int pid, Scenario scenario, int streams, TimeSpan ramp)
    {
        GC.Collect();
        var idle = ProcStats.ReadRss(pid);
        ProcStats.TryResetPeak(pid);
        var cpuBefore = ProcStats.Read(pid).Cpu;
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromMinutes(2) };
        var open = 0;
        var maxOpen = 0;
        var rssAtMaxOpen = 0L;
        var firstEvents = new List<double>(streams);
        var durations = new List<double>(streams);
        long events = 0;
        var errors = 0;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            // The RSS when the most streams were open at once (sampled every 50 ms).
            while (!stop.IsCancellationRequested)
            {
                var now = Volatile.Read(ref open);
                var rss = ProcStats.ReadRss(pid);
                if (now > maxOpen || (now == maxOpen && rss > rssAtMaxOpen))
                {
                    maxOpen = now;
                    rssAtMaxOpen = rss;
                }

                await Task.Delay(50);
            }
        });

        var clock = Stopwatch.StartNew();
        var tasks = new List<Task>(streams);
        for (var i = 0; i < streams; i++)
        {
            var wait = ramp * ((double)i / streams) - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            tasks.Add(Task.Run(async () =>
            {
                var started = Stopwatch.GetTimestamp();
                Interlocked.Increment(ref open);
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, scenario.Url) { Content = new StringContent(scenario.Body, Encoding.UTF8, "application/json") };
                    foreach (var (name, value) in scenario.Headers)
                    {
                        request.Headers.TryAddWithoutValidation(name, value);
                    }

                    request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
                    using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref errors);
                        return;
                    }

                    await using var body = await response.Content.ReadAsStreamAsync();
                    var buffer = new byte[4096];
                    var counter = new SseDataLineCounter();
                    var seen = 0;
                    var first = double.NaN;
                    int read;
                    while ((read = await body.ReadAsync(buffer)) > 0)
                    {
                        if (seen == 0 && (seen = counter.Count(buffer.AsSpan(0, read))) > 0)
                        {
                            first = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                        }
                        else
                        {
                            seen += counter.Count(buffer.AsSpan(0, read));
                        }
                    }

                    lock (durations)
                    {
                        firstEvents.Add(first);
                        durations.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                        events += seen;
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }
                catch (IOException)
                {
                    Interlocked.Increment(ref errors);
                }
                finally
                {
                    Interlocked.Decrement(ref open);
                }
            }));
        }

        await Task.WhenAll(tasks);
        await stop.CancelAsync();
        await sampler;
        var stats = ProcStats.Read(pid);
        firstEvents.Sort();
        durations.Sort();
        return new StreamsRssRow(
            scenario.Name, streams, durations.Count, errors, maxOpen,
            idle / 1048576.0, stats.PeakRssBytes / 1048576.0, rssAtMaxOpen / 1048576.0,
            durations.Count == 0 ? 0 : (double)events / durations.Count,
            Samples.Percentile(firstEvents, 0.50), Samples.Percentile(firstEvents, 0.99),
            Samples.Percentile(durations, 0.50), (stats.Cpu - cpuBefore).TotalSeconds);
    }
}

/// <summary>One gateway's result in the streams-rss suite.</summary>
/// <param name="Name">The target: the simulator directly, or a gateway (delta log on or off).</param>
/// <param name="Streams">Streams opened.</param>
/// <param name="Completed">Streams read to their end with a 2xx status.</param>
/// <param name="Errors">Streams that failed (status or transport).</param>
/// <param name="MaxOpen">The most streams open at once, as the client counted them.</param>
/// <param name="IdleRssMiB">The target process's RSS before the first stream (after warm-up).</param>
/// <param name="PeakRssMiB">The target process's peak RSS over the run (<c>VmHWM</c>, reset before it).</param>
/// <param name="RssAtMaxOpenMiB">The target process's RSS sampled while <paramref name="MaxOpen"/> streams were open.</param>
/// <param name="EventsPerStream">Mean SSE events per completed stream.</param>
/// <param name="FirstEventP50Ms">Median time to the first event.</param>
/// <param name="FirstEventP99Ms">99th percentile time to the first event.</param>
/// <param name="DurationP50Ms">Median stream duration.</param>
/// <param name="CpuSeconds">The target process's CPU time over the run.</param>
internal sealed record StreamsRssRow(
    string Name, int Streams, int Completed, int Errors, int MaxOpen, double IdleRssMiB, double PeakRssMiB, double RssAtMaxOpenMiB,
    double EventsPerStream, double FirstEventP50Ms, double FirstEventP99Ms, double DurationP50Ms, double CpuSeconds);
