namespace Switchyard.Memory;

/// <summary>What a summarizer call produced: a summary and its cost, or a failure reason.</summary>
public sealed record SummaryResult
{
    /// <summary>The new summary text; null when the call failed.</summary>
    public string? Text { get; init; }

    /// <summary>Why the call failed (safe to log: no content); null on success.</summary>
    public string? Failure { get; init; }

    /// <summary>Input tokens the call consumed (counted against the budget even on failure when known).</summary>
    public long InputTokens { get; init; }

    /// <summary>Output tokens the call produced.</summary>
    public long OutputTokens { get; init; }

    /// <summary>The call's cost in USD (0 when unknown).</summary>
    public decimal CostUsd { get; init; }

    /// <summary>Whether a summary was produced.</summary>
    public bool Succeeded => Text is not null;

    /// <summary>A successful result.</summary>
    public static SummaryResult Success(string text, long inputTokens, long outputTokens, decimal costUsd) =>
        new() { Text = text, InputTokens = inputTokens, OutputTokens = outputTokens, CostUsd = costUsd };

    /// <summary>A failed result.</summary>
    public static SummaryResult Failed(string reason, long inputTokens = 0, long outputTokens = 0, decimal costUsd = 0) =>
        new() { Failure = reason, InputTokens = inputTokens, OutputTokens = outputTokens, CostUsd = costUsd };
}
