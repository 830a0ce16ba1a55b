using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Switchyard.LoadHarness;

/// <summary>
/// Direct vs the bare .NET pass-through vs Switchyard vs Portkey, in front of one simulator, under two simulator profiles: closed loop at each
/// connection count and open loop at each fixed rate, non-streaming and streaming.
/// </summary>
internal static partial class PeersSuite
{
    /// <summary>Simulator profiles by name, as scenario JSON installed with <c>PUT /_sim/scenario</c>.</summary>
    public static IReadOnlyList<(string Name, string Scenario)> Profiles { get; } =
    [
        ("zero-latency", """{"latency":{"firstTokenMs":0,"tokensPerSecond":0},"rules":[]}"""),
        // First token after 200 ms, then 320 tokens/s: a 64-token answer takes ~0.4 s, as a small hosted model does.
        ("realistic", """{"latency":{"firstTokenMs":200,"tokensPerSecond":320},"rules":[]}"""),
    ];

    public static async Task<List<PeerRow>> RunAsync(HarnessSettings settings)
    {
        // An open loop at 2,000 requests/s starts hundreds of requests at once; without this the client's own thread pool
        // would add its ramp-up (one thread per ~0.5 s) to the first seconds' latencies.
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), Math.Max(io, 64));
        var root = RepositoryRoot();
        var portkeyFolder = await PortkeyPeer.EnsureInstalledAsync(root);
        await using var processes = await ProcessSet.StartAsync(
            new Dictionary<string, IReadOnlyDictionary<string, string>> { ["switchyard"] = new Dictionary<string, string>() });
        var portkeyPort = ProcessSet.FreePort();
        var portkey = new Uri($"http://127.0.0.1:{portkeyPort}");
        await processes.StartPeerAsync("portkey", PortkeyPeer.StartInfo(portkeyFolder, portkeyPort), portkeyPort, portkey);
        var barePort = ProcessSet.FreePort();
        var bare = new Uri($"http://127.0.0.1:{barePort}");
        await processes.StartPeerAsync("bare", BarePassThrough.StartInfo(bare, processes.Simulator), barePort, bare);
        var scenarios = Scenario.Peers(processes, bare, portkey).ToList();
        foreach (var scenario in scenarios)
        {
            await VerifyAsync(scenario);
        }

        Console.WriteLine($"All four targets answer valid completions (Portkey {PortkeyPeer.Version}, pid {processes.Pid(portkey)}).");
        var rows = new List<PeerRow>();
        using var control = new HttpClient();
        var loads = settings.Connections.Select(c => (Label: $"closed c={c}", Connections: c, Rate: 0))
            .Concat(settings.Rates.Select(r => (Label: $"open {r}/s", Connections: 0, Rate: r)))
            .ToList();
        foreach (var (profile, json) in Profiles)
        {
            using (var put = await control.PutAsync(new Uri(processes.Simulator, "/_sim/scenario"), new StringContent(json, Encoding.UTF8, "application/json")))
            {
                put.EnsureSuccessStatusCode();
            }

            foreach (var scenario in scenarios)
            {
                await LoadRunner.RunAsync(scenario, settings.Connections.Max(), TimeSpan.FromSeconds(settings.WarmupSeconds));
            }

            var turn = 0;
            foreach (var load in loads)
            {
                foreach (var streaming in new[] { false, true })
                {
                    var group = scenarios.Where(s => s.Streaming == streaming).ToList();
                    // Rotate who goes first, so a busy moment of the shared machine does not always land on one target.
                    for (var k = 0; k < group.Count; k++)
                    {
                        var scenario = group[(k + turn) % group.Count];
                        var row = await MeasureAsync(processes, scenario, profile, load, TimeSpan.FromSeconds(settings.Seconds));
                        rows.Add(row);
                        if (load.Rate > 0)
                        {
                            await SettleAsync(processes.Pid(scenario.Url), processes.Pid(processes.Simulator));
                        }

                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"  {profile,-12} {load.Label,-12} {(streaming ? "stream" : "plain"),-6} {row.Target,-10} {row.RequestsPerSecond,7:F0} req/s  p50 {row.P50Ms,8:F3}  p99 {row.P99Ms,8:F3}  p99.9 {row.P999Ms,8:F3} ms  cpu {row.TargetCpuSeconds,5:F2}s  rss {row.TargetPeakRssMiB,5:F0} MiB  errors {row.Errors}{(row.GivenUp > 0 ? $"  given up {row.GivenUp}" : string.Empty)}"));
                    }

                    turn++;
                }
            }
        }

        return rows;
    }

    private static async Task<PeerRow> MeasureAsync(ProcessSet processes, Scenario scenario, string profile, (string Label, int Connections, int Rate) load, TimeSpan duration)
    {
        var targetPid = processes.Pid(scenario.Url);
        var simulatorPid = processes.Pid(processes.Simulator);
        ProcStats.TryResetPeak(targetPid);
        var target = ProcStats.Read(targetPid);
        var simulator = ProcStats.Read(simulatorPid);
        var samples = load.Rate > 0
            ? await OpenLoopRunner.MeasureAsync(scenario, load.Rate, duration)
            : await LoadRunner.MeasureAsync(scenario, load.Connections, duration);
        var targetAfter = ProcStats.Read(targetPid);
        var simulatorAfter = ProcStats.Read(simulatorPid);
        samples.Latencies.Sort();
        samples.FirstTokens.Sort();
        return new PeerRow(
            profile, load.Label, scenario.Name, scenario.Streaming, load.Rate,
            samples.Latencies.Count / samples.Elapsed.TotalSeconds, samples.Errors, samples.GivenUp,
            Samples.Percentile(samples.Latencies, 0.50), Samples.Percentile(samples.Latencies, 0.99), Samples.Percentile(samples.Latencies, 0.999),
            Samples.Percentile(samples.FirstTokens, 0.50), Samples.Percentile(samples.FirstTokens, 0.99),
            (targetAfter.Cpu - target.Cpu).TotalSeconds, targetAfter.PeakRssBytes / (1024.0 * 1024.0),
            (simulatorAfter.Cpu - simulator.Cpu).TotalSeconds);
    }

    /// <summary>
    /// Waits (at most 5 s) until the target and the simulator are idle again, so that a target that fell behind an open
    /// loop has finished or dropped its backlog before the next row measures someone else.
    /// </summary>
    internal static async Task SettleAsync(params int[] pids)
    {
        var idle = TimeSpan.FromMilliseconds(30); // per 250 ms: under ~12% of one core
        for (var waited = 0; waited < 20; waited++)
        {
            var before = pids.Select(p => ProcStats.Read(p).Cpu).ToArray();
            await Task.Delay(250);
            var busy = pids.Select((p, i) => ProcStats.Read(p).Cpu - before[i]).Max();
            if (busy < idle)
            {
                return;
            }
        }
    }

    /// <summary>One request through <paramref name="scenario"/> must come back as a real completion, or the suite stops.</summary>
    private static async Task VerifyAsync(Scenario scenario)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Post, scenario.Url) { Content = new StringContent(scenario.Body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in scenario.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var valid = response.IsSuccessStatusCode && (scenario.Streaming
            ? NonEmptyContent().IsMatch(text) && text.Contains("data: [DONE]", StringComparison.Ordinal)
            : JsonDocument.Parse(text).RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString() is { Length: > 0 });
        if (!valid)
        {
            throw new InvalidOperationException(
                $"{scenario.Name} ({(scenario.Streaming ? "streaming" : "non-streaming")}, {scenario.Url}) did not return a valid completion: {(int)response.StatusCode} {text[..Math.Min(text.Length, 500)]}");
        }
    }

    [GeneratedRegex("\"content\":\"[^\"]")]
    private static partial Regex NonEmptyContent();

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Switchyard.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Run the peers suite from inside the repository (Switchyard.slnx not found above the working directory).");
    }
}
