namespace Switchyard.Model;

/// <summary>
/// Token counts in one convention: <see cref="InputTokens"/> is the whole prompt, cached and cache-written tokens included
/// (OpenAI's convention; Anthropic's <c>input_tokens</c> excludes them and codecs add them back, PROTOCOLS.md §5.4).
/// <see cref="HourCacheWriteTokens"/> are the part of <see cref="CacheWriteTokens"/> written for an hour (Anthropic
/// <c>cache_creation.ephemeral_1h_input_tokens</c>), billed at a higher rate than five-minute writes.
/// </summary>
public readonly record struct TokenUsage(
    int InputTokens,
    int OutputTokens,
    int CachedInputTokens = 0,
    int CacheWriteTokens = 0,
    int ReasoningTokens = 0,
    int HourCacheWriteTokens = 0)
{
    /// <summary>Input plus output.</summary>
    public int TotalTokens => InputTokens + OutputTokens;

    /// <summary>Prompt tokens billed at the full input price (neither cache reads nor cache writes).</summary>
    public int UncachedInputTokens => Math.Max(0, InputTokens - CachedInputTokens - CacheWriteTokens);
}
