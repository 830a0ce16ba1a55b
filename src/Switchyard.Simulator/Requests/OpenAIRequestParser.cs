using System.Text.Json;
using Switchyard.Simulator.Generation;

namespace Switchyard.Simulator.Requests;

/// <summary>Validates and reads an OpenAI chat completions body the way the real API does, within reason.</summary>
internal static class OpenAIRequestParser
{
    private const string InvalidRequest = "invalid_request_error";

    public static ParseResult Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return ParseResult.Fail(new WireError(400, InvalidRequest, "Invalid type for request body: expected an object.", null, "invalid_type"));
        }

        var model = JsonText.GetString(root, "model");
        if (string.IsNullOrEmpty(model))
        {
            return ParseResult.Fail(new WireError(400, InvalidRequest, "you must provide a model parameter"));
        }

        if (!root.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array)
        {
            return ParseResult.Fail(new WireError(400, InvalidRequest, "Missing required parameter: 'messages'.", "messages", "missing_required_parameter"));
        }

        if (messages.GetArrayLength() == 0)
        {
            return ParseResult.Fail(new WireError(400, InvalidRequest, "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.", "messages", "empty_array"));
        }

        if (!ModelCatalog.IsOpenAIModel(model))
        {
            return ParseResult.Fail(new WireError(404, InvalidRequest, $"The model `{model}` does not exist or you do not have access to it.", null, "model_not_found"));
        }

        if (ReasoningParameters.CheckChat(root, model) is { } reasoningError)
        {
            return ParseResult.Fail(reasoningError);
        }

        var builder = new ConversationBuilder();
        var count = messages.GetArrayLength();
        var index = 0;
        foreach (var message in messages.EnumerateArray())
        {
            var role = JsonText.GetString(message, "role");
            if (role is not ("system" or "developer" or "user" or "assistant" or "tool"))
            {
                return ParseResult.Fail(new WireError(400, InvalidRequest, $"Invalid value: '{role}'. Supported values are: 'system', 'assistant', 'user', 'function', 'tool', and 'developer'.", $"messages[{index}].role", "invalid_value"));
            }

            var isLast = ++index == count;
            AddMessage(builder, message, role, isLast);
        }

        var tools = ReadTools(root, builder);
        var conversation = builder.Build();
        if (OutputFormatReader.ReadChat(root, conversation.Key, out var format) is { } formatError)
        {
            return ParseResult.Fail(formatError);
        }

        var streamOptions = root.TryGetProperty("stream_options", out var so) ? so : default;
        var request = new SimRequest(
            SimulatorApi.OpenAIChatCompletions,
            model,
            JsonText.GetBool(root, "stream") ?? false,
            JsonText.GetInt(root, "max_completion_tokens") ?? JsonText.GetInt(root, "max_tokens"),
            conversation,
            tools,
            ReadToolChoice(root, tools),
            JsonText.GetBool(root, "parallel_tool_calls") ?? true,
            JsonText.GetBool(streamOptions, "include_usage") ?? false,
            JsonText.GetBool(streamOptions, "include_obfuscation") ?? true,
            format,
            CachePlan: PromptCachePlan.CanCacheAutomatically(conversation) ? PromptCachePlan.ForChat(root) : null);
        return ParseResult.Ok(request);
    }

    private static void AddMessage(ConversationBuilder builder, JsonElement message, string role, bool isLast)
    {
        message.TryGetProperty("content", out var content);
        switch (role)
        {
            case "system" or "developer":
                builder.AddSystem(JsonText.ContentText(content));
                break;
            case "tool":
                builder.AddToolResult(JsonText.ContentText(content));
                break;
            case "assistant":
                var hasCalls = message.TryGetProperty("tool_calls", out var calls) && calls.ValueKind == JsonValueKind.Array && calls.GetArrayLength() > 0;
                if (isLast && !hasCalls)
                {
                    builder.SetPrefill(JsonText.ContentText(content));
                    return;
                }

                AddParts(builder, "assistant", content);
                if (hasCalls)
                {
                    foreach (var call in calls.EnumerateArray())
                    {
                        call.TryGetProperty("function", out var function);
                        builder.AddToolCall(JsonText.GetString(function, "name") ?? string.Empty, JsonText.CompactString(JsonText.GetString(function, "arguments") ?? "{}"));
                    }
                }

                break;
            default:
                AddParts(builder, "user", content);
                break;
        }
    }

    private static void AddParts(ConversationBuilder builder, string role, JsonElement content)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            builder.Add(role, content.GetString()!);
            return;
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (var part in content.EnumerateArray())
        {
            switch (JsonText.GetString(part, "type"))
            {
                case "text":
                    builder.Add(role, JsonText.GetString(part, "text") ?? string.Empty);
                    break;
                case "image_url":
                    builder.AddImage(role);
                    break;
            }
        }
    }

    private static List<ToolDefinition> ReadTools(JsonElement root, ConversationBuilder builder)
    {
        var tools = new List<ToolDefinition>();
        if (!root.TryGetProperty("tools", out var array) || array.ValueKind != JsonValueKind.Array)
        {
            return tools;
        }

        foreach (var tool in array.EnumerateArray())
        {
            if (!tool.TryGetProperty("function", out var function) || JsonText.GetString(function, "name") is not { } name)
            {
                continue;
            }

            JsonElement? schema = function.TryGetProperty("parameters", out var p) && p.ValueKind == JsonValueKind.Object ? p.Clone() : null;
            tools.Add(new ToolDefinition(name, schema));
            builder.AddToolDefinition(JsonText.Compact(function));
        }

        return tools;
    }

    private static ToolChoice ReadToolChoice(JsonElement root, List<ToolDefinition> tools)
    {
        if (!root.TryGetProperty("tool_choice", out var choice) || choice.ValueKind == JsonValueKind.Null)
        {
            return new ToolChoice(tools.Count > 0 ? ToolChoiceMode.Auto : ToolChoiceMode.None);
        }

        if (choice.ValueKind == JsonValueKind.String)
        {
            return choice.GetString() switch
            {
                "none" => new ToolChoice(ToolChoiceMode.None),
                "required" => new ToolChoice(ToolChoiceMode.Required),
                _ => new ToolChoice(ToolChoiceMode.Auto),
            };
        }

        var name = choice.TryGetProperty("function", out var function) ? JsonText.GetString(function, "name") : null;
        return name is null ? new ToolChoice(ToolChoiceMode.Auto) : new ToolChoice(ToolChoiceMode.Specific, name);
    }
}
