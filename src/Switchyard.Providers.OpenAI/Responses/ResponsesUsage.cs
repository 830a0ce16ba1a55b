using System.Text.Json;
using Switchyard.Model;

namespace Switchyard.Providers.OpenAI;

/// <summary>
/// Reads and writes the Responses <c>usage</c> object (PROTOCOLS.md §2.2). Same convention as Chat Completions under
/// other names: <c>input_tokens</c> includes cached tokens, <c>output_tokens</c> includes reasoning.
/// </summary>
internal static class ResponsesUsage
{
    public static TokenUsage? Read(JsonElement response)
    {
        if (JsonRead.Object(response, "usage") is not { } usage)
        {
            return null;
        }

        var inputDetails = JsonRead.Object(usage, "input_tokens_details");
        var outputDetails = JsonRead.Object(usage, "output_tokens_details");
        return new TokenUsage(
            JsonRead.Count(usage, "input_tokens"),
            JsonRead.Count(usage, "output_tokens"),
            inputDetails is { } cached ? JsonRead.Count(cached, "cached_tokens") : 0,
            inputDetails is { } written ? JsonRead.Count(written, "cache_write_tokens") : 0,
            outputDetails is { } reasoning ? JsonRead.Count(reasoning, "reasoning_tokens") : 0);
    }

    public static void Write(Utf8JsonWriter writer, TokenUsage usage)
    {
        writer.WriteStartObject("usage");
        writer.WriteNumber("input_tokens", usage.InputTokens);
        writer.WriteStartObject("input_tokens_details");
        writer.WriteNumber("cached_tokens", usage.CachedInputTokens);
        if (usage.CacheWriteTokens != 0)
        {
            writer.WriteNumber("cache_write_tokens", usage.CacheWriteTokens);
        }

        writer.WriteEndObject();
        writer.WriteNumber("output_tokens", usage.OutputTokens);
        writer.WriteStartObject("output_tokens_details");
        writer.WriteNumber("reasoning_tokens", usage.ReasoningTokens);
        writer.WriteEndObject();
        writer.WriteNumber("total_tokens", usage.TotalTokens);
        writer.WriteEndObject();
    }
}
