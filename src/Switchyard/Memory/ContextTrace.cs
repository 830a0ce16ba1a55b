using System.Globalization;

namespace Switchyard.Memory;

/// <summary>
/// What the assembler put into a prompt, for the debug header or endpoint: tokens per layer (o200k counts, including
/// the per-message overhead), the recalled memory ids, the summary version and the window's turn range.
/// </summary>
public sealed record ContextTrace
{
    /// <summary>The budget the prompt was assembled for.</summary>
    public required int BudgetTokens { get; init; }

    /// <summary>Tokens of the request's own system messages.</summary>
    public int SystemTokens { get; init; }

    /// <summary>Tokens of the injected recall message (L3).</summary>
    public int RecallTokens { get; init; }

    /// <summary>Tokens of the injected summary message (L2).</summary>
    public int SummaryTokens { get; init; }

    /// <summary>Tokens of the window's turns (L1).</summary>
    public int WindowTokens { get; init; }

    /// <summary>Tokens of the request's new turns.</summary>
    public int NewTurnTokens { get; init; }

    /// <summary>All of the above: the prompt's size.</summary>
    public int TotalTokens => SystemTokens + RecallTokens + SummaryTokens + WindowTokens + NewTurnTokens;

    /// <summary>The injected memories, most similar first.</summary>
    public IReadOnlyList<RecalledMemory> Recalled { get; init; } = [];

    /// <summary>The summary version included; null when none.</summary>
    public int? SummaryVersion { get; init; }

    /// <summary>The last turn the included summary covers; 0 when none.</summary>
    public long SummaryThroughSequence { get; init; }

    /// <summary>The first turn of the window; 0 when the window is empty.</summary>
    public long WindowFromSequence { get; init; }

    /// <summary>The last turn of the window; 0 when the window is empty.</summary>
    public long WindowToSequence { get; init; }

    /// <summary>
    /// Stored turns neither summarized nor in the window (the window could not hold them: the summarizer is behind,
    /// failing or out of budget). They are still recallable through L3.
    /// </summary>
    public int OmittedTurns { get; init; }

    /// <summary>Why part of the memory was unavailable (e.g. the embedder failed); null when nothing degraded.</summary>
    public string? Degraded { get; init; }

    /// <summary>
    /// A compact one-line form for a response header, e.g.
    /// <c>budget=4000;total=3120;system=40;recall=410(ids=12,57);summary=380(v=3,through=120);window=2100(121-140);new=190;omitted=0</c>.
    /// Contains ids and counts only, never content.
    /// </summary>
    public string ToHeaderValue()
    {
        var ids = string.Join(',', Recalled.Select(r => r.Id.ToString(CultureInfo.InvariantCulture)));
        var header = string.Create(
            CultureInfo.InvariantCulture,
            $"budget={BudgetTokens};total={TotalTokens};system={SystemTokens};recall={RecallTokens}(ids={ids});summary={SummaryTokens}(v={SummaryVersion ?? 0},through={SummaryThroughSequence});window={WindowTokens}({WindowFromSequence}-{WindowToSequence});new={NewTurnTokens};omitted={OmittedTurns}");
        return Degraded is null ? header : header + ";degraded=" + Degraded;
    }
}
