using System.Diagnostics;
using System.Text;

namespace Switchyard.LoadHarness;

/// <summary>
/// An open-loop load generator (wrk2's idea): request <c>i</c> is due at <c>start + i / rate</c> whether or not earlier
/// responses have come back, and its latency is measured from that scheduled time, not from when it was actually sent.
/// A target that falls behind therefore pays for every request that should have gone out meanwhile (no coordinated
/// omission).
/// </summary>
/// <remarks>
/// A dedicated thread wakes about every millisecond and starts every request that has fallen due, so the schedule itself
/// adds up to ~1 ms (more when the shared machine delays the thread) to every row alike; the added-latency columns
/// subtract it out. At most <see cref="MaxInFlight"/> requests are on the wire at once (wrk2 has a fixed number of
/// connections too); a due request waiting for a slot keeps its scheduled start, so the wait is in its latency. The first
/// <see cref="Ramp"/> of the schedule is sent but not recorded, so opening connections is not measured. Requests still
/// unanswered <see cref="Grace"/> after the schedule ends are cancelled and counted as given up (<see cref="Samples.GivenUp"/>).
/// </remarks>
internal static class OpenLoopRunner
{
    public const int MaxInFlight = 1024;

    public static readonly TimeSpan Ramp = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);

    public static async Task<Samples> MeasureAsync(Scenario scenario, int rate, TimeSpan duration)
    {
        using var http = LoadRunner.CreateClient(int.MaxValue);
        using var slots = new SemaphoreSlim(MaxInFlight);
        using var giveUp = new CancellationTokenSource();
        var body = Encoding.UTF8.GetBytes(scenario.Body);
        var unrecorded = (int)(rate * Ramp.TotalSeconds);
        var total = unrecorded + (int)(rate * duration.TotalSeconds);
        var inFlight = new List<Task<Samples>>(total);
        var ticksPerRequest = (double)Stopwatch.Frequency / rate;
        var start = Stopwatch.GetTimestamp();

        var scheduler = new Thread(() =>
        {
            var sent = 0;
            while (sent < total)
            {
                var now = Stopwatch.GetTimestamp();
                for (; sent < total && start + (long)(sent * ticksPerRequest) <= now; sent++)
                {
                    var due = start + (long)(sent * ticksPerRequest);
                    inFlight.Add(Task.Run(() => SendOneAsync(http, slots, scenario, body, due, giveUp.Token)));
                }

                Thread.Sleep(1);
            }
        })
        { IsBackground = true, Priority = ThreadPriority.AboveNormal, Name = "open-loop scheduler" };
        scheduler.Start();
        await Task.Run(scheduler.Join);
        var measuredSpan = Stopwatch.GetElapsedTime(start) - Ramp;

        await Task.WhenAny(Task.WhenAll(inFlight), Task.Delay(Grace));
        await giveUp.CancelAsync();
        var merged = new Samples(total);
        for (var i = unrecorded; i < inFlight.Count; i++)
        {
            merged.Add(await inFlight[i]);
        }

        // Throughput over the recorded part of the schedule: what the target sustained at the offered rate.
        merged.Elapsed = measuredSpan;
        return merged;
    }

    private static async Task<Samples> SendOneAsync(HttpClient http, SemaphoreSlim slots, Scenario scenario, byte[] body, long due, CancellationToken giveUp)
    {
        var samples = new Samples(capacity: 1);
        try
        {
            await slots.WaitAsync(giveUp);
        }
        catch (OperationCanceledException)
        {
            samples.GivenUp++;
            return samples;
        }

        try
        {
            await LoadRunner.SendAsync(http, scenario, body, new byte[4 * 1024], due, samples, giveUp);
        }
        finally
        {
            slots.Release();
        }

        return samples;
    }
}
