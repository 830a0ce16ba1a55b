using System.Text.Json;
using Switchyard.Model;

namespace Switchyard.Providers.Anthropic;

internal static partial class AnthropicRequestWriter
{
    private static void WriteTurn(Utf8JsonWriter w, Turn turn)
    {
        w.WriteStartObject();
        w.WriteString("role", turn.Role);
        if (turn.Parts is [TextPart { Cache: null } only])
        {
            w.WriteString("content", only.Text);
        }
        else
        {
            w.WriteStartArray("content");
            foreach (var part in turn.Parts)
            {
                WriteBlock(w, part);
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    /// <summary>Writes one content block; shared with the response writer.</summary>
    internal static void WriteBlock(Utf8JsonWriter w, ContentPart part)
    {
        switch (part)
        {
            case TextPart text:
                w.WriteStartObject();
                w.WriteString("type", "text");
                w.WriteString("text", text.Text);
                AnthropicCacheControl.Write(w, text.Cache);
                w.WriteEndObject();
                break;
            case ImagePart image:
                WriteImage(w, image);
                break;
            case FilePart file:
                AnthropicDocument.Write(w, file);
                break;
            case ToolCallPart call:
                w.WriteStartObject();
                w.WriteString("type", "tool_use");
                w.WriteString("id", call.Id);
                w.WriteString("name", call.Name);
                w.WritePropertyName("input");
                AnthropicJson.WriteInputObject(w, call.ArgumentsJson);
                AnthropicCacheControl.Write(w, call.Cache);
                w.WriteEndObject();
                break;
            case ToolResultPart result:
                WriteToolResult(w, result);
                break;
            case ThinkingPart { Redacted: true } redacted:
                w.WriteStartObject();
                w.WriteString("type", "redacted_thinking");
                w.WriteString("data", redacted.Text);
                w.WriteEndObject();
                break;
            case ThinkingPart thinking:
                w.WriteStartObject();
                w.WriteString("type", "thinking");
                w.WriteString("thinking", thinking.Text);
                w.WriteString("signature", thinking.Signature ?? string.Empty);
                w.WriteEndObject();
                break;
            case OpaquePart opaque:
                opaque.Raw.WriteTo(w);
                break;
        }
    }

    private static void WriteToolResult(Utf8JsonWriter w, ToolResultPart result)
    {
        w.WriteStartObject();
        w.WriteString("type", "tool_result");
        w.WriteString("tool_use_id", result.ToolCallId);
        var content = result.Content.Where(p => p is not (ToolResultPart or ToolCallPart or TextPart { Text.Length: 0 })).ToList();
        if (content is [TextPart { Cache: null } only])
        {
            w.WriteString("content", only.Text);
        }
        else if (content.Count > 0)
        {
            w.WriteStartArray("content");
            foreach (var part in content)
            {
                WriteBlock(w, part);
            }

            w.WriteEndArray();
        }

        if (result.IsError)
        {
            w.WriteBoolean("is_error", true);
        }

        AnthropicCacheControl.Write(w, result.Cache);
        w.WriteEndObject();
    }

    private static void WriteImage(Utf8JsonWriter w, ImagePart image)
    {
        string? mediaType = image.MediaType;
        var data = image.Base64Data;
        if (data is null && image.Url is { } url && TryParseDataUrl(url, out var urlMediaType, out var urlData))
        {
            mediaType = urlMediaType;
            data = urlData;
        }

        w.WriteStartObject();
        w.WriteString("type", "image");
        w.WriteStartObject("source");
        if (data is not null)
        {
            w.WriteString("type", "base64");
            w.WriteString("media_type", mediaType ?? SniffMediaType(data));
            w.WriteString("data", data);
        }
        else
        {
            w.WriteString("type", "url");
            w.WriteString("url", image.Url ?? string.Empty);
        }

        w.WriteEndObject();
        AnthropicCacheControl.Write(w, image.Cache);
        w.WriteEndObject();
    }

    /// <summary>Splits <c>data:image/png;base64,AAAA</c>. Only base64 data URLs qualify (Anthropic takes nothing else inline).</summary>
    internal static bool TryParseDataUrl(string url, out string? mediaType, out string? data)
    {
        mediaType = null;
        data = null;
        if (!url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var comma = url.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0)
        {
            return false;
        }

        var header = url.AsSpan(5, comma - 5);
        if (!header.EndsWith(";base64", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var type = header[..^";base64".Length];
        mediaType = type.IsEmpty ? null : type.ToString();
        data = url[(comma + 1)..];
        return true;
    }

    // A data URL without a media type still has to say one on Anthropic; the payload's magic bytes tell.
    private static string SniffMediaType(string base64) => base64 switch
    {
        _ when base64.StartsWith("iVBOR", StringComparison.Ordinal) => "image/png",
        _ when base64.StartsWith("R0lGOD", StringComparison.Ordinal) => "image/gif",
        _ when base64.StartsWith("UklGR", StringComparison.Ordinal) => "image/webp",
        _ => "image/jpeg",
    };
}
