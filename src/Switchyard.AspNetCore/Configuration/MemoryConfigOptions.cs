using Switchyard.Memory;
using Switchyard.Routing;

namespace Switchyard.AspNetCore.Configuration;

/// <summary>
/// Layered agent memory in the gateway (<c>Switchyard:Memory</c>): a request that names a session gets its context
/// assembled from memory, and its settled turns are remembered. See docs/memory.md.
/// </summary>
public sealed class MemoryConfigOptions
{
    /// <summary>
    /// Whether memory is on. The default is false: it loads a local embedding model (about 90 MB) at start. Read at start.
    /// </summary>
    public bool Enabled { get; set; }

    /// <summary>Token budget of one assembled prompt (a request may lower it with <c>x-switchyard-memory-budget</c>). The default is 4,000.</summary>
    public int ContextBudgetTokens { get; set; } = 4_000;

    /// <summary>Tokens of unsummarized turns the window (L1) holds before the oldest are summarized. The default is 2,000.</summary>
    public int WindowTokens { get; set; } = 2_000;

    /// <summary>Share of the budget for recalled memories (L3). The default is 0.25.</summary>
    public double RecallShare { get; set; } = 0.25;

    /// <summary>Share of the budget for the rolling summary (L2). The default is 0.2.</summary>
    public double SummaryShare { get; set; } = 0.2;

    /// <summary>Memories considered per request. The default is 8.</summary>
    public int RecallTopK { get; set; } = 8;

    /// <summary>Least cosine similarity of an injected memory. The default is 0.2.</summary>
    public double RecallMinSimilarity { get; set; } = 0.2;

    /// <summary>Whether user turns are mined for facts. The default is true.</summary>
    public bool ExtractFacts { get; set; } = true;

    /// <summary>How long turns, summaries and memories are kept, in days. The default is 30.</summary>
    public int RetentionDays { get; set; } = 30;

    /// <summary>Settled turns waiting to be remembered, at most (beyond it a turn is dropped, never the request delayed). The default is 10,000.</summary>
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>The cheap model that writes rolling summaries, called through the gateway's own routing.</summary>
    public SummarizerConfigOptions Summarizer { get; set; } = new();

    /// <summary>The engine's options.</summary>
    public MemoryOptions ToEngineOptions() => new()
    {
        ContextBudgetTokens = ContextBudgetTokens,
        WindowTokens = WindowTokens,
        Split = new ContextSplit { Recall = RecallShare, Summary = SummaryShare },
        RecallTopK = RecallTopK,
        RecallMinSimilarity = RecallMinSimilarity,
        ExtractFacts = ExtractFacts,
        Retention = TimeSpan.FromDays(RetentionDays),
        Summarizer = new SummarizerPolicy
        {
            Timeout = TimeSpan.FromSeconds(Summarizer.TimeoutSeconds),
            BatchTokens = Summarizer.BatchTokens,
            MaxSummaryTokens = Summarizer.MaxSummaryTokens,
            SessionTokenBudget = Summarizer.SessionTokenBudget,
            DailyTokenBudget = Summarizer.DailyTokenBudget,
            SessionUsdBudget = Summarizer.SessionUsdBudget,
            DailyUsdBudget = Summarizer.DailyUsdBudget,
        },
    };

    /// <summary>Adds every problem, with its configuration path, to <paramref name="errors"/>.</summary>
    internal void Validate(string path, IReadOnlyCollection<string> tiers, List<string> errors)
    {
        if (RetentionDays < 1)
        {
            errors.Add($"{path}:RetentionDays must be at least 1 (was {RetentionDays}).");
        }

        if (QueueCapacity < 1)
        {
            errors.Add($"{path}:QueueCapacity must be at least 1 (was {QueueCapacity}).");
        }

        if (string.IsNullOrWhiteSpace(Summarizer.Model))
        {
            errors.Add($"{path}:Summarizer:Model is required.");
        }

        if (!tiers.Contains(Summarizer.Tier))
        {
            errors.Add($"{path}:Summarizer:Tier names no timeout tier (was '{Summarizer.Tier}').");
        }

        if (Summarizer.TimeoutSeconds < 1)
        {
            errors.Add($"{path}:Summarizer:TimeoutSeconds must be at least 1 (was {Summarizer.TimeoutSeconds}).");
            return;
        }

        // The engine's own rules (shares, window within budget, ranges), reported under this section's paths.
        errors.AddRange(ToEngineOptions().Validate().Select(e => $"{path}: {e}"));
    }

    /// <summary>The tier names a summarizer may use: built-in ones and configured ones.</summary>
    internal static HashSet<string> TierNames(SwitchyardOptions options) =>
        [.. TimeoutTier.BuiltIn.Keys, .. options.TimeoutTiers.Keys];
}

/// <summary>The summarizer of the rolling summary (L2).</summary>
public sealed class SummarizerConfigOptions
{
    /// <summary>The model or route that summarizes. The default is <c>gpt-4o-mini</c>.</summary>
    public string Model { get; set; } = "gpt-4o-mini";

    /// <summary>The timeout tier of summarizer calls. The default is <c>background</c>.</summary>
    public string Tier { get; set; } = "background";

    /// <summary>How long one summarizer call may take, in seconds. The default is 20.</summary>
    public int TimeoutSeconds { get; set; } = 20;

    /// <summary>Summarize once this many tokens have left the window. The default is 1,000.</summary>
    public int BatchTokens { get; set; } = 1_000;

    /// <summary>Longest summary, in tokens. The default is 600.</summary>
    public int MaxSummaryTokens { get; set; } = 600;

    /// <summary>Summarizer tokens one session may spend; null for no limit. The default is 500,000.</summary>
    public long? SessionTokenBudget { get; set; } = 500_000;

    /// <summary>Summarizer tokens one tenant may spend per UTC day; null for no limit. The default is 5,000,000.</summary>
    public long? DailyTokenBudget { get; set; } = 5_000_000;

    /// <summary>Summarizer USD one session may spend; null (the default) for no limit.</summary>
    public decimal? SessionUsdBudget { get; set; }

    /// <summary>Summarizer USD one tenant may spend per UTC day; null (the default) for no limit.</summary>
    public decimal? DailyUsdBudget { get; set; }
}
