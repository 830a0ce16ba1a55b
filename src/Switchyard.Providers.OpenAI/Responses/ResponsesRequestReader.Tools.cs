using System.Text.Json;
using Switchyard.Model;
using static Switchyard.Providers.OpenAI.OpenAIRequestReader;

namespace Switchyard.Providers.OpenAI;

internal static partial class ResponsesRequestReader
{
    private readonly record struct ToolSettings(IReadOnlyList<ToolDefinition>? Tools, ToolChoice? Choice, bool? Parallel);

    private static JsonProblem? ReadTools(JsonElement root, out ToolSettings settings)
    {
        settings = default;
        JsonProblem? problem;
        if ((problem = ReadToolDefinitions(root, out var tools)) is not null
            || (problem = OptionalBool(root, "parallel_tool_calls", out var parallel)) is not null
            || (problem = OptionalInt(root, "max_tool_calls", 1, int.MaxValue, out _)) is not null)
        {
            return problem;
        }

        ToolChoice? choice = null;
        if (!JsonRead.IsNullOrMissing(root, "tool_choice", out var element))
        {
            problem = ReadToolChoice(element, tools, out choice);
            if (problem is not null)
            {
                return problem;
            }
        }

        settings = new ToolSettings(tools, choice, parallel);
        return null;
    }

    /// <summary>Function tools in the flat Responses shape; built-in tools run inside OpenAI and cannot be routed elsewhere.</summary>
    private static JsonProblem? ReadToolDefinitions(JsonElement root, out List<ToolDefinition>? tools)
    {
        tools = null;
        if (JsonRead.IsNullOrMissing(root, "tools", out var array))
        {
            return null;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            return JsonProblem.WrongType("tools", "an array", array);
        }

        tools = new List<ToolDefinition>(array.GetArrayLength());
        var i = 0;
        foreach (var tool in array.EnumerateArray())
        {
            var at = $"tools[{i++}]";
            var problem = PartType(tool, at, out var type);
            if (problem is not null)
            {
                return problem;
            }

            if (type != "function")
            {
                return new JsonProblem(
                    $"Invalid value for '{at}.type': '{type}'. The tool type '{type}' is not supported by this gateway; only 'function' tools are.",
                    $"{at}.type");
            }

            problem = ReadFunction(tool, at, out var definition);
            if (problem is not null)
            {
                return problem;
            }

            tools.Add(definition!);
        }

        return null;
    }

    private static JsonProblem? ReadToolChoice(JsonElement element, List<ToolDefinition>? tools, out ToolChoice? choice)
    {
        choice = null;
        if (element.ValueKind == JsonValueKind.String)
        {
            choice = element.GetString() switch
            {
                "auto" => ToolChoice.Auto,
                "none" => new ToolChoice(ToolChoiceMode.None),
                "required" => new ToolChoice(ToolChoiceMode.Required),
                _ => null,
            };
            return choice is null ? JsonProblem.BadValue("tool_choice", element.GetString(), "'none', 'auto' and 'required'") : null;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return JsonProblem.WrongType("tool_choice", "a string or an object", element);
        }

        var problem = PartType(element, "tool_choice", out var type);
        if (problem is not null)
        {
            return problem;
        }

        if (type != "function")
        {
            return new JsonProblem(
                $"Invalid value for 'tool_choice.type': '{type}'. This gateway supports only 'function' tool choices.", "tool_choice.type");
        }

        problem = OpenAIRequestReader.RequiredString(element, "name", "tool_choice", out var name);
        if (problem is not null)
        {
            return problem;
        }

        if (tools is null || !tools.Any(t => t.Name == name))
        {
            return new JsonProblem($"Invalid value for 'tool_choice.name': no function named '{name}' is in 'tools'.", "tool_choice.name");
        }

        choice = new ToolChoice(ToolChoiceMode.Specific, name);
        return null;
    }
}
