using System.Text.Json;
using Switchyard.Model;

namespace Switchyard.Providers.Anthropic;

/// <summary>
/// Anthropic <c>usage</c> ⇄ canonical <see cref="TokenUsage"/> (PROTOCOLS.md §5.4). Anthropic's <c>input_tokens</c>
/// excludes cache reads and writes; canonical <see cref="TokenUsage.InputTokens"/> includes them.
/// </summary>
internal static class AnthropicUsage
{
    /// <summary>Reads a usage object. Missing or null counts are 0.</summary>
    public static TokenUsage Read(JsonElement usage) => Read(usage, fallback: null);

    /// <summary>
    /// Reads a usage object, taking each input-side count from <paramref name="fallback"/> when the object lacks it
    /// (streams: <c>message_delta</c> often carries only <c>output_tokens</c>; its values "set", never "add").
    /// </summary>
    public static TokenUsage Read(JsonElement usage, TokenUsage? fallback)
    {
        var cacheRead = usage.TryGetInt32("cache_read_input_tokens", out var cr) ? cr : fallback?.CachedInputTokens ?? 0;
        var cacheWrite = usage.TryGetInt32("cache_creation_input_tokens", out var cw) ? cw : fallback?.CacheWriteTokens ?? 0;
        var uncached = usage.TryGetInt32("input_tokens", out var input)
            ? input
            : fallback is { } f ? f.UncachedInputTokens : 0;
        var output = usage.GetInt32OrZero("output_tokens");
        var thinking = usage.TryGet("output_tokens_details", out var details) ? details.GetInt32OrZero("thinking_tokens") : 0;
        var hourWrite = usage.TryGet("cache_creation", out var creation) && creation.TryGetInt32("ephemeral_1h_input_tokens", out var hw)
            ? hw
            : fallback?.HourCacheWriteTokens ?? 0;
        return new TokenUsage(Sum(uncached, cacheRead, cacheWrite), output, cacheRead, cacheWrite, thinking, hourWrite);
    }

    /// <summary>Writes the counts of a usage object (the caller writes the surrounding braces and extras).</summary>
    public static void WriteCounts(Utf8JsonWriter writer, TokenUsage usage, int outputTokens)
    {
        writer.WriteNumber("input_tokens", usage.UncachedInputTokens);
        writer.WriteNumber("cache_creation_input_tokens", usage.CacheWriteTokens);
        writer.WriteNumber("cache_read_input_tokens", usage.CachedInputTokens);
        writer.WriteNumber("output_tokens", outputTokens);
    }

    // Saturate rather than overflow: counts come from an untrusted body.
    private static int Sum(int a, int b, int c) => (int)Math.Min(int.MaxValue, (long)a + b + c);
}
