using System.Text.Json;
using Switchyard.Simulator.Generation;
using Switchyard.Simulator.Wire;

namespace Switchyard.Simulator.Requests;

/// <summary>
/// Validates and reads an OpenAI Responses body (PROTOCOLS §2.1) into the same canonical conversation as chat
/// completions: <c>instructions</c> and system/developer messages are system text, <c>function_call</c> items are
/// tool calls and <c>function_call_output</c> items tool results, so one dialogue gets one answer in every API.
/// </summary>
internal static class ResponsesRequestParser
{
    private const string InvalidRequest = "invalid_request_error";
    private const string DefaultText = """{"format":{"type":"text"},"verbosity":"medium"}""";

    /// <summary>Parses a body.</summary>
    /// <param name="root">The request JSON.</param>
    /// <param name="history">Finds the input and output items of a stored response for <c>previous_response_id</c>; null when none are stored.</param>
    public static ResponsesParseResult Parse(JsonElement root, Func<string, IReadOnlyList<string>?>? history)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Fail(new WireError(400, InvalidRequest, "Invalid type for request body: expected an object.", null, "invalid_type"));
        }

        var model = JsonText.GetString(root, "model");
        if (string.IsNullOrEmpty(model))
        {
            return Fail(new WireError(400, InvalidRequest, "Missing required parameter: 'model'.", "model", "missing_required_parameter"));
        }

        if (!ModelCatalog.IsOpenAIModel(model))
        {
            return Fail(new WireError(404, InvalidRequest, $"The model `{model}` does not exist or you do not have access to it.", null, "model_not_found"));
        }

        if (ReasoningParameters.CheckResponses(root, model) is { } reasoningError)
        {
            return Fail(reasoningError);
        }

        var maxOutput = JsonText.GetInt(root, "max_output_tokens");
        if (maxOutput is < 16)
        {
            return Fail(new WireError(400, InvalidRequest, $"Invalid 'max_output_tokens': integer below minimum value. Expected a value >= 16, but got {maxOutput} instead.", "max_output_tokens", "integer_below_min_value"));
        }

        var store = JsonText.GetBool(root, "store") ?? true;
        var background = JsonText.GetBool(root, "background") ?? false;
        if (background && !store)
        {
            return Fail(new WireError(400, InvalidRequest, "Background mode requires 'store' to be true.", "background", null));
        }

        var items = new List<string>();
        var previousId = JsonText.GetString(root, "previous_response_id");
        if (previousId is not null)
        {
            if (history?.Invoke(previousId) is not { } previous)
            {
                return Fail(new WireError(404, InvalidRequest, $"Previous response with id '{previousId}' not found.", "previous_response_id", "previous_response_not_found"));
            }

            items.AddRange(previous);
        }

        var inputError = ReadInput(root, items);
        if (inputError is not null)
        {
            return Fail(inputError);
        }

        var builder = new ConversationBuilder();
        var instructions = JsonText.GetString(root, "instructions");
        if (!string.IsNullOrEmpty(instructions))
        {
            builder.AddSystem(instructions);
        }

        for (var i = 0; i < items.Count; i++)
        {
            using var item = JsonDocument.Parse(items[i]);
            ResponsesItems.AddTo(builder, item.RootElement, isLast: i == items.Count - 1);
        }

        var tools = ReadTools(root, builder);
        var conversation = builder.Build();
        if (OutputFormatReader.ReadResponses(root, conversation.Key, out var format) is { } formatError)
        {
            return Fail(formatError);
        }

        var streamOptions = root.TryGetProperty("stream_options", out var so) ? so : default;
        var sim = new SimRequest(
            SimulatorApi.OpenAIResponses,
            model,
            JsonText.GetBool(root, "stream") ?? false,
            maxOutput,
            conversation,
            tools,
            ReadToolChoice(root, tools),
            JsonText.GetBool(root, "parallel_tool_calls") ?? true,
            IncludeUsage: true,
            JsonText.GetBool(streamOptions, "include_obfuscation") ?? true,
            format,
            CachePlan: PromptCachePlan.CanCacheAutomatically(conversation) ? PromptCachePlan.ForResponses(root, instructions, items) : null);
        return new ResponsesParseResult(
            new ResponsesRequest(
                sim,
                instructions,
                maxOutput,
                background,
                store,
                previousId,
                Raw(root, "tools") ?? "[]",
                Raw(root, "tool_choice") ?? "\"auto\"",
                Raw(root, "text") ?? DefaultText,
                Raw(root, "temperature") ?? "1.0",
                Raw(root, "top_p") ?? "1.0",
                Raw(root, "metadata") ?? "{}",
                JsonText.GetString(root, "user"),
                items),
            null);
    }

    private static ResponsesParseResult Fail(WireError error) => new(null, error);

    private static string? Raw(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? JsonText.Compact(value) : null;

    private static WireError? ReadInput(JsonElement root, List<string> items)
    {
        if (!root.TryGetProperty("input", out var input) || input.ValueKind == JsonValueKind.Null)
        {
            return items.Count > 0 ? null : new WireError(400, InvalidRequest, "Missing required parameter: 'input'.", "input", "missing_required_parameter");
        }

        if (input.ValueKind == JsonValueKind.String)
        {
            items.Add(JsonBytes.Text(w =>
            {
                w.WriteStartObject();
                w.WriteString("type", "message");
                w.WriteString("role", "user");
                w.WriteString("content", input.GetString());
                w.WriteEndObject();
            }));
            return null;
        }

        if (input.ValueKind != JsonValueKind.Array)
        {
            return new WireError(400, InvalidRequest, "Invalid type for 'input': expected one of a string or an array of input items.", "input", "invalid_type");
        }

        var index = 0;
        foreach (var item in input.EnumerateArray())
        {
            var type = JsonText.GetString(item, "type") ?? "message";
            if (type == "message" && JsonText.GetString(item, "role") is not ("user" or "assistant" or "system" or "developer"))
            {
                return new WireError(400, InvalidRequest, $"Invalid value: '{JsonText.GetString(item, "role")}'. Supported values are: 'assistant', 'system', 'developer', and 'user'.", $"input[{index}].role", "invalid_value");
            }

            items.Add(JsonText.Compact(item));
            index++;
        }

        return null;
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
            // Function tools are flat here ({type, name, parameters}); built-in tools are ignored.
            if (JsonText.GetString(tool, "type") != "function" || JsonText.GetString(tool, "name") is not { } name)
            {
                continue;
            }

            JsonElement? schema = tool.TryGetProperty("parameters", out var p) && p.ValueKind == JsonValueKind.Object ? p.Clone() : null;
            tools.Add(new ToolDefinition(name, schema));
            builder.AddToolDefinition(JsonText.Compact(tool));
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
                _ => new ToolChoice(tools.Count > 0 ? ToolChoiceMode.Auto : ToolChoiceMode.None),
            };
        }

        var name = JsonText.GetString(choice, "type") == "function" ? JsonText.GetString(choice, "name") : null;
        return name is null ? new ToolChoice(ToolChoiceMode.Auto) : new ToolChoice(ToolChoiceMode.Specific, name);
    }
}

/// <summary>Either a Responses request or the error the real API would have answered with.</summary>
internal readonly record struct ResponsesParseResult(ResponsesRequest? Request, WireError? Error);
