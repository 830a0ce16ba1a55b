using System.Text.Json;
using Switchyard.Model;

namespace Switchyard.Providers.OpenAI;

/// <summary>
/// Writes one <c>object:"response"</c> (PROTOCOLS.md §2.2): the non-streaming body, and the payload of the stream's
/// lifecycle events, so that both always agree. The echo fields that the gateway does not track carry the API's
/// defaults, which is what OpenAI echoes when the request left them out.
/// </summary>
internal static class ResponsesObjectWriter
{
    public static void Write(Utf8JsonWriter writer, ResponsesSnapshot snapshot, string? propertyName = null)
    {
        if (propertyName is null)
        {
            writer.WriteStartObject();
        }
        else
        {
            writer.WriteStartObject(propertyName);
        }

        var request = snapshot.Request;
        writer.WriteString("id", snapshot.Id);
        writer.WriteString("object", "response");
        writer.WriteNumber("created_at", snapshot.CreatedAt);
        writer.WriteString("status", snapshot.Status);
        writer.WriteBoolean("background", request?.Responses?.Background ?? false);
        if (snapshot.CompletedAt is { } completed)
        {
            writer.WriteNumber("completed_at", completed);
        }
        else
        {
            writer.WriteNull("completed_at");
        }

        WriteError(writer, snapshot.Error);
        if (snapshot.IncompleteReason is { } reason)
        {
            writer.WriteStartObject("incomplete_details");
            writer.WriteString("reason", reason);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("incomplete_details");
        }

        WriteInstructions(writer, request);
        WriteNullableNumber(writer, "max_output_tokens", request?.MaxOutputTokens);
        writer.WriteString("model", snapshot.Model);
        writer.WriteStartArray("output");
        foreach (var item in snapshot.Output)
        {
            WriteItem(writer, item, snapshot.Status == "failed" ? "incomplete" : "completed");
        }

        writer.WriteEndArray();
        writer.WriteString("output_text", snapshot.OutputText);
        writer.WriteBoolean("parallel_tool_calls", request?.ParallelToolCalls ?? true);
        writer.WriteString("previous_response_id", request?.Responses?.PreviousResponseId);
        writer.WriteStartObject("reasoning");
        writer.WriteNull("effort");
        writer.WriteNull("summary");
        writer.WriteEndObject();
        writer.WriteBoolean("store", request?.Responses?.Store ?? true);
        writer.WriteNumber("temperature", request?.Temperature ?? 1.0);
        WriteText(writer, request?.ResponseFormat);
        WriteToolChoice(writer, request?.ToolChoice);
        WriteTools(writer, request?.Tools);
        writer.WriteNumber("top_p", request?.TopP ?? 1.0);
        writer.WriteString("truncation", "disabled");
        if (snapshot.Usage is { } usage)
        {
            ResponsesUsage.Write(writer, usage);
        }
        else
        {
            writer.WriteNull("usage");
        }

        writer.WriteString("user", request?.User);
        writer.WriteStartObject("metadata");
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>One output item; <paramref name="status"/> is the item's own (<c>in_progress</c> while streaming).</summary>
    public static void WriteItem(Utf8JsonWriter writer, ResponsesItem item, string status)
    {
        writer.WriteStartObject();
        writer.WriteString("id", item.Id);
        switch (item)
        {
            case ResponsesMessageItem message:
                writer.WriteString("type", "message");
                writer.WriteString("status", status);
                writer.WriteString("role", "assistant");
                writer.WriteStartArray("content");
                if (message.Text is { } text)
                {
                    WriteTextPart(writer, text);
                }

                if (message.Refusal is { } refusal)
                {
                    WriteRefusalPart(writer, refusal);
                }

                writer.WriteEndArray();
                break;
            case ResponsesFunctionCallItem call:
                writer.WriteString("type", "function_call");
                writer.WriteString("status", status);
                writer.WriteString("call_id", call.CallId);
                writer.WriteString("name", call.Name);
                writer.WriteString("arguments", call.Arguments);
                break;
            case ResponsesReasoningItem reasoning:
                writer.WriteString("type", "reasoning");
                writer.WriteStartArray("summary");
                if (reasoning.Summary.Length > 0)
                {
                    WriteSummaryPart(writer, reasoning.Summary);
                }

                writer.WriteEndArray();
                break;
        }

        writer.WriteEndObject();
    }

    public static void WriteTextPart(Utf8JsonWriter writer, string text)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "output_text");
        writer.WriteStartArray("annotations");
        writer.WriteEndArray();
        writer.WriteStartArray("logprobs");
        writer.WriteEndArray();
        writer.WriteString("text", text);
        writer.WriteEndObject();
    }

    public static void WriteRefusalPart(Utf8JsonWriter writer, string refusal)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "refusal");
        writer.WriteString("refusal", refusal);
        writer.WriteEndObject();
    }

    public static void WriteSummaryPart(Utf8JsonWriter writer, string text)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "summary_text");
        writer.WriteString("text", text);
        writer.WriteEndObject();
    }

    private static void WriteError(Utf8JsonWriter writer, (string Code, string Message)? error)
    {
        if (error is not { } e)
        {
            writer.WriteNull("error");
            return;
        }

        writer.WriteStartObject("error");
        writer.WriteString("code", e.Code);
        writer.WriteString("message", e.Message);
        writer.WriteEndObject();
    }

    private static void WriteInstructions(Utf8JsonWriter writer, ChatRequest? request)
    {
        if (request?.Responses is { } controls)
        {
            // OpenAI echoes the parameter as sent, not the system turns of the conversation (nor a previous response's).
            writer.WriteString("instructions", controls.Instructions);
            return;
        }

        var leading = request?.Messages.TakeWhile(m => m.Role == ChatRole.System).Select(m => m.Text).ToList();
        writer.WriteString("instructions", leading is { Count: > 0 } ? string.Join("\n\n", leading) : null);
    }

    private static void WriteNullableNumber(Utf8JsonWriter writer, string name, int? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static void WriteText(Utf8JsonWriter writer, ResponseFormat? format)
    {
        writer.WriteStartObject("text");
        writer.WriteStartObject("format");
        switch (format?.Kind)
        {
            case ResponseFormatKind.JsonObject:
                writer.WriteString("type", "json_object");
                break;
            case ResponseFormatKind.JsonSchema:
                writer.WriteString("type", "json_schema");
                OpenAIRequestWriter.WriteJsonSchemaFields(writer, format);
                break;
            default:
                writer.WriteString("type", "text");
                break;
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteToolChoice(Utf8JsonWriter writer, ToolChoice? choice)
    {
        switch (choice?.Mode)
        {
            case ToolChoiceMode.None:
                writer.WriteString("tool_choice", "none");
                break;
            case ToolChoiceMode.Required:
                writer.WriteString("tool_choice", "required");
                break;
            case ToolChoiceMode.Specific:
                writer.WriteStartObject("tool_choice");
                writer.WriteString("type", "function");
                writer.WriteString("name", choice.Name);
                writer.WriteEndObject();
                break;
            default:
                writer.WriteString("tool_choice", "auto");
                break;
        }
    }

    private static void WriteTools(Utf8JsonWriter writer, IReadOnlyList<ToolDefinition>? tools)
    {
        writer.WriteStartArray("tools");
        foreach (var tool in tools ?? [])
        {
            writer.WriteStartObject();
            writer.WriteString("type", "function");
            OpenAIRequestWriter.WriteFunctionFields(writer, tool);
            if (tool.Strict is null)
            {
                // The response schema requires strict; the API's default is true for Responses function tools.
                writer.WriteBoolean("strict", true);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
