using System.Text.Json;
using Switchyard.Model;
using static Switchyard.Providers.OpenAI.OpenAIRequestReader;

namespace Switchyard.Providers.OpenAI;

internal static partial class ResponsesRequestReader
{
    private static readonly string[] Truncations = ["auto", "disabled"];

    /// <summary><c>background</c>, <c>store</c>, <c>previous_response_id</c>, <c>instructions</c> as sent, and the refused <c>conversation</c>.</summary>
    private static JsonProblem? ReadControls(JsonElement root, out ResponsesControls controls)
    {
        controls = new ResponsesControls();
        JsonProblem? problem;
        if ((problem = OptionalBool(root, "background", out var background)) is not null
            || (problem = OptionalBool(root, "store", out var store)) is not null
            || (problem = OptionalString(root, "previous_response_id", out var previous)) is not null
            || (problem = OptionalString(root, "instructions", out var instructions)) is not null)
        {
            return problem;
        }

        if (!JsonRead.IsNullOrMissing(root, "conversation", out _))
        {
            return previous is not null
                ? new JsonProblem(
                    "Mutually exclusive parameters: Ensure you are only providing one of: 'previous_response_id' or 'conversation'.", "conversation")
                : new JsonProblem(
                    "Invalid parameter 'conversation': conversations are not supported by this gateway; send the earlier turns in 'input' or chain responses with 'previous_response_id'.",
                    "conversation");
        }

        if (background == true && store == false)
        {
            return new JsonProblem(
                "Invalid value for 'store': background mode requires store=true, because a background response must be stored to be polled or resumed.",
                "store");
        }

        if (previous is { Length: 0 })
        {
            return JsonProblem.Invalid("previous_response_id", "empty string. Expected the id of a stored response.");
        }

        controls = new ResponsesControls(background ?? false, store ?? true, previous, instructions);
        return null;
    }

    /// <summary>Fields that only steer OpenAI's own features: checked for shape, then left to same-format passthrough.</summary>
    private static JsonProblem? ReadIgnored(JsonElement root)
    {
        JsonProblem? problem;
        if ((problem = ReadMetadata(root)) is not null
            || (problem = OptionalString(root, "service_tier", out _)) is not null
            || (problem = OptionalString(root, "truncation", out var truncation)) is not null)
        {
            return problem;
        }

        if (truncation is not null && Array.IndexOf(Truncations, truncation) < 0)
        {
            return JsonProblem.BadValue("truncation", truncation, "'auto' and 'disabled'");
        }

        if (JsonRead.IsNullOrMissing(root, "include", out var include))
        {
            return null;
        }

        if (include.ValueKind != JsonValueKind.Array)
        {
            return JsonProblem.WrongType("include", "an array of strings", include);
        }

        var i = 0;
        foreach (var item in include.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                return JsonProblem.WrongType($"include[{i}]", "a string", item);
            }

            i++;
        }

        return null;
    }

    /// <summary><c>reasoning.effort</c> is carried across providers; <c>reasoning.summary</c> is OpenAI's own.</summary>
    private static JsonProblem? ReadReasoning(JsonElement root, out ReasoningRequest? reasoning)
    {
        reasoning = null;
        if (JsonRead.IsNullOrMissing(root, "reasoning", out var element))
        {
            return null;
        }

        return element.ValueKind != JsonValueKind.Object
            ? JsonProblem.WrongType("reasoning", "an object", element)
            : OpenAIReasoning.ReadEffort(element, "effort", "reasoning.effort", out reasoning);
    }

    private static JsonProblem? ReadMetadata(JsonElement root)
    {
        if (JsonRead.IsNullOrMissing(root, "metadata", out var metadata))
        {
            return null;
        }

        if (metadata.ValueKind != JsonValueKind.Object)
        {
            return JsonProblem.WrongType("metadata", "an object", metadata);
        }

        foreach (var property in metadata.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String)
            {
                return JsonProblem.WrongType($"metadata.{property.Name}", "a string", property.Value);
            }
        }

        return null;
    }

    private static JsonProblem? ReadTextFormat(JsonElement root, out ResponseFormat? format)
    {
        format = null;
        if (JsonRead.IsNullOrMissing(root, "text", out var text))
        {
            return null;
        }

        if (text.ValueKind != JsonValueKind.Object)
        {
            return JsonProblem.WrongType("text", "an object", text);
        }

        var problem = OptionalString(text, "verbosity", out _, "text.");
        if (problem is not null || JsonRead.IsNullOrMissing(text, "format", out var element))
        {
            return problem;
        }

        problem = PartType(element, "text.format", out var type);
        if (problem is not null)
        {
            return problem;
        }

        switch (type)
        {
            case "text":
                format = new ResponseFormat(ResponseFormatKind.Text);
                return null;
            case "json_object":
                format = new ResponseFormat(ResponseFormatKind.JsonObject);
                return null;
            case "json_schema":
                // Responses writes the schema's fields flat in text.format.
                return ReadJsonSchemaSpec(element, "text.format", out format);
            default:
                return JsonProblem.BadValue("text.format.type", type, "'text', 'json_object' and 'json_schema'");
        }
    }
}
