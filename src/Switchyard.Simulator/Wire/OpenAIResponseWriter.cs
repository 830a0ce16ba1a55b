using System.Text.Json;
using Switchyard.Simulator.Generation;

namespace Switchyard.Simulator.Wire;

/// <summary>Renders a plan as an OpenAI <c>chat.completion</c> object (PROTOCOLS §1.3).</summary>
internal static class OpenAIResponseWriter
{
    public static byte[] Body(ResponsePlan plan, string id, long created, string model) => JsonBytes.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("id", id);
        w.WriteString("object", "chat.completion");
        w.WriteNumber("created", created);
        w.WriteString("model", model);
        w.WriteStartArray("choices");
        w.WriteStartObject();
        w.WriteNumber("index", 0);
        w.WriteStartObject("message");
        w.WriteString("role", "assistant");
        if (plan.IsToolCall)
        {
            w.WriteNull("content");
        }
        else
        {
            w.WriteString("content", plan.Text);
        }

        w.WriteNull("refusal");
        w.WriteStartArray("annotations");
        w.WriteEndArray();
        if (plan.IsToolCall)
        {
            w.WriteStartArray("tool_calls");
            foreach (var call in plan.ToolCalls)
            {
                w.WriteStartObject();
                w.WriteString("id", call.Id);
                w.WriteString("type", "function");
                w.WriteStartObject("function");
                w.WriteString("name", call.Name);
                w.WriteString("arguments", call.Arguments);
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
        w.WriteNull("logprobs");
        w.WriteString("finish_reason", plan.OpenAIFinishReason);
        w.WriteEndObject();
        w.WriteEndArray();
        WriteUsage(w, plan);
        w.WriteString("service_tier", "default");
        w.WriteString("system_fingerprint", Ids.SystemFingerprint(model));
        w.WriteEndObject();
    });

    public static void WriteUsage(Utf8JsonWriter w, ResponsePlan plan)
    {
        w.WriteStartObject("usage");
        w.WriteNumber("prompt_tokens", plan.PromptTokens);
        w.WriteNumber("completion_tokens", plan.CompletionTokens);
        w.WriteNumber("total_tokens", plan.PromptTokens + plan.CompletionTokens);
        w.WriteStartObject("prompt_tokens_details");
        w.WriteNumber("cached_tokens", plan.Cache.ReadTokens);
        w.WriteNumber("audio_tokens", 0);
        w.WriteEndObject();
        w.WriteStartObject("completion_tokens_details");
        w.WriteNumber("reasoning_tokens", 0);
        w.WriteNumber("audio_tokens", 0);
        w.WriteNumber("accepted_prediction_tokens", 0);
        w.WriteNumber("rejected_prediction_tokens", 0);
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
