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

    /// <summary>
    /// The one-hour writes as billed: never more than <see cref="CacheWriteTokens"/> nor below zero, since both counts
    /// come from an untrusted body.
    /// </summary>
    public int BilledHourCacheWriteTokens => Math.Clamp(HourCacheWriteTokens, 0, Math.Max(0, CacheWriteTokens));

    /// <summary>Cache writes billed at the five-minute price: the writes that are not one-hour writes.</summary>
    public int FiveMinuteCacheWriteTokens => Math.Max(0, CacheWriteTokens) - BilledHourCacheWriteTokens;

    /// <summary>Prompt tokens billed at the full input price (neither cache reads nor cache writes).</summary>
    public int UncachedInputTokens => Math.Max(0, InputTokens - CachedInputTokens - CacheWriteTokens);
}
