using System.Text.Json;
using Switchyard.Simulator.Generation;

namespace Switchyard.Simulator.Wire;

/// <summary>Renders a plan as an Anthropic <c>message</c> object (PROTOCOLS §4.3).</summary>
internal static class AnthropicResponseWriter
{
    public static byte[] Body(ResponsePlan plan, string id, string model) => JsonBytes.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("id", id);
        w.WriteString("type", "message");
        w.WriteString("role", "assistant");
        w.WriteString("model", model);
        w.WriteStartArray("content");
        if (plan.Thinking is { } thinking)
        {
            w.WriteStartObject();
            w.WriteString("type", "thinking");
            w.WriteString("thinking", thinking.Text);
            w.WriteString("signature", thinking.Signature);
            w.WriteEndObject();
        }

        if (plan.IsToolCall)
        {
            foreach (var call in plan.ToolCalls)
            {
                w.WriteStartObject();
                w.WriteString("type", "tool_use");
                w.WriteString("id", call.Id);
                w.WriteString("name", call.Name);
                w.WritePropertyName("input");
                w.WriteRawValue(call.Arguments, skipInputValidation: true);
                w.WriteEndObject();
            }
        }
        else if (!plan.NoContent)
        {
            w.WriteStartObject();
            w.WriteString("type", "text");
            w.WriteString("text", plan.Text);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString("stop_reason", plan.AnthropicStopReason);
        w.WriteNull("stop_sequence");
        WriteUsage(w, plan, plan.CompletionTokens, full: true, plan.Thinking?.Tokens);
        w.WriteEndObject();
    });

    /// <summary>
    /// Usage as in message bodies and <c>message_start</c> (<paramref name="full"/>) or <c>message_delta</c>; an answer with
    /// thinking also gets <c>output_tokens_details.thinking_tokens</c> (<paramref name="thinkingTokens"/>, a part of the output tokens).
    /// <c>input_tokens</c> excludes what the prompt cache read or wrote (PROTOCOLS §4.3).
    /// </summary>
    public static void WriteUsage(Utf8JsonWriter w, ResponsePlan plan, int output, bool full, int? thinkingTokens = null)
    {
        var cache = plan.Cache;
        w.WriteStartObject("usage");
        w.WriteNumber("input_tokens", plan.PromptTokens - cache.ReadTokens - cache.WriteTokens);
        w.WriteNumber("cache_creation_input_tokens", cache.WriteTokens);
        w.WriteNumber("cache_read_input_tokens", cache.ReadTokens);
        if (full)
        {
            w.WriteStartObject("cache_creation");
            w.WriteNumber("ephemeral_5m_input_tokens", cache.FiveMinuteWriteTokens);
            w.WriteNumber("ephemeral_1h_input_tokens", cache.HourWriteTokens);
            w.WriteEndObject();
        }

        w.WriteNumber("output_tokens", output);
        if (thinkingTokens is { } thinking)
        {
            w.WriteStartObject("output_tokens_details");
            w.WriteNumber("thinking_tokens", thinking);
            w.WriteEndObject();
        }

        if (full)
        {
            w.WriteString("service_tier", "standard");
        }

        w.WriteEndObject();
    }
}
