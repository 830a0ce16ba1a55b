namespace Switchyard.Streaming;

/// <summary>Tuning for <see cref="OverlapTrimmer"/>.</summary>
public sealed record OverlapTrimmerOptions
{
    /// <summary>
    /// The shortest repeat that counts as an overlap; a shorter match is kept as new text, because a coincidence of a few
    /// characters (a space, a word ending) is more likely real. The default is 8 characters.
    /// </summary>
    public int MinOverlap { get; init; } = 8;

    /// <summary>How many of the last characters of the sent text are compared. The default is 2048 characters.</summary>
    public int Window { get; init; } = 2048;

    /// <summary>Every problem with these options, each prefixed with its property name; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MinOverlap < 1)
        {
            errors.Add($"{nameof(MinOverlap)}: must be at least 1 (was {MinOverlap}).");
        }

        if (Window < MinOverlap || Window > 1_000_000)
        {
            errors.Add($"{nameof(Window)}: must be at least {nameof(MinOverlap)} and at most 1000000 (was {Window}).");
        }

        return errors;
    }
}
