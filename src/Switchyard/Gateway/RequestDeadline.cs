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

    /// <summary>
    /// Timers fire with millisecond granularity and a step that ends within this of the deadline is the deadline for
    /// every practical purpose (there is no time left for another attempt).
    /// </summary>
    public static TimeSpan Tolerance { get; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Whether the deadline has passed (or is within <see cref="Tolerance"/>).</summary>
    public bool Passed => Remaining <= Tolerance;

    /// <summary>The smaller of <paramref name="limit"/> and the time left.</summary>
    public TimeSpan Cap(TimeSpan limit) => limit < Remaining ? limit : Remaining;
}
