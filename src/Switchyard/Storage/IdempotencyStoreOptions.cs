namespace Switchyard.Storage;

/// <summary>Tuning for <see cref="SqliteIdempotencyStore"/>.</summary>
public sealed record IdempotencyStoreOptions
{
    /// <summary>How long a record counts after its key was first claimed. The default is 24 hours.</summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How often a waiter re-reads the record besides being woken by this instance, so it also sees changes written
    /// through another instance on the file. The default is 250 milliseconds.
    /// </summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Every problem with these options, each prefixed with its property name; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Retention <= TimeSpan.Zero)
        {
            errors.Add($"{nameof(Retention)}: must be more than zero (was {Retention}).");
        }

        if (PollInterval <= TimeSpan.Zero || PollInterval > TimeSpan.FromMinutes(1))
        {
            errors.Add($"{nameof(PollInterval)}: must be more than zero and at most 1 minute (was {PollInterval}).");
        }

        return errors;
    }
}
