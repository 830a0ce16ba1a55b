using System.Text.Json;
using Switchyard.Model;

namespace Switchyard.Providers.OpenAI;

internal static partial class OpenAIRequestWriter
{
    private static void WriteMessages(Utf8JsonWriter writer, IReadOnlyList<ChatMessage> messages)
    {
        writer.WriteStartArray("messages");
        foreach (var message in messages)
        {
            switch (message.Role)
            {
                case ChatRole.System:
                    WriteTextMessage(writer, "system", message, message.Content.OfType<TextPart>().ToList());
                    break;
                case ChatRole.User:
                    // Anthropic carries tool results in user turns, first; OpenAI needs them as tool messages
                    // right after the assistant's tool_calls, so they go out before the rest of the turn.
                    WriteToolResults(writer, message);
                    WriteUserMessage(writer, message);
                    break;
                case ChatRole.Tool:
                    WriteToolResults(writer, message);
                    break;
                case ChatRole.Assistant:
                    WriteAssistantMessage(writer, message);
                    break;
            }
        }

        writer.WriteEndArray();
    }

    private static void WriteTextMessage(Utf8JsonWriter writer, string role, ChatMessage message, List<TextPart> parts)
    {
        writer.WriteStartObject();
        writer.WriteString("role", role);
        WriteTextContent(writer, parts);
        WriteName(writer, message);
        writer.WriteEndObject();
    }

    /// <summary>One text part as a string (the common shape), several as text parts so no boundary is lost.</summary>
    private static void WriteTextContent(Utf8JsonWriter writer, List<TextPart> parts)
    {
        if (parts.Count <= 1)
        {
            writer.WriteString("content", parts.Count == 0 ? string.Empty : parts[0].Text);
            return;
        }

        writer.WriteStartArray("content");
        foreach (var part in parts)
        {
            WriteTextPart(writer, part.Text);
        }

        writer.WriteEndArray();
    }

    /// <summary>
    /// One <c>tool</c> message per result. OpenAI tool content is text only: images inside a result are dropped, and so is
    /// Anthropic's <c>is_error</c> flag, which has no field here (the result text usually says what failed).
    /// </summary>
    private static void WriteToolResults(Utf8JsonWriter writer, ChatMessage message)
    {
        foreach (var result in message.Content.OfType<ToolResultPart>())
        {
            writer.WriteStartObject();
            writer.WriteString("role", "tool");
            writer.WriteString("tool_call_id", result.ToolCallId);
            WriteTextContent(writer, result.Content.OfType<TextPart>().ToList());
            writer.WriteEndObject();
        }
    }

    private static void WriteUserMessage(Utf8JsonWriter writer, ChatMessage message)
    {
        var parts = message.Content.Where(IsUserPart).ToList();
        if (parts.Count == 0)
        {
            // A turn of tool results only (or of blocks OpenAI cannot take): nothing left to send as a user message.
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("role", "user");
        if (parts is [TextPart single])
        {
            writer.WriteString("content", single.Text);
        }
        else
        {
            writer.WriteStartArray("content");
            foreach (var part in parts)
            {
                WriteUserPart(writer, part);
            }

            writer.WriteEndArray();
        }

        WriteName(writer, message);
        writer.WriteEndObject();
    }

    private static bool IsUserPart(ContentPart part) => part switch
    {
        TextPart or ImagePart => true,
        // Audio and file parts read from an OpenAI client are echoed; an Anthropic block (document, …) is not OpenAI's.
        OpaquePart opaque => JsonRead.String(opaque.Raw, "type") is "input_audio" or "file",
        _ => false,
    };

    private static void WriteUserPart(Utf8JsonWriter writer, ContentPart part)
    {
        switch (part)
        {
            case TextPart text:
                WriteTextPart(writer, text.Text);
                break;
            case ImagePart image:
                writer.WriteStartObject();
                writer.WriteString("type", "image_url");
                writer.WriteStartObject("image_url");
                writer.WriteString("url", image.Url ?? DataUrl.Build(image.MediaType ?? "image/png", image.Base64Data ?? string.Empty));
                if (image.Detail is { } detail)
                {
                    writer.WriteString("detail", detail);
                }

                writer.WriteEndObject();
                writer.WriteEndObject();
                break;
            case OpaquePart opaque:
                opaque.Raw.WriteTo(writer);
                break;
        }
    }

    private static void WriteAssistantMessage(Utf8JsonWriter writer, ChatMessage message)
    {
        var calls = message.Content.OfType<ToolCallPart>().ToList();
        var text = message.Text;
        writer.WriteStartObject();
        writer.WriteString("role", "assistant");
        if (text.Length == 0 && calls.Count > 0)
        {
            writer.WriteNull("content");
        }
        else
        {
            // Thinking parts have no place in Chat Completions input and are dropped.
            writer.WriteString("content", text);
        }

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
                writer.WriteString("arguments", string.IsNullOrWhiteSpace(call.ArgumentsJson) ? "{}" : call.ArgumentsJson);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        WriteName(writer, message);
        writer.WriteEndObject();
    }

    private static void WriteTextPart(Utf8JsonWriter writer, string text)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "text");
        writer.WriteString("text", text);
        writer.WriteEndObject();
    }

    private static void WriteName(Utf8JsonWriter writer, ChatMessage message)
    {
        if (message.Name is { } name)
        {
            writer.WriteString("name", name);
        }
    }
}
