using System.Text.Json;
using Switchyard.Model;

namespace Switchyard.Providers.OpenAI;

internal static partial class OpenAIRequestReader
{
    private static JsonProblem? ReadResponseFormat(JsonElement root, out ResponseFormat? format)
    {
        format = null;
        if (JsonRead.IsNullOrMissing(root, "response_format", out var element))
        {
            return null;
        }

        var problem = PartType(element, "response_format", out var type);
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
                return ReadJsonSchema(element, out format);
            default:
                return JsonProblem.BadValue("response_format.type", type, "'text', 'json_object' and 'json_schema'");
        }
    }

    private static JsonProblem? ReadJsonSchema(JsonElement element, out ResponseFormat? format)
    {
        format = null;
        const string Path = "response_format.json_schema";
        if (JsonRead.IsNullOrMissing(element, "json_schema", out var spec))
        {
            return JsonProblem.Missing(Path);
        }

        if (spec.ValueKind != JsonValueKind.Object)
        {
            return JsonProblem.WrongType(Path, "an object", spec);
        }

        return ReadJsonSchemaSpec(spec, Path, out format);
    }

    /// <summary>
    /// The schema object itself: <c>{name, description?, schema?, strict?}</c>. Chat Completions nests it in
    /// <c>response_format.json_schema</c>; Responses puts the same fields in <c>text.format</c>.
    /// </summary>
    internal static JsonProblem? ReadJsonSchemaSpec(JsonElement spec, string path, out ResponseFormat? format)
    {
        format = null;
        JsonProblem? problem;
        if ((problem = RequiredString(spec, "name", path, out var name)) is not null
            || (problem = OptionalString(spec, "description", out _, path + ".")) is not null
            || (problem = OptionalBool(spec, "strict", out var strict, path + ".")) is not null)
        {
            return problem;
        }

        if (!ToolNames.IsValid(name!))
        {
            return JsonProblem.Invalid(
                $"{path}.name", $"string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]{{1,64}}$', but got '{name}' instead.");
        }

        JsonElement? schema = null;
        if (!JsonRead.IsNullOrMissing(spec, "schema", out var schemaElement))
        {
            if (schemaElement.ValueKind != JsonValueKind.Object)
            {
                return JsonProblem.WrongType($"{path}.schema", "an object", schemaElement);
            }

            schema = schemaElement.Clone();
        }

        format = new ResponseFormat(ResponseFormatKind.JsonSchema, schema, name) { Strict = strict };
        return null;
    }
}
