using Switchyard.Gateway;
using Switchyard.Memory;
using Switchyard.Routing;

namespace Switchyard.Hosting.Configuration;

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

    /// <summary>Shares of the budget for recall (L3) and the summary (L2); the window (L1) gets the rest.</summary>
    public SplitConfigOptions Split { get; set; } = new();

    /// <summary>Memories considered per request. The default is 8.</summary>
    public int RecallTopK { get; set; } = 8;

    /// <summary>Least cosine similarity of an injected memory. The default is 0.2.</summary>
    public double RecallMinSimilarity { get; set; } = 0.2;

    /// <summary>Whether user turns are mined for facts. The default is true.</summary>
    public bool ExtractFacts { get; set; } = true;

    /// <summary>The longest chunk of a turn embedded as one memory, in tokens. The default is 200.</summary>
    public int ChunkTokens { get; set; } = 200;

    /// <summary>How long turns, summaries and memories are kept. The default is 30 days.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// The embedder: <c>local</c> (MiniLM, 384 dimensions, no network) or <c>openai</c> (<see cref="EmbeddingModel"/>
    /// through the configured OpenAI provider, billed to the session's tenant). The default is <c>local</c>.
    /// Each embedder keeps its own memory file, so vectors of two models are never mixed.
    /// </summary>
    public string Embedder { get; set; } = "local";

    /// <summary>The provider embedding model when <see cref="Embedder"/> is <c>openai</c>. The default is <c>text-embedding-3-small</c>.</summary>
    public string EmbeddingModel { get; set; } = "text-embedding-3-small";

    /// <summary>The vector length asked of the provider (1–3072; at most 1536 for <c>text-embedding-3-small</c>). The default is 1,536.</summary>
    public int EmbeddingDimensions { get; set; } = 1536;

    /// <summary>Settled turns waiting to be remembered, at most (beyond it a turn is dropped, never the request delayed). The default is 10,000.</summary>
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>The cheap model that writes rolling summaries, called through the gateway's own routing.</summary>
    public SummarizerConfigOptions Summarizer { get; set; } = new();

    /// <summary>The engine's options.</summary>
    public MemoryOptions ToEngineOptions() => new()
    {
        ContextBudgetTokens = ContextBudgetTokens,
        WindowTokens = WindowTokens,
        Split = new ContextSplit { Recall = Split.Recall, Summary = Split.Summary },
        RecallTopK = RecallTopK,
        RecallMinSimilarity = RecallMinSimilarity,
        ExtractFacts = ExtractFacts,
        ChunkTokens = ChunkTokens,
        Retention = Retention,
        Summarizer = new SummarizerPolicy
        {
            Timeout = Summarizer.Timeout,
            BatchTokens = Summarizer.BatchTokens,
            MaxSummaryTokens = Summarizer.MaxSummaryTokens,
            SessionTokenBudget = Summarizer.SessionTokenBudget,
            DailyTokenBudget = Summarizer.DailyTokenBudget,
            SessionUsdBudget = Summarizer.SessionUsdBudget,
            DailyUsdBudget = Summarizer.DailyUsdBudget,
        },
    };

    /// <summary>Adds every problem, with its configuration path, to <paramref name="errors"/>.</summary>
    internal void Validate(string path, SwitchyardOptions options, List<string> errors)
    {
        if (Embedder is not ("local" or "openai"))
        {
            errors.Add($"{path}:Embedder must be 'local' or 'openai' (was '{Embedder}').");
        }
        else if (Embedder == "openai" && Enabled && !options.Providers.OpenAI.IsConfigured)
        {
            errors.Add($"{path}:Embedder 'openai' needs the OpenAI provider configured (Providers:OpenAI:BaseUrl and OPENAI_API_KEY).");
        }

        if (string.IsNullOrWhiteSpace(EmbeddingModel))
        {
            errors.Add($"{path}:EmbeddingModel is required.");
        }
        else
        {
            ValidateEmbeddingModel(path, options, errors);
        }

        if (QueueCapacity < 1)
        {
            errors.Add($"{path}:QueueCapacity must be at least 1 (was {QueueCapacity}).");
        }

        if (string.IsNullOrWhiteSpace(Summarizer.Model))
        {
            errors.Add($"{path}:Summarizer:Model is required.");
        }

        if (!TierNames(options).Contains(Summarizer.Tier))
        {
            errors.Add($"{path}:Summarizer:Tier names no timeout tier (was '{Summarizer.Tier}').");
        }

        // The engine's own rules (ranges, shares, window within budget); its property paths are this section's keys.
        errors.AddRange(ToEngineOptions().Validate().Select(e => $"{path}:{ConfigPath(e)}"));
    }

    // The embedder's model resolves as a request's model does: a route's OpenAI targets serve it (Anthropic has no
    // embeddings API), or a plain model that OpenAI serves. Each serving model bounds the vector length.
    private void ValidateEmbeddingModel(string path, SwitchyardOptions options, List<string> errors)
    {
        string[] models;
        if (options.Routes.TryGetValue(EmbeddingModel, out var route))
        {
            models = route.Targets.Where(t => t.Provider is "openai" or "openai-responses").Select(t => t.Model).ToArray();
            if (models.Length == 0 && Embedder == "openai")
            {
                errors.Add($"{path}:EmbeddingModel names route '{EmbeddingModel}', which has no OpenAI target to embed with (Anthropic has no embeddings API).");
            }
        }
        else
        {
            models = [EmbeddingModel];
            var provider = options.Models.TryGetValue(EmbeddingModel, out var configured) ? configured : ModelResolver.ProviderByConvention(EmbeddingModel);
            if (provider != "openai" && Embedder == "openai")
            {
                errors.Add($"{path}:EmbeddingModel '{EmbeddingModel}' is neither a route nor a model OpenAI serves: name an OpenAI embedding model (text-embedding-*) or a route with OpenAI targets.");
            }
        }

        var maxDimensions = models.Length == 0 ? 3072 : models.Min(m => m == "text-embedding-3-small" ? 1536 : 3072);
        if (EmbeddingDimensions < 1 || EmbeddingDimensions > maxDimensions)
        {
            errors.Add($"{path}:EmbeddingDimensions must be 1–{maxDimensions} (was {EmbeddingDimensions}).");
        }
    }

    // "Split.Recall: must be …" → "Split:Recall: must be …" (only the path part; the message may hold decimals).
    private static string ConfigPath(string engineError)
    {
        var colon = engineError.IndexOf(": ", StringComparison.Ordinal);
        return colon < 0 ? engineError : engineError[..colon].Replace('.', ':') + engineError[colon..];
    }

    /// <summary>The tier names a summarizer may use: built-in ones and configured ones.</summary>
    private static HashSet<string> TierNames(SwitchyardOptions options) =>
        [.. TimeoutTier.BuiltIn.Keys, .. options.TimeoutTiers.Keys];
}

/// <summary>Shares of the assembly budget left after the system messages and the new turns.</summary>
public sealed class SplitConfigOptions
{
    /// <summary>Share for recalled memories (L3), 0–1. The default is 0.25.</summary>
    public double Recall { get; set; } = 0.25;

    /// <summary>Share for the rolling summary (L2), 0–1. The default is 0.2.</summary>
    public double Summary { get; set; } = 0.2;
}

/// <summary>The summarizer of the rolling summary (L2).</summary>
public sealed class SummarizerConfigOptions
{
    /// <summary>The model or route that summarizes. The default is <c>gpt-4o-mini</c>.</summary>
    public string Model { get; set; } = "gpt-4o-mini";

    /// <summary>The timeout tier of summarizer calls. The default is <c>background</c>.</summary>
    public string Tier { get; set; } = "background";

    /// <summary>How long one summarizer call may take. The default is 20 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(20);

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
