namespace Switchyard.Memory;

/// <summary>
/// Tuning of the layered memory engine. Immutable; validate with <see cref="Validate"/> at start. Config section
/// <c>Memory</c> (see docs/memory.md).
/// </summary>
public sealed record MemoryOptions
{
    /// <summary>Token budget of one assembled prompt when the request names none. The default is 4,000.</summary>
    public int ContextBudgetTokens { get; init; } = 4_000;

    /// <summary>How the budget left after the system and new turns is split between recall, summary and window.</summary>
    public ContextSplit Split { get; init; } = new();

    /// <summary>
    /// How many tokens of unsummarized turns the window (L1) holds before the oldest are folded into the summary (L2).
    /// The default is 2,000.
    /// </summary>
    public int WindowTokens { get; init; } = 2_000;

    /// <summary>How many memories recall (L3) considers per request, before the recall share trims them. The default is 8.</summary>
    public int RecallTopK { get; init; } = 8;

    /// <summary>Memories less similar than this (cosine, −1..1) to the query are not injected. The default is 0.2.</summary>
    public double RecallMinSimilarity { get; init; } = 0.2;

    /// <summary>Whether user turns are mined for facts (<see cref="IFactExtractor"/>) besides being chunked. The default is true.</summary>
    public bool ExtractFacts { get; init; } = true;

    /// <summary>The longest chunk of a turn embedded as one memory, in o200k tokens. The default is 200.</summary>
    public int ChunkTokens { get; init; } = 200;

    /// <summary>How long turns, summaries and memories are kept after they are written. The default is 30 days.</summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromDays(30);

    /// <summary>Budget, timeout and batching of the summarizer.</summary>
    public SummarizerPolicy Summarizer { get; init; } = new();

    /// <summary>Every problem with these options, each prefixed with its property path; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (ContextBudgetTokens is < 256 or > 2_000_000)
        {
            errors.Add($"{nameof(ContextBudgetTokens)}: must be 256–2,000,000 (was {ContextBudgetTokens}).");
        }

        if (WindowTokens < 1 || WindowTokens > ContextBudgetTokens)
        {
            errors.Add($"{nameof(WindowTokens)}: must be 1–{nameof(ContextBudgetTokens)} (was {WindowTokens}).");
        }

        if (RecallTopK is < 0 or > 100)
        {
            errors.Add($"{nameof(RecallTopK)}: must be 0–100 (was {RecallTopK}).");
        }

        if (RecallMinSimilarity is < -1 or > 1 || double.IsNaN(RecallMinSimilarity))
        {
            errors.Add($"{nameof(RecallMinSimilarity)}: must be -1–1 (was {RecallMinSimilarity}).");
        }

        if (ChunkTokens is < 16 or > 8_000)
        {
            errors.Add($"{nameof(ChunkTokens)}: must be 16–8,000 (was {ChunkTokens}).");
        }

        // The upper bound keeps "now - retention" a representable date.
        if (Retention <= TimeSpan.Zero || Retention > TimeSpan.FromDays(36_500))
        {
            errors.Add($"{nameof(Retention)}: must be more than zero and at most 36500 days (was {Retention}).");
        }

        errors.AddRange(Split.Validate().Select(e => $"{nameof(Split)}.{e}"));
        errors.AddRange(Summarizer.Validate().Select(e => $"{nameof(Summarizer)}.{e}"));
        return errors;
    }
}
