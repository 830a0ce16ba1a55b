namespace Switchyard.Conversations;

/// <summary>How long stored responses are kept, and how far back a chain is followed.</summary>
public sealed record ConversationStoreOptions
{
    /// <summary>How long a stored conversation is kept after its latest response. The default is 30 days, as OpenAI's.</summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromDays(30);

    /// <summary>
    /// The most responses a chain is followed back (a safety bound on one request's history). The default is 10,000.
    /// </summary>
    public int MaxChainLength { get; init; } = 10_000;

    /// <summary>Every problem with these options (empty when valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Retention <= TimeSpan.Zero)
        {
            errors.Add($"Retention must be positive (was {Retention}).");
        }

        if (MaxChainLength < 1)
        {
            errors.Add($"MaxChainLength must be at least 1 (was {MaxChainLength}).");
        }

        return errors;
    }
}
