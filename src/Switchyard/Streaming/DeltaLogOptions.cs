namespace Switchyard.Streaming;

/// <summary>Tuning for <see cref="SqliteDeltaLog"/>.</summary>
public sealed record DeltaLogOptions
{
    /// <summary>How long the background writer gathers appends before committing them. The default is 10 milliseconds.</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// The most events committed in one transaction. The default is 4,096: a batch cut short writes each stream's events
    /// in it as one chunk row, so with hundreds of paced streams a small cap made nearly every event its own row (and its
    /// own compression call); at 256 the writer took 45% more CPU for 1,000 paced streams/s (docs/benchmarks.md).
    /// </summary>
    public int MaxBatch { get; init; } = 4096;

    /// <summary>How long ended streams are kept, for <see cref="SqliteDeltaLog.PurgeExpiredAsync"/>. The default is 1 hour.</summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Every problem with these options, each prefixed with its property name; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (FlushInterval <= TimeSpan.Zero || FlushInterval > TimeSpan.FromSeconds(1))
        {
            errors.Add($"{nameof(FlushInterval)}: must be more than zero and at most 1 second (was {FlushInterval}).");
        }

        if (MaxBatch is < 1 or > 100_000)
        {
            errors.Add($"{nameof(MaxBatch)}: must be between 1 and 100000 (was {MaxBatch}).");
        }

        if (Retention <= TimeSpan.Zero)
        {
            errors.Add($"{nameof(Retention)}: must be more than zero (was {Retention}).");
        }

        return errors;
    }
}
