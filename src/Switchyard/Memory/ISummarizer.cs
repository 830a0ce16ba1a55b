namespace Switchyard.Memory;

/// <summary>
/// Folds turns into a rolling summary. The gateway implements it with a cheap model through its own routing; the engine
/// enforces the <see cref="SummarizerPolicy"/> (budget, timeout, batching) around every call. Implementations return a
/// failed <see cref="SummaryResult"/> for an expected failure; an exception is treated the same way (never surfaced).
/// </summary>
public interface ISummarizer
{
    /// <summary>Summarizes <see cref="SummaryRequest.PreviousSummary"/> plus <see cref="SummaryRequest.Turns"/> into one new summary.</summary>
    Task<SummaryResult> SummarizeAsync(SummaryRequest request, CancellationToken cancellationToken);
}
