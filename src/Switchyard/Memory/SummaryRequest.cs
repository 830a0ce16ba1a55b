namespace Switchyard.Memory;

/// <summary>One fold: the summary so far and the turns leaving the window, oldest first.</summary>
/// <param name="Key">The session (for the gateway's attribution of the summarizer's cost).</param>
/// <param name="PreviousSummary">The current summary text; null for the first fold.</param>
/// <param name="Turns">The turns to fold in; tool calls are never split from their results.</param>
/// <param name="MaxSummaryTokens">Upper bound on the new summary's length (the model's output limit).</param>
public sealed record SummaryRequest(MemorySessionKey Key, string? PreviousSummary, IReadOnlyList<MemoryTurn> Turns, int MaxSummaryTokens);
