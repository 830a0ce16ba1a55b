namespace Switchyard.Memory;

/// <summary>
/// Limits around every summarizer call. A fold that would pass a budget is not attempted; one that times out or fails
/// leaves its turns pending (still stored and recallable) and is retried on a later update.
/// </summary>
public sealed record SummarizerPolicy
{
    /// <summary>How long one summarizer call may take. The default is 20 seconds.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Fold only when at least this many tokens of turns have left the window, so the summarizer is called once per
    /// batch rather than per turn. The default is 1,000.
    /// </summary>
    public int BatchTokens { get; init; } = 1_000;

    /// <summary>Upper bound on a summary's length in tokens (also capped by the summary share of the budget). The default is 600.</summary>
    public int MaxSummaryTokens { get; init; } = 600;

    /// <summary>Summarizer tokens (input + output) one session may spend, all time; null for no limit. The default is 500,000.</summary>
    public long? SessionTokenBudget { get; init; } = 500_000;

    /// <summary>Summarizer tokens one tenant may spend per UTC day; null for no limit. The default is 5,000,000.</summary>
    public long? DailyTokenBudget { get; init; } = 5_000_000;

    /// <summary>Summarizer USD one session may spend, all time; null (the default) for no limit.</summary>
    public decimal? SessionUsdBudget { get; init; }

    /// <summary>Summarizer USD one tenant may spend per UTC day; null (the default) for no limit.</summary>
    public decimal? DailyUsdBudget { get; init; }

    /// <summary>Every problem with the policy, each prefixed with its property name; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromMinutes(10))
        {
            errors.Add($"{nameof(Timeout)}: must be more than zero and at most 10 minutes (was {Timeout}).");
        }

        if (BatchTokens is < 1 or > 1_000_000)
        {
            errors.Add($"{nameof(BatchTokens)}: must be 1–1,000,000 (was {BatchTokens}).");
        }

        if (MaxSummaryTokens is < 16 or > 100_000)
        {
            errors.Add($"{nameof(MaxSummaryTokens)}: must be 16–100,000 (was {MaxSummaryTokens}).");
        }

        AddIfNegative(errors, nameof(SessionTokenBudget), SessionTokenBudget);
        AddIfNegative(errors, nameof(DailyTokenBudget), DailyTokenBudget);
        AddIfNegative(errors, nameof(SessionUsdBudget), SessionUsdBudget);
        AddIfNegative(errors, nameof(DailyUsdBudget), DailyUsdBudget);
        return errors;
    }

    private static void AddIfNegative(List<string> errors, string name, decimal? value)
    {
        if (value < 0)
        {
            errors.Add($"{name}: must not be negative (was {value}).");
        }
    }
}
