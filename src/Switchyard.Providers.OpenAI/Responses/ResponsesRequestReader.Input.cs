using System.Text.Json;
using Switchyard.Model;
using static Switchyard.Providers.OpenAI.OpenAIRequestReader;

namespace Switchyard.Providers.OpenAI;

internal static partial class ResponsesRequestReader
{
    private const string SupportedItems = "'message', 'function_call', 'function_call_output' and 'reasoning'";

    /// <summary>
    /// <c>instructions</c> and <c>input</c> as one canonical conversation. Consecutive assistant output (text, then
    /// function calls) folds into one assistant turn, as Chat Completions and Anthropic expect it.
    /// </summary>
    private static JsonProblem? ReadInput(JsonElement root, bool chained, out List<ChatMessage>? messages)
    {
        messages = null;
        var list = new List<ChatMessage>();
        var problem = OptionalString(root, "instructions", out var instructions);
        if (problem is not null)
        {
            return problem;
        }

        if (!string.IsNullOrEmpty(instructions))
        {
            list.Add(ChatMessage.FromText(ChatRole.System, instructions));
        }

        if (JsonRead.IsNullOrMissing(root, "input", out var input))
        {
            // A chained request may continue the stored conversation with nothing new but instructions.
            if (!chained)
            {
                return JsonProblem.Missing("input");
            }

            messages = list;
            return null;
        }

        if (input.ValueKind == JsonValueKind.String)
        {
            list.Add(ChatMessage.FromText(ChatRole.User, input.GetString()!));
            messages = list;
            return null;
        }

        if (input.ValueKind != JsonValueKind.Array)
        {
            return JsonProblem.WrongType("input", "a string or an array of input items", input);
        }

        var i = 0;
        foreach (var item in input.EnumerateArray())
        {
            problem = ReadItem(item, $"input[{i++}]", list);
            if (problem is not null)
            {
                return problem;
            }
        }

        if (list.Count == 0 && !chained)
        {
            return JsonProblem.Invalid("input", "empty array. Expected an array with minimum length 1, but got an empty array instead.");
        }

        messages = list;
        return null;
    }

    private static JsonProblem? ReadItem(JsonElement item, string path, List<ChatMessage> messages)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            return JsonProblem.WrongType(path, "an object", item);
        }

        var problem = OptionalString(item, "type", out var type, path + ".");
        if (problem is not null)
        {
            return problem;
        }

        // The API accepts the easy form {role, content} without a type.
        return (type ?? "message") switch
        {
            "message" => ReadMessageItem(item, path, messages),
            "function_call" => ReadFunctionCall(item, path, messages),
            "function_call_output" => ReadFunctionCallOutput(item, path, messages),
            // Encrypted reasoning echoed back by store:false clients means nothing to another provider; same-format
            // routes forward the raw body and keep it.
            "reasoning" => null,
            _ => JsonProblem.BadValue($"{path}.type", type, SupportedItems),
        };
    }

    private static JsonProblem? ReadMessageItem(JsonElement item, string path, List<ChatMessage> messages)
    {
        var problem = OpenAIRequestReader.RequiredString(item, "role", path, out var role);
        if (problem is not null)
        {
            return problem;
        }

        var canonical = role switch
        {
            "user" => ChatRole.User,
            "assistant" => ChatRole.Assistant,
            "system" or "developer" => ChatRole.System,
            _ => (ChatRole?)null,
        };
        if (canonical is not { } chatRole)
        {
            return JsonProblem.BadValue($"{path}.role", role, "'user', 'assistant', 'system' and 'developer'");
        }

        var parts = new List<ContentPart>();
        problem = ReadMessageContent(item, path, chatRole, parts);
        if (problem is not null)
        {
            return problem;
        }

        if (chatRole == ChatRole.Assistant)
        {
            AppendAssistant(messages, parts);
        }
        else
        {
            messages.Add(new ChatMessage(chatRole, parts));
        }

        return null;
    }

    private static JsonProblem? ReadFunctionCall(JsonElement item, string path, List<ChatMessage> messages)
    {
        JsonProblem? problem;
        if ((problem = OpenAIRequestReader.RequiredString(item, "call_id", path, out var callId)) is not null
            || (problem = OpenAIRequestReader.RequiredString(item, "name", path, out var name)) is not null
            || (problem = OpenAIRequestReader.RequiredString(item, "arguments", path, out var arguments)) is not null)
        {
            return problem;
        }

        if (callId!.Length == 0)
        {
            return JsonProblem.Invalid($"{path}.call_id", "empty string. Expected the id of the function call.");
        }

        AppendAssistant(messages, [new ToolCallPart(callId, name!, arguments!)]);
        return null;
    }

    private static JsonProblem? ReadFunctionCallOutput(JsonElement item, string path, List<ChatMessage> messages)
    {
        var problem = OpenAIRequestReader.RequiredString(item, "call_id", path, out var callId);
        if (problem is not null)
        {
            return problem;
        }

        if (callId!.Length == 0)
        {
            return JsonProblem.Invalid($"{path}.call_id", "empty string. Expected the id of a preceding function call.");
        }

        if (JsonRead.IsNullOrMissing(item, "output", out var output))
        {
            return JsonProblem.Missing($"{path}.output");
        }

        var content = new List<ContentPart>();
        if (output.ValueKind == JsonValueKind.String)
        {
            content.Add(new TextPart(output.GetString()!));
        }
        else if (output.ValueKind == JsonValueKind.Array)
        {
            problem = ReadParts(output, $"{path}.output", ChatRole.User, content);
            if (problem is not null)
            {
                return problem;
            }
        }
        else
        {
            return JsonProblem.WrongType($"{path}.output", "a string or an array of content parts", output);
        }

        // The call may belong to a stored response (previous_response_id), so it is not required to appear in input.
        messages.Add(new ChatMessage(ChatRole.Tool, [new ToolResultPart(callId, content)]));
        return null;
    }

    /// <summary>Assistant text and function calls that follow each other are one assistant turn.</summary>
    private static void AppendAssistant(List<ChatMessage> messages, List<ContentPart> parts)
    {
        if (messages.Count > 0 && messages[^1] is { Role: ChatRole.Assistant } last)
        {
            messages[^1] = last with { Content = [.. last.Content, .. parts] };
            return;
        }

        messages.Add(new ChatMessage(ChatRole.Assistant, parts));
    }
}
