namespace Switchyard.Simulator.Hosting;

/// <summary>
/// Paces output against an absolute schedule (start + first-token delay + tokens / rate) rather than
/// sleeping per event, so timer granularity does not accumulate into drift over hundreds of deltas.
/// </summary>
internal sealed class Pacer(TimeProvider time, TimeSpan firstToken, double tokensPerSecond)
{
    // Timers refuse ~49.7 days and more: a long answer at the slowest allowed pace (0.001 tokens/s) would otherwise
    // fail with an empty 500 instead of being slow; a wait that long is as good as never.
    private static readonly TimeSpan MaxWait = TimeSpan.FromDays(49);

    private readonly long _start = time.GetTimestamp();
    private TimeSpan _due = firstToken;
    private TimeSpan _extra = TimeSpan.Zero;

    /// <summary>Waits until <paramref name="tokens"/> more tokens are due.</summary>
    public Task WaitAsync(int tokens, CancellationToken ct)
    {
        if (tokensPerSecond > 0 && tokens > 0)
        {
            _due += TimeSpan.FromSeconds(tokens / tokensPerSecond);
        }

        var wait = _due + _extra - time.GetElapsedTime(_start);
        return wait > TimeSpan.Zero ? Task.Delay(wait < MaxWait ? wait : MaxWait, time, ct) : Task.CompletedTask;
    }

    /// <summary>Stalls for <paramref name="duration"/> and shifts the rest of the schedule by as much.</summary>
    public Task StallAsync(TimeSpan duration, CancellationToken ct)
    {
        _extra += duration;
        return WaitAsync(0, ct);
    }
}
