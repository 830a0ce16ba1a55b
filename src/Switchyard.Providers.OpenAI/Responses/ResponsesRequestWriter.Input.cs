using System.Text.Json;
using Switchyard.Model;

namespace Switchyard.Providers.OpenAI;

internal static partial class ResponsesRequestWriter
{
    private static void WriteInput(Utf8JsonWriter writer, IReadOnlyList<ChatMessage> messages, int skip)
    {
        writer.WriteStartArray("input");
        for (var i = skip; i < messages.Count; i++)
        {
            var message = messages[i];
            switch (message.Role)
            {
                case ChatRole.System:
                    WriteMessage(writer, "system", message.Content.OfType<TextPart>().Cast<ContentPart>().ToList());
                    break;
                case ChatRole.User:
                    // Anthropic carries tool results in user turns; here they are items of their own, first.
                    WriteToolResults(writer, message);
                    WriteMessage(writer, "user", message.Content.Where(IsUserPart).ToList());
                    break;
                case ChatRole.Tool:
                    WriteToolResults(writer, message);
                    break;
                case ChatRole.Assistant:
                    WriteAssistant(writer, message);
                    break;
            }
        }

        writer.WriteEndArray();
    }

    /// <summary>Whether a user turn's part is content of its message item (tool results are items of their own).</summary>
    internal static bool IsUserPart(ContentPart part) => part switch
    {
        TextPart or ImagePart or FilePart => true,
        OpaquePart opaque => JsonRead.String(opaque.Raw, "type") == "input_file",
        _ => false,
    };

    /// <summary>
    /// A message item of input parts (none: nothing); with <paramref name="listedId"/>, as an item list shows it: its id
    /// and status first.
    /// </summary>
    internal static void WriteMessage(Utf8JsonWriter writer, string role, List<ContentPart> parts, string? listedId = null)
    {
        if (parts.Count == 0)
        {
            return;
        }

        writer.WriteStartObject();
        if (listedId is not null)
        {
            writer.WriteString("id", listedId);
            writer.WriteString("status", "completed");
        }

        writer.WriteString("type", "message");
        writer.WriteString("role", role);
        writer.WriteStartArray("content");
        foreach (var part in parts)
        {
            WriteInputPart(writer, part);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    internal static void WriteInputPart(Utf8JsonWriter writer, ContentPart part)
    {
        switch (part)
        {
            case TextPart text:
                WriteInputText(writer, text.Text);
                break;
            case ImagePart image:
                writer.WriteStartObject();
                writer.WriteString("type", "input_image");
                writer.WriteString("image_url", image.Url ?? DataUrl.Build(image.MediaType ?? "image/png", image.Base64Data ?? string.Empty));
                // detail is required by the Responses schema; auto is the API's own default.
                writer.WriteString("detail", image.Detail ?? "auto");
                writer.WriteEndObject();
                break;
            case FilePart { Text: not null } document:
                WriteInputText(writer, FileParts.TextOf(document));
                break;
            case FilePart file:
                if (file.Context is not null)
                {
                    WriteInputText(writer, FileParts.Heading(file)!);
                }

                writer.WriteStartObject();
                writer.WriteString("type", "input_file");
                FileParts.WriteSourceFields(writer, file);
                writer.WriteEndObject();
                break;
            case OpaquePart opaque:
                opaque.Raw.WriteTo(writer);
                break;
        }
    }

    private static void WriteInputText(Utf8JsonWriter writer, string text)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "input_text");
        writer.WriteString("text", text);
        writer.WriteEndObject();
    }

    /// <summary>Text as an assistant message item (string content, accepted by every server), calls as items of their own.</summary>
    private static void WriteAssistant(Utf8JsonWriter writer, ChatMessage message)
    {
        var pending = new List<string>();
        foreach (var part in message.Content)
        {
            if (part is TextPart text)
            {
                pending.Add(text.Text);
                continue;
            }

            if (part is ToolCallPart call)
            {
                FlushAssistantText(writer, pending);
                writer.WriteStartObject();
                writer.WriteString("type", "function_call");
                writer.WriteString("call_id", call.Id);
                writer.WriteString("name", call.Name);
                writer.WriteString("arguments", string.IsNullOrWhiteSpace(call.ArgumentsJson) ? "{}" : call.ArgumentsJson);
                writer.WriteEndObject();
            }
        }

        FlushAssistantText(writer, pending);
    }

    private static void FlushAssistantText(Utf8JsonWriter writer, List<string> pending)
    {
        var text = string.Concat(pending);
        pending.Clear();
        if (text.Length == 0)
        {
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("type", "message");
        writer.WriteString("role", "assistant");
        writer.WriteString("content", text);
        writer.WriteEndObject();
    }

    /// <summary>Tool output is text, images and files here; Anthropic's <c>is_error</c> has no field and becomes an <c>Error: </c> prefix.</summary>
    private static void WriteToolResults(Utf8JsonWriter writer, ChatMessage message)
    {
        foreach (var result in message.Content.OfType<ToolResultPart>())
        {
            writer.WriteStartObject();
            writer.WriteString("type", "function_call_output");
            writer.WriteString("call_id", result.ToolCallId);
            WriteToolOutput(writer, result);
            writer.WriteEndObject();
        }
    }

    /// <summary>A tool result's <c>output</c>: a string when it is all text, else an array of input parts.</summary>
    internal static void WriteToolOutput(Utf8JsonWriter writer, ToolResultPart result)
    {
        var prefix = result.IsError ? "Error: " : null;
        if (result.Content.All(p => p is TextPart))
        {
            var text = string.Concat(result.Content.OfType<TextPart>().Select(p => p.Text));
            writer.WriteString("output", prefix is null ? text : text.Length == 0 ? "Error" : prefix + text);
            return;
        }

        writer.WriteStartArray("output");
        if (prefix is not null)
        {
            WriteInputText(writer, "Error:");
        }

        foreach (var part in result.Content.Where(p => p is TextPart or ImagePart or FilePart))
        {
            WriteInputPart(writer, part);
        }

        writer.WriteEndArray();
    }
}
