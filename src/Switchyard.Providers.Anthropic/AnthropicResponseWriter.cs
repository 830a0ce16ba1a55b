using System.Text.Json;
using Switchyard.Model;

namespace Switchyard.Providers.Anthropic;

/// <summary>
/// Writes a canonical response as a full Anthropic Message (PROTOCOLS.md §4.3) for an Anthropic client. A refusal
/// (OpenAI <c>message.refusal</c>) becomes <c>stop_reason:"refusal"</c> with <c>stop_details.explanation</c>, the
/// shape Anthropic itself uses; it is not repeated as a text block.
/// </summary>
internal static class AnthropicResponseWriter
{
    public static byte[] Write(ChatResponse response) => AnthropicJson.Write(response, static (w, r) =>
    {
        w.WriteStartObject();
        w.WriteString("id", MessageId(r.Id));
        w.WriteString("type", "message");
        w.WriteString("role", "assistant");
        w.WriteString("model", r.Model);
        w.WriteStartArray("content");
        foreach (var part in r.Content)
        {
            if (part is ToolCallPart call)
            {
                WriteToolUse(w, call);
            }
            else if (part is TextPart or ThinkingPart or OpaquePart)
            {
                AnthropicRequestWriter.WriteBlock(w, part);
            }
        }

        w.WriteEndArray();
        var reason = StopReason(r.FinishReason, r.Refusal, r.Content.Any(p => p is ToolCallPart));
        w.WriteString("stop_reason", AnthropicStopReason.ToWire(reason));
        WriteNullableString(w, "stop_sequence", reason == FinishReason.StopSequence ? r.StopSequence : null);
        if (reason == FinishReason.ContentFilter)
        {
            WriteRefusalDetails(w, r.Refusal);
        }
        else
        {
            w.WriteNull("stop_details");
        }

        w.WritePropertyName("usage");
        WriteUsage(w, r.Usage ?? default);
        w.WriteEndObject();
    });

    /// <summary>Keeps <c>msg_</c> ids; prefixes others (<c>chatcmpl-…</c>) so clients that expect the prefix are happy.</summary>
    internal static string MessageId(string id) => id.StartsWith("msg_", StringComparison.Ordinal) ? id : "msg_" + id;

    /// <summary>
    /// Anthropic's stop_reason is never null in a full message: a missing reason is <c>tool_use</c> when tools were
    /// called, else <c>end_turn</c>; a refusal text makes it <c>refusal</c> (OpenAI reports refusals as <c>stop</c>).
    /// </summary>
    internal static FinishReason StopReason(FinishReason? reason, string? refusal, bool hasToolCalls) =>
        refusal is not null && reason is null or FinishReason.Stop
            ? FinishReason.ContentFilter
            : reason ?? (hasToolCalls ? FinishReason.ToolCalls : FinishReason.Stop);

    /// <summary>
    /// A response tool_use block. <c>caller:{"type":"direct"}</c> is what the current API sends and what the official
    /// SDK's strict validation requires; request blocks (written by the request writer) never carry it.
    /// </summary>
    private static void WriteToolUse(Utf8JsonWriter w, ToolCallPart call)
    {
        w.WriteStartObject();
        w.WriteString("type", "tool_use");
        w.WriteString("id", call.Id);
        w.WriteString("name", call.Name);
        w.WritePropertyName("input");
        AnthropicJson.WriteInputObject(w, call.ArgumentsJson);
        WriteDirectCaller(w);
        w.WriteEndObject();
    }

    internal static void WriteDirectCaller(Utf8JsonWriter w)
    {
        w.WriteStartObject("caller");
        w.WriteString("type", "direct");
        w.WriteEndObject();
    }

    internal static void WriteRefusalDetails(Utf8JsonWriter w, string? explanation)
    {
        w.WriteStartObject("stop_details");
        w.WriteString("type", "refusal");
        w.WriteNull("category");
        WriteNullableString(w, "explanation", explanation);
        w.WriteEndObject();
    }

    internal static void WriteNullableString(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static void WriteUsage(Utf8JsonWriter w, TokenUsage usage)
    {
        w.WriteStartObject();
        AnthropicUsage.WriteCounts(w, usage, usage.OutputTokens);
        w.WriteStartObject("cache_creation");
        w.WriteNumber("ephemeral_5m_input_tokens", usage.FiveMinuteCacheWriteTokens);
        w.WriteNumber("ephemeral_1h_input_tokens", usage.BilledHourCacheWriteTokens);
        w.WriteEndObject();
        if (usage.ReasoningTokens > 0)
        {
            w.WriteStartObject("output_tokens_details");
            w.WriteNumber("thinking_tokens", usage.ReasoningTokens);
            w.WriteEndObject();
        }

        w.WriteString("service_tier", "standard");
        w.WriteEndObject();
    }
}
