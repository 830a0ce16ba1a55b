using System.Text.Json;
using System.Text.RegularExpressions;
using Switchyard.Model;

namespace Switchyard.Providers.Anthropic;

internal static partial class AnthropicRequestReader
{
    /// <summary>
    /// Tools. Server tools (<c>{"type":"web_search_20250305",…}</c> and the other versioned types) are rejected: the
    /// canonical model cannot carry them, and a route that falls back to OpenAI would silently drop them.
    /// </summary>
    private static FieldError? ReadTools(JsonElement root, out IReadOnlyList<ToolDefinition>? tools)
    {
        tools = null;
        if (!root.TryGet("tools", out var element))
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            return FieldError.NotList("tools");
        }

        var list = new List<ToolDefinition>(element.GetArrayLength());
        var names = new HashSet<string>(StringComparer.Ordinal);
        var i = 0;
        foreach (var tool in element.EnumerateArray())
        {
            var error = ReadTool(tool, $"tools.{i}", out var definition);
            if (error is not null)
            {
                return error;
            }

            if (!names.Add(definition!.Name))
            {
                return new FieldError("tools", $"Tool names must be unique; '{definition.Name}' appears more than once.");
            }

            list.Add(definition);
            i++;
        }

        tools = list;
        return null;
    }

    private static FieldError? ReadTool(JsonElement tool, string path, out ToolDefinition? definition)
    {
        definition = null;
        if (tool.ValueKind != JsonValueKind.Object)
        {
            return FieldError.NotObject(path);
        }

        if (tool.TryGet("type", out var type) && !(type.ValueKind == JsonValueKind.String && type.GetString() == "custom"))
        {
            var name = type.ValueKind == JsonValueKind.String ? type.GetString() : type.GetRawText();
            return new FieldError($"{path}.type",
                $"server tool type '{name}' is not supported by this gateway; only custom tools (name, description, input_schema) can be routed");
        }

        var error = RequireString(tool, path, "name", out var toolName);
        if (error is not null)
        {
            return error;
        }

        if (!ToolName().IsMatch(toolName!))
        {
            return new FieldError($"{path}.name", "String should match pattern '^[a-zA-Z0-9_-]{1,128}$'");
        }

        string? description = null;
        if (tool.TryGet("description", out var descriptionElement))
        {
            if (descriptionElement.ValueKind != JsonValueKind.String)
            {
                return FieldError.NotString($"{path}.description");
            }

            description = descriptionElement.GetString();
        }

        if (!tool.TryGet("input_schema", out var schema))
        {
            return FieldError.Required($"{path}.input_schema");
        }

        if (schema.ValueKind != JsonValueKind.Object)
        {
            return FieldError.NotObject($"{path}.input_schema");
        }

        if (schema.GetStringOrNull("type") != "object")
        {
            return new FieldError($"{path}.input_schema.type", "Input should be 'object'");
        }

        var error2 = ReadBool(tool, "strict", out var strict);
        if (error2 is not null)
        {
            return new FieldError($"{path}.strict", error2.Detail);
        }

        if ((error2 = AnthropicCacheControl.Read(tool, path, out var cache)) is not null)
        {
            return error2;
        }

        definition = new ToolDefinition(toolName!, description, schema.Clone()) { Strict = strict, Cache = cache };
        return null;
    }

    private static FieldError? ReadToolChoice(JsonElement root, out ToolChoice? choice, out bool? parallel)
    {
        choice = null;
        parallel = null;
        if (!root.TryGet("tool_choice", out var element))
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return FieldError.NotObject("tool_choice");
        }

        var error = RequireString(element, "tool_choice", "type", out var type);
        if (error is not null)
        {
            return error;
        }

        switch (type)
        {
            case "auto":
                choice = ToolChoice.Auto;
                break;
            case "any":
                choice = new ToolChoice(ToolChoiceMode.Required);
                break;
            case "none":
                choice = new ToolChoice(ToolChoiceMode.None);
                break;
            case "tool":
                if ((error = RequireString(element, "tool_choice", "name", out var name)) is not null)
                {
                    return error;
                }

                choice = new ToolChoice(ToolChoiceMode.Specific, name);
                break;
            default:
                return new FieldError("tool_choice.type", "Input should be 'auto', 'any', 'tool' or 'none'");
        }

        if ((error = ReadBool(element, "disable_parallel_tool_use", out var disable)) is not null)
        {
            return new FieldError("tool_choice.disable_parallel_tool_use", error.Detail);
        }

        parallel = disable is { } d ? !d : null;
        return null;
    }

    /// <summary>
    /// <c>output_config.format</c> (structured outputs) maps to a JSON-schema <see cref="ResponseFormat"/>;
    /// <c>output_config.effort</c> to a reasoning effort.
    /// </summary>
    private static FieldError? ReadOutputConfig(JsonElement root, out ResponseFormat? format, out ReasoningEffort? effort)
    {
        format = null;
        effort = null;
        if (!root.TryGet("output_config", out var config))
        {
            return null;
        }

        if (config.ValueKind != JsonValueKind.Object)
        {
            return FieldError.NotObject("output_config");
        }

        var error = ReadEffort(config, out effort);
        if (error is not null || !config.TryGet("format", out var formatElement))
        {
            return error;
        }

        if (formatElement.ValueKind != JsonValueKind.Object)
        {
            return FieldError.NotObject("output_config.format");
        }

        if (formatElement.GetStringOrNull("type") != "json_schema")
        {
            return new FieldError("output_config.format.type", "Input should be 'json_schema'");
        }

        if (!formatElement.TryGet("schema", out var schema))
        {
            return FieldError.Required("output_config.format.schema");
        }

        if (schema.ValueKind != JsonValueKind.Object)
        {
            return FieldError.NotObject("output_config.format.schema");
        }

        format = new ResponseFormat(ResponseFormatKind.JsonSchema, schema.Clone());
        return null;
    }

    [GeneratedRegex("^[a-zA-Z0-9_-]{1,128}$", RegexOptions.CultureInvariant)]
    private static partial Regex ToolName();
}
