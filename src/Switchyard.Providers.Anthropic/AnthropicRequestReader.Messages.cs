using System.Text.Json;
using Switchyard.Model;

namespace Switchyard.Providers.Anthropic;

internal static partial class AnthropicRequestReader
{
    private const string EmptyContent = "all messages must have non-empty content except for the optional final assistant message";

    /// <summary>Where a content block sits; decides which block types are allowed.</summary>
    private enum BlockContext
    {
        User,
        Assistant,
        System,
        ToolResult,
    }

    /// <summary>Top-level <c>system</c>: a string or text blocks, becoming one leading System message.</summary>
    private static FieldError? ReadSystem(JsonElement root, List<ChatMessage> messages)
    {
        if (!root.TryGet("system", out var system))
        {
            return null;
        }

        if (system.ValueKind == JsonValueKind.String)
        {
            if (system.GetString() is { Length: > 0 } text)
            {
                messages.Add(ChatMessage.FromText(ChatRole.System, text));
            }

            return null;
        }

        if (system.ValueKind != JsonValueKind.Array)
        {
            return new FieldError("system", "Input should be a valid string or a list of text blocks");
        }

        var parts = new List<ContentPart>();
        var error = ReadBlocks(system, "system", BlockContext.System, parts);
        if (error is null && parts.Count > 0)
        {
            messages.Add(new ChatMessage(ChatRole.System, parts));
        }

        return error;
    }

    private static FieldError? ReadMessages(JsonElement root, List<ChatMessage> output)
    {
        if (!root.TryGet("messages", out var messages))
        {
            return FieldError.Required("messages");
        }

        if (messages.ValueKind != JsonValueKind.Array)
        {
            return FieldError.NotList("messages");
        }

        var count = messages.GetArrayLength();
        if (count == 0)
        {
            return new FieldError("messages", "at least one message is required");
        }

        var i = 0;
        foreach (var message in messages.EnumerateArray())
        {
            var error = ReadMessage(message, $"messages.{i}", isLast: i == count - 1, output);
            if (error is not null)
            {
                return error;
            }

            i++;
        }

        return null;
    }

    private static FieldError? ReadMessage(JsonElement message, string path, bool isLast, List<ChatMessage> output)
    {
        if (message.ValueKind != JsonValueKind.Object)
        {
            return FieldError.NotObject(path);
        }

        if (!message.TryGet("role", out var roleElement))
        {
            return FieldError.Required($"{path}.role");
        }

        // role "system" mid-conversation is accepted (allowed since claude-opus-4-8); it becomes a canonical System
        // message in place, and WriteRequest hoists it for models that need that.
        (ChatRole Role, BlockContext Context)? role = roleElement.ValueKind == JsonValueKind.String ? roleElement.GetString() switch
        {
            "user" => (ChatRole.User, BlockContext.User),
            "assistant" => (ChatRole.Assistant, BlockContext.Assistant),
            "system" => (ChatRole.System, BlockContext.System),
            _ => null,
        } : null;
        if (role is not { } r)
        {
            return new FieldError($"{path}.role", "Input should be 'user', 'assistant' or 'system'");
        }

        if (!message.TryGet("content", out var content))
        {
            return FieldError.Required($"{path}.content");
        }

        var emptyAllowed = isLast && r.Role == ChatRole.Assistant;
        var parts = new List<ContentPart>();
        if (content.ValueKind == JsonValueKind.String)
        {
            var text = content.GetString()!;
            if (text.Length == 0 && !emptyAllowed)
            {
                return new FieldError(path, EmptyContent);
            }

            if (text.Length > 0)
            {
                parts.Add(new TextPart(text));
            }
        }
        else if (content.ValueKind == JsonValueKind.Array)
        {
            if (content.GetArrayLength() == 0 && !emptyAllowed)
            {
                return new FieldError(path, EmptyContent);
            }

            var error = ReadBlocks(content, $"{path}.content", r.Context, parts);
            if (error is not null)
            {
                return error;
            }
        }
        else
        {
            return new FieldError($"{path}.content", "Input should be a valid string or a list of content blocks");
        }

        AddMessage(r.Role, parts, output);
        return null;
    }

    /// <summary>
    /// Canonical shape: each Anthropic <c>tool_result</c> becomes its own Tool message (as OpenAI has one tool message
    /// per call), in place; the other blocks of the user turn stay together in User messages around them.
    /// </summary>
    private static void AddMessage(ChatRole role, List<ContentPart> parts, List<ChatMessage> output)
    {
        if (role != ChatRole.User || !parts.Exists(p => p is ToolResultPart))
        {
            output.Add(new ChatMessage(role, parts));
            return;
        }

        var pending = new List<ContentPart>();
        foreach (var part in parts)
        {
            if (part is ToolResultPart)
            {
                if (pending.Count > 0)
                {
                    output.Add(new ChatMessage(ChatRole.User, pending));
                    pending = [];
                }

                output.Add(new ChatMessage(ChatRole.Tool, [part]));
            }
            else
            {
                pending.Add(part);
            }
        }

        if (pending.Count > 0)
        {
            output.Add(new ChatMessage(ChatRole.User, pending));
        }
    }

    private static FieldError? ReadBlocks(JsonElement blocks, string path, BlockContext context, List<ContentPart> parts)
    {
        var j = 0;
        foreach (var block in blocks.EnumerateArray())
        {
            var error = ReadBlock(block, $"{path}.{j}", context, out var part);
            if (error is not null)
            {
                return error;
            }

            // An opaque block keeps its own cache_control, verbatim.
            if (part is not OpaquePart)
            {
                if ((error = AnthropicCacheControl.Read(block, $"{path}.{j}", out var cache)) is not null)
                {
                    return error;
                }

                part = cache is null ? part : part! with { Cache = cache };
            }

            parts.Add(part!);
            j++;
        }

        return null;
    }
}
