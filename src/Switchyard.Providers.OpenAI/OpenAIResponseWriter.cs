using System.Buffers;
using System.Text.Json;
using Switchyard.Model;

namespace Switchyard.Providers.OpenAI;

/// <summary>Writes a canonical response as a <c>chat.completion</c> body that the official SDKs parse (PROTOCOLS.md §1.3).</summary>
internal static class OpenAIResponseWriter
{
    public static byte[] Write(ChatResponse response, TimeProvider time)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            var created = response.Created == default ? time.GetUtcNow() : response.Created;
            writer.WriteStartObject();
            writer.WriteString("id", OpenAIIds.ToCompletionId(response.Id));
            writer.WriteString("object", "chat.completion");
            writer.WriteNumber("created", created.ToUnixTimeSeconds());
            writer.WriteString("model", response.Model);
            writer.WriteStartArray("choices");
            writer.WriteStartObject();
            writer.WriteNumber("index", 0);
            WriteMessage(writer, response);
            writer.WriteNull("logprobs");
            writer.WriteString("finish_reason", OpenAIFinishReasons.Write(response.FinishReason));
            writer.WriteEndObject();
            writer.WriteEndArray();
            if (response.Usage is { } usage)
            {
                OpenAIUsage.Write(writer, usage);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteMessage(Utf8JsonWriter writer, ChatResponse response)
    {
        var calls = response.Content.OfType<ToolCallPart>().ToList();
        var hasText = response.Content.Any(p => p is TextPart);
        writer.WriteStartObject("message");
        writer.WriteString("role", "assistant");
        if (hasText || (calls.Count == 0 && response.Refusal is null))
        {
            writer.WriteString("content", response.Text);
        }
        else
        {
            writer.WriteNull("content");
        }

        writer.WriteString("refusal", response.Refusal);
        WriteReasoning(writer, response);
        writer.WriteStartArray("annotations");
        writer.WriteEndArray();
        if (calls.Count > 0)
        {
            writer.WriteStartArray("tool_calls");
            foreach (var call in calls)
            {
                writer.WriteStartObject();
                writer.WriteString("id", call.Id);
                writer.WriteString("type", "function");
                writer.WriteStartObject("function");
                writer.WriteString("name", call.Name);
                writer.WriteString("arguments", call.ArgumentsJson);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    /// <summary>
    /// Thinking (a Claude answer's) as <c>reasoning_content</c>: Chat Completions has no reasoning field, and this is
    /// the extension DeepSeek, vLLM and LiteLLM use (PROTOCOLS.md §5.5). Redacted thinking and signatures stay behind.
    /// </summary>
    private static void WriteReasoning(Utf8JsonWriter writer, ChatResponse response)
    {
        var thinking = string.Concat(response.Content.OfType<ThinkingPart>().Where(p => !p.Redacted).Select(p => p.Text));
        if (thinking.Length > 0)
        {
            writer.WriteString("reasoning_content", thinking);
        }
    }
}
