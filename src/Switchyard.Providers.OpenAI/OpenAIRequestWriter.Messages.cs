using System.Text.Json;
using Switchyard.Model;

namespace Switchyard.Providers.OpenAI;

internal static partial class OpenAIRequestWriter
{
    private static void WriteMessages(Utf8JsonWriter writer, IReadOnlyList<ChatMessage> messages)
    {
        writer.WriteStartArray("messages");
        var attachments = new List<ToolResultPart>();
        foreach (var message in messages)
        {
            if (message.Role != ChatRole.Tool)
            {
                // Anthropic carries tool results in user turns, first; OpenAI needs them as tool messages right after
                // the assistant's tool_calls, so they go out before the rest of the turn (and its attachments after them).
                WriteToolResults(writer, message, attachments);
                WriteToolAttachments(writer, attachments);
            }

            switch (message.Role)
            {
                case ChatRole.System:
                    WriteTextMessage(writer, "system", message, message.Content.OfType<TextPart>().ToList());
                    break;
                case ChatRole.User:
                    WriteUserMessage(writer, message);
                    break;
                case ChatRole.Tool:
                    WriteToolResults(writer, message, attachments);
                    break;
                case ChatRole.Assistant:
                    WriteAssistantMessage(writer, message);
                    break;
            }
        }

        WriteToolAttachments(writer, attachments);
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
    /// One <c>tool</c> message per result. OpenAI tool content is text only, so a result's images and documents are held
    /// in <paramref name="attachments"/> for a user message after the run of tool messages (<see cref="WriteToolAttachments"/>),
    /// and Anthropic's <c>is_error</c>, which has no field here, becomes an <c>Error: </c> prefix of the text.
    /// </summary>
    private static void WriteToolResults(Utf8JsonWriter writer, ChatMessage message, List<ToolResultPart> attachments)
    {
        foreach (var part in message.Content)
        {
            if (part is not ToolResultPart result)
            {
                continue;
            }

            writer.WriteStartObject();
            writer.WriteString("role", "tool");
            writer.WriteString("tool_call_id", result.ToolCallId);
            var texts = result.Content.OfType<TextPart>().ToList();
            if (result.IsError)
            {
                texts = texts.Count == 0 ? [new TextPart("Error")] : [new TextPart("Error: " + texts[0].Text), .. texts.Skip(1)];
            }

            WriteTextContent(writer, texts);
            writer.WriteEndObject();
            if (result.Content.Any(IsAttachment))
            {
                attachments.Add(result);
            }
        }
    }

    private static bool IsAttachment(ContentPart part) => part is ImagePart or FilePart;

    /// <summary>
    /// The images and documents of the tool results just written, as one user message that says which call each came
    /// from: the only place Chat Completions takes them, and right after the tool messages, where the model reads them
    /// as part of the results.
    /// </summary>
    private static void WriteToolAttachments(Utf8JsonWriter writer, List<ToolResultPart> attachments)
    {
        if (attachments.Count == 0)
        {
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("role", "user");
        writer.WriteStartArray("content");
        foreach (var result in attachments)
        {
            WriteTextPart(writer, $"Attachments of the result of tool call {result.ToolCallId}:");
            foreach (var part in result.Content.Where(IsAttachment))
            {
                WriteUserPart(writer, part);
            }
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        attachments.Clear();
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
        TextPart or ImagePart or FilePart => true,
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
            case FilePart { Text: not null } document:
                WriteTextPart(writer, FileParts.TextOf(document));
                break;
            case FilePart file:
                if (file.Context is not null)
                {
                    WriteTextPart(writer, FileParts.Heading(file)!);
                }

                writer.WriteStartObject();
                writer.WriteString("type", "file");
                writer.WriteStartObject("file");
                FileParts.WriteSourceFields(writer, file);
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
