using System.Globalization;

namespace Switchyard.LoadHarness;

/// <summary>
/// The overhead suite's open-loop rows (<c>--open-rates</c>): every same-format non-streaming scenario (direct, this
/// gateway, the baseline and the variants) at each fixed rate, rounds rotated like the closed-loop rows.
/// </summary>
internal static class OpenLoopRows
{
    public static async Task<List<RunResult>> MeasureAsync(ProcessSet processes, IReadOnlyList<Scenario> scenarios, IReadOnlyList<int> rates, HarnessSettings settings)
    {
        // An open loop starts many requests at once; without this the client's thread pool would add its ramp-up to the
        // first seconds' latencies (as in the peers suite).
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), Math.Max(io, 64));
        var plain = scenarios.Where(s => !s.Streaming && !s.Name.Contains("x-format", StringComparison.Ordinal)).ToList();
        var rows = new List<RunResult>();
        foreach (var rate in rates)
        {
            var merged = plain.Select(_ => new Samples()).ToArray();
            for (var round = 0; round < settings.Rounds; round++)
            {
                for (var k = 0; k < plain.Count; k++)
                {
                    var i = (k + round) % plain.Count;
                    var cpuBefore = processes.CpuTime(plain[i].Url);
                    var samples = await OpenLoopRunner.MeasureAsync(plain[i], rate, TimeSpan.FromSeconds(settings.Seconds));
                    samples.ServerCpu = processes.CpuTime(plain[i].Url) - cpuBefore;
                    merged[i].Add(samples);
                    // A target that fell behind finishes (or drops) its backlog before the next row measures another.
                    await PeersSuite.SettleAsync(processes.Pid(plain[i].Url), processes.Pid(processes.Simulator));
                }
            }

            for (var i = 0; i < plain.Count; i++)
            {
                var result = merged[i].ToResult(plain[i], 0) with { Rate = rate };
                rows.Add(result);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  open {rate}/s {plain[i].Name,-34} {result.RequestsPerSecond,9:F0} req/s  p50 {result.P50Ms,7:F3} ms  p99 {result.P99Ms,7:F3} ms  server CPU {result.ServerCpuUsPerRequest,6:F0} µs/req  errors {result.Errors}"));
            }
        }

        return rows;
    }
}
