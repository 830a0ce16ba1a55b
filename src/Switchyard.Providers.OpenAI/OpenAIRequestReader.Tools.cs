using System.Text.Json;
using Switchyard.Model;

namespace Switchyard.Providers.OpenAI;

internal static partial class OpenAIRequestReader
{
    private readonly record struct ToolSettings(IReadOnlyList<ToolDefinition>? Tools, ToolChoice? Choice, bool? Parallel);

    /// <summary>
    /// The deprecated <c>functions</c> and <c>function_call</c> are refused on every route, as the <c>function</c> role
    /// is: forwarded as they are to OpenAI but dropped on the way to Claude, they would work or silently not depending
    /// on where a route sends the request.
    /// </summary>
    private static JsonProblem? RefuseLegacyFunctions(JsonElement root)
    {
        foreach (var (name, instead) in LegacyFunctionFields)
        {
            if (!JsonRead.IsNullOrMissing(root, name, out _))
            {
                return new JsonProblem($"Invalid value for '{name}': the deprecated '{name}' is not supported by this gateway; send '{instead}' instead.", name);
            }
        }

        return null;
    }

    private static readonly (string Name, string Instead)[] LegacyFunctionFields = [("functions", "tools"), ("function_call", "tool_choice")];

    private static JsonProblem? ReadTools(JsonElement root, out ToolSettings settings)
    {
        settings = default;
        JsonProblem? problem;
        if ((problem = RefuseLegacyFunctions(root)) is not null
            || (problem = ReadToolDefinitions(root, out var tools)) is not null
            || (problem = OptionalBool(root, "parallel_tool_calls", out var parallel)) is not null)
        {
            return problem;
        }

        var hasTools = tools is { Count: > 0 };
        if (parallel is not null && !hasTools)
        {
            return new JsonProblem(
                "Invalid value for 'parallel_tool_calls': 'parallel_tool_calls' is only allowed when 'tools' are specified.", "parallel_tool_calls");
        }

        ToolChoice? choice = null;
        if (!JsonRead.IsNullOrMissing(root, "tool_choice", out var choiceElement))
        {
            if (!hasTools)
            {
                return new JsonProblem("Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified.", "tool_choice");
            }

            problem = ReadToolChoice(choiceElement, ref tools, out choice);
            if (problem is not null)
            {
                return problem;
            }
        }

        settings = new ToolSettings(tools, choice, parallel);
        return null;
    }

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
                    $"Invalid value for '{at}.type': '{type}'. This gateway supports only 'function' tools.", $"{at}.type");
            }

            if (JsonRead.IsNullOrMissing(tool, "function", out var function))
            {
                return JsonProblem.Missing($"{at}.function");
            }

            problem = ReadFunction(function, $"{at}.function", out var definition);
            if (problem is not null)
            {
                return problem;
            }

            tools.Add(definition!);
        }

        return null;
    }

    internal static JsonProblem? ReadFunction(JsonElement function, string at, out ToolDefinition? definition)
    {
        definition = null;
        if (function.ValueKind != JsonValueKind.Object)
        {
            return JsonProblem.WrongType(at, "an object", function);
        }

        JsonProblem? problem;
        if ((problem = RequiredString(function, "name", at, out var name)) is not null
            || (problem = OptionalString(function, "description", out var description, at + ".")) is not null
            || (problem = OptionalBool(function, "strict", out var strict, at + ".")) is not null)
        {
            return problem;
        }

        if (!ToolNames.IsValid(name!))
        {
            return JsonProblem.Invalid(
                $"{at}.name", $"string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]{{1,64}}$', but got '{name}' instead.");
        }

        JsonElement? parameters = null;
        if (!JsonRead.IsNullOrMissing(function, "parameters", out var schema))
        {
            if (schema.ValueKind != JsonValueKind.Object)
            {
                return JsonProblem.WrongType($"{at}.parameters", "an object", schema);
            }

            parameters = schema.Clone();
        }

        definition = new ToolDefinition(name!, description, parameters) { Strict = strict };
        return null;
    }

    private static JsonProblem? ReadToolChoice(JsonElement element, ref List<ToolDefinition>? tools, out ToolChoice? choice)
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

        var problem = PartType(element, "tool_choice", out var type);
        if (problem is not null)
        {
            return element.ValueKind == JsonValueKind.Object
                ? problem
                : JsonProblem.WrongType("tool_choice", "a string or an object", element);
        }

        switch (type)
        {
            case "function":
                if (JsonRead.Object(element, "function") is not { } function)
                {
                    return JsonProblem.Missing("tool_choice.function");
                }

                problem = RequiredString(function, "name", "tool_choice.function", out var name);
                choice = problem is null ? new ToolChoice(ToolChoiceMode.Specific, name) : null;
                return problem;
            case "allowed_tools":
                return ReadAllowedTools(element, ref tools, out choice);
            default:
                return JsonProblem.BadValue("tool_choice.type", type, "'function' and 'allowed_tools'");
        }
    }

    /// <summary>
    /// <c>allowed_tools</c> restricts which tools may be called. Canonical form has no such list, so the tool list itself is
    /// narrowed to the allowed ones: the model can call exactly the same set (only OpenAI's prompt caching benefit is lost).
    /// </summary>
    private static JsonProblem? ReadAllowedTools(JsonElement element, ref List<ToolDefinition>? tools, out ToolChoice? choice)
    {
        choice = null;
        if (JsonRead.Object(element, "allowed_tools") is not { } allowed)
        {
            return JsonProblem.Missing("tool_choice.allowed_tools");
        }

        var problem = RequiredString(allowed, "mode", "tool_choice.allowed_tools", out var mode);
        if (problem is not null)
        {
            return problem;
        }

        if (mode is not ("auto" or "required"))
        {
            return JsonProblem.BadValue("tool_choice.allowed_tools.mode", mode, "'auto' and 'required'");
        }

        if (JsonRead.Array(allowed, "tools") is not { } list)
        {
            return JsonProblem.Missing("tool_choice.allowed_tools.tools");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in list.EnumerateArray())
        {
            if ((JsonRead.Object(item, "function") is { } f ? JsonRead.String(f, "name") : JsonRead.String(item, "name")) is { } name)
            {
                names.Add(name);
            }
        }

        tools = tools!.Where(t => names.Contains(t.Name)).ToList();
        choice = new ToolChoice(mode == "required" ? ToolChoiceMode.Required : ToolChoiceMode.Auto);
        return null;
    }
}
