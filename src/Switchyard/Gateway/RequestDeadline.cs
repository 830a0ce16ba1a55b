namespace Switchyard.Gateway;

/// <summary>The absolute deadline of one request, shared by all of its attempts.</summary>
public readonly record struct RequestDeadline(DateTimeOffset At, TimeProvider Time)
{
    /// <summary>Starts a deadline <paramref name="budget"/> from now.</summary>
    public static RequestDeadline Start(TimeSpan budget, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return new(time.GetUtcNow() + budget, time);
    }

    /// <summary>Time left; zero once passed.</summary>
    public TimeSpan Remaining => At - Time.GetUtcNow() is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero;

    /// <summary>Whether the deadline has passed.</summary>
    public bool Passed => Remaining == TimeSpan.Zero;

    /// <summary>The smaller of <paramref name="limit"/> and the time left.</summary>
    public TimeSpan Cap(TimeSpan limit) => limit < Remaining ? limit : Remaining;
}
