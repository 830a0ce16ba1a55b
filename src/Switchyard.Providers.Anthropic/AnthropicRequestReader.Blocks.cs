using System.Text.Json;
using Switchyard.Model;

namespace Switchyard.Providers.Anthropic;

internal static partial class AnthropicRequestReader
{
    private static readonly string[] ImageMediaTypes = ["image/jpeg", "image/png", "image/gif", "image/webp"];

    /// <summary>
    /// One content block. Block types the canonical model does not name (document, search_result, server tool blocks,
    /// and types newer than this code) are kept verbatim as <see cref="OpaquePart"/>: the provider is the authority on
    /// them, and same-format routes echo them losslessly.
    /// </summary>
    private static FieldError? ReadBlock(JsonElement block, string path, BlockContext context, out ContentPart? part)
    {
        part = null;
        if (block.ValueKind != JsonValueKind.Object)
        {
            return FieldError.NotObject(path);
        }

        if (!block.TryGet("type", out var typeElement))
        {
            return FieldError.Required($"{path}.type");
        }

        if (typeElement.ValueKind != JsonValueKind.String)
        {
            return FieldError.NotString($"{path}.type");
        }

        var type = typeElement.GetString()!;
        if (context == BlockContext.System && type != "text")
        {
            return new FieldError($"{path}.type", "Input should be 'text'");
        }

        switch (type)
        {
            case "text":
                return ReadText(block, path, out part);
            case "image":
                return context is BlockContext.User or BlockContext.ToolResult
                    ? ReadImage(block, path, out part)
                    : NotAllowed(path, type, "user messages and tool results");
            case "tool_use":
                return context == BlockContext.Assistant ? ReadToolUse(block, path, out part) : NotAllowed(path, type, "assistant messages");
            case "tool_result":
                return context == BlockContext.User ? ReadToolResult(block, path, out part) : NotAllowed(path, type, "user messages");
            case "thinking":
            case "redacted_thinking":
                return context == BlockContext.Assistant ? ReadThinkingBlock(block, path, type, out part) : NotAllowed(path, type, "assistant messages");
            case "document" when context is BlockContext.User or BlockContext.ToolResult:
                ReadDocument(block, path, out part);
                return null;
            default:
                part = new OpaquePart(block.Clone()) { Path = path };
                return null;
        }
    }

    private static FieldError NotAllowed(string path, string type, string where) =>
        new(path, $"`{type}` blocks are only allowed in {where}");

    private static FieldError? ReadText(JsonElement block, string path, out ContentPart? part)
    {
        part = null;
        var error = RequireString(block, path, "text", out var text);
        if (error is not null)
        {
            return error;
        }

        if (text!.Length == 0)
        {
            return new FieldError(path, "text content blocks must be non-empty");
        }

        part = new TextPart(text);
        return null;
    }

    private static FieldError? ReadImage(JsonElement block, string path, out ContentPart? part)
    {
        part = null;
        if (!block.TryGet("source", out var source))
        {
            return FieldError.Required($"{path}.source");
        }

        if (source.ValueKind != JsonValueKind.Object)
        {
            return FieldError.NotObject($"{path}.source");
        }

        var error = RequireString(source, $"{path}.source", "type", out var sourceType);
        if (error is not null)
        {
            return error;
        }

        switch (sourceType)
        {
            case "base64":
                if ((error = RequireString(source, $"{path}.source", "media_type", out var mediaType)) is not null
                    || (error = RequireString(source, $"{path}.source", "data", out var data)) is not null)
                {
                    return error;
                }

                if (Array.IndexOf(ImageMediaTypes, mediaType) < 0)
                {
                    return new FieldError($"{path}.source.media_type", "Input should be 'image/jpeg', 'image/png', 'image/gif' or 'image/webp'");
                }

                if (data!.Length == 0)
                {
                    return new FieldError($"{path}.source.data", "String should have at least 1 character");
                }

                part = new ImagePart { MediaType = mediaType, Base64Data = data };
                return null;
            case "url":
                if ((error = RequireString(source, $"{path}.source", "url", out var url)) is not null)
                {
                    return error;
                }

                if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
                {
                    return new FieldError($"{path}.source.url", "Input should be a valid http or https URL");
                }

                part = new ImagePart { Url = url };
                return null;
            case "file":
                // Files API references have no canonical form; keep the block for same-format routes.
                part = new OpaquePart(block.Clone()) { Path = path };
                return null;
            default:
                return new FieldError($"{path}.source.type", "Input should be 'base64', 'url' or 'file'");
        }
    }

    private static FieldError? ReadToolUse(JsonElement block, string path, out ContentPart? part)
    {
        part = null;
        FieldError? error;
        if ((error = RequireString(block, path, "id", out var id)) is not null
            || (error = RequireString(block, path, "name", out var name)) is not null)
        {
            return error;
        }

        if (!block.TryGet("input", out var input))
        {
            return FieldError.Required($"{path}.input");
        }

        if (input.ValueKind != JsonValueKind.Object)
        {
            return FieldError.NotObject($"{path}.input");
        }

        part = new ToolCallPart(id!, name!, input.GetRawText());
        return null;
    }

    private static FieldError? ReadToolResult(JsonElement block, string path, out ContentPart? part)
    {
        part = null;
        var error = RequireString(block, path, "tool_use_id", out var toolUseId);
        if (error is not null)
        {
            return error;
        }

        var isError = false;
        if (block.TryGet("is_error", out var isErrorElement))
        {
            if (isErrorElement.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return FieldError.NotBool($"{path}.is_error");
            }

            isError = isErrorElement.GetBoolean();
        }

        var content = new List<ContentPart>();
        if (block.TryGet("content", out var contentElement))
        {
            if (contentElement.ValueKind == JsonValueKind.String)
            {
                if (contentElement.GetString() is { Length: > 0 } text)
                {
                    content.Add(new TextPart(text));
                }
            }
            else if (contentElement.ValueKind == JsonValueKind.Array)
            {
                error = ReadBlocks(contentElement, $"{path}.content", BlockContext.ToolResult, content);
                if (error is not null)
                {
                    return error;
                }
            }
            else
            {
                return new FieldError($"{path}.content", "Input should be a valid string or a list of content blocks");
            }
        }

        part = new ToolResultPart(toolUseId!, content, isError);
        return null;
    }

    /// <summary>A redacted block keeps its encrypted <c>data</c> in <see cref="ThinkingPart.Text"/>, flagged Redacted.</summary>
    private static FieldError? ReadThinkingBlock(JsonElement block, string path, string type, out ContentPart? part)
    {
        part = null;
        FieldError? error;
        if (type == "redacted_thinking")
        {
            if ((error = RequireString(block, path, "data", out var data)) is not null)
            {
                return error;
            }

            part = new ThinkingPart(data!, null, Redacted: true);
            return null;
        }

        if ((error = RequireString(block, path, "thinking", out var thinking)) is not null
            || (error = RequireString(block, path, "signature", out var signature)) is not null)
        {
            return error;
        }

        part = new ThinkingPart(thinking!, signature);
        return null;
    }

    private static FieldError? RequireString(JsonElement obj, string path, string name, out string? value)
    {
        value = null;
        if (!obj.TryGet(name, out var element))
        {
            return FieldError.Required($"{path}.{name}");
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            return FieldError.NotString($"{path}.{name}");
        }

        value = element.GetString();
        return null;
    }
}
