using System.Text.Json;
using Switchyard.Model;

namespace Switchyard.Providers.OpenAI;

internal static partial class OpenAIRequestReader
{
    private const string SupportedRoles = "'system', 'developer', 'user', 'assistant' and 'tool'";

    private static JsonProblem? ReadMessages(JsonElement root, out List<ChatMessage>? messages)
    {
        messages = null;
        if (JsonRead.IsNullOrMissing(root, "messages", out var array))
        {
            return JsonProblem.Missing("messages");
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            return JsonProblem.WrongType("messages", "an array", array);
        }

        if (array.GetArrayLength() == 0)
        {
            return JsonProblem.Invalid("messages", "empty array. Expected an array with minimum length 1, but got an empty array instead.");
        }

        var list = new List<ChatMessage>(array.GetArrayLength());
        var tracker = new ToolCallTracker();
        var i = 0;
        foreach (var element in array.EnumerateArray())
        {
            var problem = ReadMessage(element, $"messages[{i}]", out var message) ?? tracker.Check(message!, i);
            if (problem is not null)
            {
                return problem;
            }

            list.Add(message!);
            i++;
        }

        messages = list;
        return tracker.Finish();
    }

    private static JsonProblem? ReadMessage(JsonElement element, string path, out ChatMessage? message)
    {
        message = null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            return JsonProblem.WrongType(path, "an object", element);
        }

        if (JsonRead.IsNullOrMissing(element, "role", out var roleElement))
        {
            return JsonProblem.Missing($"{path}.role");
        }

        if (roleElement.ValueKind != JsonValueKind.String)
        {
            return JsonProblem.WrongType($"{path}.role", "a string", roleElement);
        }

        var problem = OptionalString(element, "name", out var name, path + ".");
        if (problem is not null)
        {
            return problem;
        }

        var role = roleElement.GetString();
        problem = role switch
        {
            "system" or "developer" => ReadInstructionMessage(element, path, out message),
            "user" => ReadUserMessage(element, path, out message),
            "assistant" => ReadAssistantMessage(element, path, out message),
            "tool" => ReadToolMessage(element, path, out message),
            "function" => new JsonProblem(
                $"Invalid value for '{path}.role': the deprecated 'function' role is not supported by this gateway; send 'tool' messages instead.",
                $"{path}.role"),
            _ => JsonProblem.BadValue($"{path}.role", role, SupportedRoles),
        };
        if (problem is null && name is not null)
        {
            message = message! with { Name = name };
        }

        return problem;
    }

    private static JsonProblem? ReadInstructionMessage(JsonElement element, string path, out ChatMessage? message)
    {
        message = null;
        var problem = ReadTextOnlyContent(element, path, required: true, out var parts);
        if (problem is null)
        {
            // developer is the o-series name for system; both are instructions in canonical form, kept in place.
            message = new ChatMessage(ChatRole.System, parts!);
        }

        return problem;
    }

    private static JsonProblem? ReadUserMessage(JsonElement element, string path, out ChatMessage? message)
    {
        message = null;
        var problem = ReadUserContent(element, path, out var parts);
        if (problem is null)
        {
            message = new ChatMessage(ChatRole.User, parts!);
        }

        return problem;
    }

    private static JsonProblem? ReadToolMessage(JsonElement element, string path, out ChatMessage? message)
    {
        message = null;
        if (JsonRead.IsNullOrMissing(element, "tool_call_id", out var id))
        {
            return JsonProblem.Missing($"{path}.tool_call_id");
        }

        if (id.ValueKind != JsonValueKind.String)
        {
            return JsonProblem.WrongType($"{path}.tool_call_id", "a string", id);
        }

        if (string.IsNullOrEmpty(id.GetString()))
        {
            return JsonProblem.Invalid($"{path}.tool_call_id", "empty string. Expected the id of a preceding tool call.");
        }

        var problem = ReadTextOnlyContent(element, path, required: true, out var parts);
        if (problem is null)
        {
            message = new ChatMessage(ChatRole.Tool, [new ToolResultPart(id.GetString()!, parts!)]);
        }

        return problem;
    }

    private static JsonProblem? ReadAssistantMessage(JsonElement element, string path, out ChatMessage? message)
    {
        message = null;
        var hasToolCalls = !JsonRead.IsNullOrMissing(element, "tool_calls", out var toolCalls);
        var hasContent = !JsonRead.IsNullOrMissing(element, "content", out _);
        var problem = OptionalString(element, "refusal", out var refusal, path + ".");
        if (problem is not null)
        {
            return problem;
        }

        if (!hasContent && !hasToolCalls && refusal is null)
        {
            return new JsonProblem(
                $"Missing required parameter: '{path}.content'. An assistant message needs content or tool_calls.", $"{path}.content");
        }

        var parts = new List<ContentPart>();
        if (hasContent)
        {
            problem = ReadAssistantContent(element, path, parts);
            if (problem is not null)
            {
                return problem;
            }
        }

        if (refusal is not null && parts.Count == 0)
        {
            // A past refusal stays visible to the next model as what the assistant said.
            parts.Add(new TextPart(refusal));
        }

        if (hasToolCalls)
        {
            problem = ReadToolCalls(toolCalls, $"{path}.tool_calls", parts);
            if (problem is not null)
            {
                return problem;
            }
        }

        message = new ChatMessage(ChatRole.Assistant, parts);
        return null;
    }

    private static JsonProblem? ReadToolCalls(JsonElement array, string path, List<ContentPart> parts)
    {
        if (array.ValueKind != JsonValueKind.Array)
        {
            return JsonProblem.WrongType(path, "an array", array);
        }

        var i = 0;
        foreach (var call in array.EnumerateArray())
        {
            var at = $"{path}[{i++}]";
            if (call.ValueKind != JsonValueKind.Object)
            {
                return JsonProblem.WrongType(at, "an object", call);
            }

            var problem = RequiredString(call, "id", at, out var id);
            if (problem is not null)
            {
                return problem;
            }

            if (JsonRead.String(call, "type") is { } type && type != "function")
            {
                return JsonProblem.BadValue($"{at}.type", type, "'function'");
            }

            if (JsonRead.IsNullOrMissing(call, "function", out var function))
            {
                return JsonProblem.Missing($"{at}.function");
            }

            if (function.ValueKind != JsonValueKind.Object)
            {
                return JsonProblem.WrongType($"{at}.function", "an object", function);
            }

            if ((problem = RequiredString(function, "name", $"{at}.function", out var name)) is not null
                || (problem = RequiredString(function, "arguments", $"{at}.function", out var arguments)) is not null)
            {
                return problem;
            }

            parts.Add(new ToolCallPart(id!, name!, arguments!));
        }

        return null;
    }

    internal static JsonProblem? RequiredString(JsonElement parent, string name, string path, out string? value)
    {
        value = null;
        if (JsonRead.IsNullOrMissing(parent, name, out var element))
        {
            return JsonProblem.Missing($"{path}.{name}");
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            return JsonProblem.WrongType($"{path}.{name}", "a string", element);
        }

        value = element.GetString();
        return null;
    }
}
