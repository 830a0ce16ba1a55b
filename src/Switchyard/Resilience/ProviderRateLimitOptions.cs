namespace Switchyard.Resilience;

/// <summary>
/// Client-side rate limits of one provider deployment (provider + key + model family), as token buckets refilled per
/// minute. Configured limits are an upper bound; limits learned from the provider's rate-limit headers may lower them
/// (a provider that says it allows less is right), never raise them (an operator who set a lower limit meant it, e.g.
/// to leave room for another consumer of the same key).
/// </summary>
public sealed record ProviderRateLimitOptions
{
    /// <summary>Requests per minute; null admits any number until a limit is learned. The default is null.</summary>
    public int? RequestsPerMinute { get; init; }

    /// <summary>Tokens (prompt + expected output) per minute; null admits any number until learned. The default is null.</summary>
    public long? TokensPerMinute { get; init; }

    /// <summary>
    /// Whether limits and remaining counts are learned from the provider's headers. A provider's <c>retry-after</c> is
    /// honoured either way. The default is true.
    /// </summary>
    public bool LearnFromHeaders { get; init; } = true;

    /// <summary>Every problem with these options, all at once, each prefixed with its config path.</summary>
    public IReadOnlyList<string> Validate(string path = "Resilience:RateLimits")
    {
        var errors = new List<string>();
        if (RequestsPerMinute is < 1)
        {
            errors.Add($"{path}:RequestsPerMinute: must be at least 1 when set.");
        }

        if (TokensPerMinute is < 1)
        {
            errors.Add($"{path}:TokensPerMinute: must be at least 1 when set.");
        }

        return errors;
    }
}
