using System.Text.Json;

namespace Switchyard.Simulator.Requests;

/// <summary>
/// OpenAI's strict structured-output rules for a response format's schema: the root is an object, and every object
/// in it closes with <c>additionalProperties:false</c> and lists all of its properties in <c>required</c>. The wording is
/// the API's (the recorded tool-schema 400 in the fixtures, <c>In context=(), …</c>); the context is the path to the
/// offending object, written as a Python tuple because that is how the API prints it.
/// </summary>
internal static class StrictSchema
{
    /// <summary>The first rule <paramref name="schema"/> breaks, or null when it is a valid strict schema. A missing schema breaks the first.</summary>
    public static string? Violation(JsonElement? schema)
    {
        if (schema is not { ValueKind: JsonValueKind.Object } root)
        {
            return ClosedObject([]);
        }

        var rootType = JsonText.GetString(root, "type");
        if (rootType is not null and not "object")
        {
            return $"schema must be a JSON Schema of 'type: \"object\"', got 'type: \"{rootType}\"'.";
        }

        return Check(root, []);
    }

    private static string? Check(JsonElement schema, List<string> context)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (IsObject(schema) && ObjectViolation(schema, context) is { } violation)
        {
            return violation;
        }

        foreach (var container in (ReadOnlySpan<string>)["properties", "$defs", "definitions"])
        {
            if (schema.TryGetProperty(container, out var members) && members.ValueKind == JsonValueKind.Object)
            {
                foreach (var member in members.EnumerateObject())
                {
                    if (Check(member.Value, [.. context, container, member.Name]) is { } inner)
                    {
                        return inner;
                    }
                }
            }
        }

        if (schema.TryGetProperty("items", out var items) && Check(items, [.. context, "items"]) is { } itemViolation)
        {
            return itemViolation;
        }

        if (schema.TryGetProperty("anyOf", out var branches) && branches.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var branch in branches.EnumerateArray())
            {
                if (Check(branch, [.. context, "anyOf", (index++).ToString(System.Globalization.CultureInfo.InvariantCulture)]) is { } branchViolation)
                {
                    return branchViolation;
                }
            }
        }

        return null;
    }

    private static bool IsObject(JsonElement schema) =>
        schema.TryGetProperty("type", out var type)
            ? type.ValueKind == JsonValueKind.String ? type.GetString() == "object" : type.ValueKind == JsonValueKind.Array && type.EnumerateArray().Any(t => t.ValueKind == JsonValueKind.String && t.GetString() == "object")
            : schema.TryGetProperty("properties", out _);

    private static string? ObjectViolation(JsonElement schema, List<string> context)
    {
        if (!schema.TryGetProperty("additionalProperties", out var additional) || additional.ValueKind != JsonValueKind.False)
        {
            return ClosedObject(context);
        }

        if (!schema.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        HashSet<string?> required = schema.TryGetProperty("required", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(r => r.ValueKind == JsonValueKind.String ? r.GetString() : null).ToHashSet(StringComparer.Ordinal)
            : [];
        var missing = properties.EnumerateObject().Select(p => p.Name).FirstOrDefault(name => !required.Contains(name));
        return missing is null
            ? null
            : $"In context={Tuple(context)}, 'required' is required to be supplied and to be an array including every key in properties. Missing '{missing}'.";
    }

    private static string ClosedObject(List<string> context) =>
        $"In context={Tuple(context)}, 'additionalProperties' is required to be supplied and to be false.";

    private static string Tuple(List<string> parts) => parts.Count switch
    {
        0 => "()",
        1 => $"('{parts[0]}',)",
        _ => "(" + string.Join(", ", parts.Select(p => $"'{p}'")) + ")",
    };
}
