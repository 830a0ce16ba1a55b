using System.Text.Json;
using Switchyard.Model;

namespace Switchyard.Providers.OpenAI;

/// <summary>
/// Reads and writes <c>CompletionUsage</c> (PROTOCOLS.md §1.5, §5.4). OpenAI's convention is the canonical one:
/// <c>prompt_tokens</c> includes cached and cache-written tokens, <c>completion_tokens</c> includes reasoning.
/// </summary>
internal static class OpenAIUsage
{
    public static TokenUsage? Read(JsonElement usage)
    {
        if (usage.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var prompt = JsonRead.Count(usage, "prompt_tokens");
        var completion = JsonRead.Count(usage, "completion_tokens");
        var promptDetails = JsonRead.Object(usage, "prompt_tokens_details");
        var completionDetails = JsonRead.Object(usage, "completion_tokens_details");
        var cached = promptDetails is { } p ? JsonRead.Count(p, "cached_tokens") : 0;
        var cacheWrite = promptDetails is { } w ? JsonRead.Count(w, "cache_write_tokens") : 0;
        var reasoning = completionDetails is { } c ? JsonRead.Count(c, "reasoning_tokens") : 0;
        return new TokenUsage(prompt, completion, cached, cacheWrite, reasoning);
    }

    public static void Write(Utf8JsonWriter writer, TokenUsage usage)
    {
        writer.WriteStartObject("usage");
        writer.WriteNumber("prompt_tokens", usage.InputTokens);
        writer.WriteNumber("completion_tokens", usage.OutputTokens);
        writer.WriteNumber("total_tokens", usage.TotalTokens);
        writer.WriteStartObject("prompt_tokens_details");
        writer.WriteNumber("cached_tokens", usage.CachedInputTokens);
        if (usage.CacheWriteTokens != 0)
        {
            // Newer optional field; written only when there is something to say, as OpenAI does.
            writer.WriteNumber("cache_write_tokens", usage.CacheWriteTokens);
        }

        writer.WriteEndObject();
        writer.WriteStartObject("completion_tokens_details");
        writer.WriteNumber("reasoning_tokens", usage.ReasoningTokens);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
