using System.Globalization;
using System.Text.Json;

namespace Switchyard.Testing;

/// <summary>
/// A small JSON Schema validator for tests: <c>type</c> (and type lists), <c>enum</c>, <c>const</c>,
/// <c>properties</c>/<c>required</c>/<c>additionalProperties:false</c>, <c>items</c>/<c>minItems</c>/<c>maxItems</c>,
/// <c>minimum</c>/<c>maximum</c> and their exclusive forms, <c>minLength</c>/<c>maxLength</c>, a few string
/// <c>format</c>s, <c>anyOf</c>/<c>oneOf</c>/<c>allOf</c> and local <c>$ref</c>s. Written apart from the simulator's
/// generator so that the two cannot share a mistake.
/// </summary>
internal static class JsonSchemaCheck
{
    /// <summary>Every way <paramref name="valueJson"/> breaks <paramref name="schemaJson"/>, as <c>path: problem</c>; empty when valid.</summary>
    public static IReadOnlyList<string> Errors(string schemaJson, string valueJson)
    {
        using var schema = JsonDocument.Parse(schemaJson);
        using var value = JsonDocument.Parse(valueJson);
        var errors = new List<string>();
        Check(schema.RootElement, schema.RootElement, value.RootElement, "$", errors);
        return errors;
    }

    private static void Check(JsonElement root, JsonElement schema, JsonElement value, string path, List<string> errors)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (schema.TryGetProperty("$ref", out var reference))
        {
            Check(root, Resolve(root, reference.GetString()!), value, path, errors);
            return;
        }

        if (schema.TryGetProperty("const", out var constant) && !JsonElement.DeepEquals(constant, value))
        {
            errors.Add($"{path}: is not the const {constant.GetRawText()}");
        }

        if (schema.TryGetProperty("enum", out var values) && !values.EnumerateArray().Any(v => JsonElement.DeepEquals(v, value)))
        {
            errors.Add($"{path}: {value.GetRawText()} is not in the enum");
        }

        CheckBranches(root, schema, value, path, errors);
        if (schema.TryGetProperty("type", out var type) && !Types(type).Any(t => IsType(t, value)))
        {
            errors.Add($"{path}: {value.ValueKind} is not {type.GetRawText()}");
            return;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                CheckObject(root, schema, value, path, errors);
                break;
            case JsonValueKind.Array:
                CheckArray(root, schema, value, path, errors);
                break;
            case JsonValueKind.Number:
                CheckNumber(schema, value.GetDouble(), path, errors);
                break;
            case JsonValueKind.String:
                CheckString(schema, value.GetString()!, path, errors);
                break;
        }
    }

    private static void CheckBranches(JsonElement root, JsonElement schema, JsonElement value, string path, List<string> errors)
    {
        if (schema.TryGetProperty("allOf", out var all))
        {
            foreach (var branch in all.EnumerateArray())
            {
                Check(root, branch, value, path, errors);
            }
        }

        foreach (var combinator in new[] { "anyOf", "oneOf" })
        {
            if (schema.TryGetProperty(combinator, out var branches))
            {
                var passing = branches.EnumerateArray().Count(b => BranchErrors(root, b, value, path).Count == 0);
                if (passing == 0 || (combinator == "oneOf" && passing > 1))
                {
                    errors.Add($"{path}: {passing} branches of {combinator} match");
                }
            }
        }
    }

    private static List<string> BranchErrors(JsonElement root, JsonElement branch, JsonElement value, string path)
    {
        var errors = new List<string>();
        Check(root, branch, value, path, errors);
        return errors;
    }

    private static void CheckObject(JsonElement root, JsonElement schema, JsonElement value, string path, List<string> errors)
    {
        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(n => n.GetString()!).Where(n => !value.TryGetProperty(n, out _)))
            {
                errors.Add($"{path}.{name}: is required");
            }
        }

        var properties = schema.TryGetProperty("properties", out var p) ? p : default;
        var closed = schema.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.False;
        foreach (var property in value.EnumerateObject())
        {
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(property.Name, out var sub))
            {
                Check(root, sub, property.Value, $"{path}.{property.Name}", errors);
            }
            else if (closed)
            {
                errors.Add($"{path}.{property.Name}: is not declared and additionalProperties is false");
            }
        }
    }

    private static void CheckArray(JsonElement root, JsonElement schema, JsonElement value, string path, List<string> errors)
    {
        var count = value.GetArrayLength();
        if (Read(schema, "minItems") is { } min && count < min)
        {
            errors.Add($"{path}: {count} items, fewer than {min}");
        }

        if (Read(schema, "maxItems") is { } max && count > max)
        {
            errors.Add($"{path}: {count} items, more than {max}");
        }

        if (schema.TryGetProperty("items", out var items))
        {
            var i = 0;
            foreach (var item in value.EnumerateArray())
            {
                Check(root, items, item, $"{path}[{i++}]", errors);
            }
        }
    }

    private static void CheckNumber(JsonElement schema, double n, string path, List<string> errors)
    {
        if ((Read(schema, "minimum") is { } min && n < min)
            || (Read(schema, "maximum") is { } max && n > max)
            || (Read(schema, "exclusiveMinimum") is { } exMin && n <= exMin)
            || (Read(schema, "exclusiveMaximum") is { } exMax && n >= exMax))
        {
            errors.Add($"{path}: {n.ToString(CultureInfo.InvariantCulture)} is out of bounds");
        }
    }

    private static void CheckString(JsonElement schema, string s, string path, List<string> errors)
    {
        if ((Read(schema, "minLength") is { } min && s.Length < min) || (Read(schema, "maxLength") is { } max && s.Length > max))
        {
            errors.Add($"{path}: length {s.Length} is out of bounds");
        }

        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        var valid = format switch
        {
            "date-time" => DateTimeOffset.TryParseExact(s, "yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            "date" => DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            "time" => TimeOnly.TryParseExact(s, "HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            "email" => s.IndexOf('@') is > 0 and var at && at < s.Length - 1 && s.IndexOf('@', at + 1) < 0,
            "uuid" => Guid.TryParseExact(s, "D", out _),
            "uri" => Uri.TryCreate(s, UriKind.Absolute, out _),
            "ipv4" => System.Net.IPAddress.TryParse(s, out var v4) && v4.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork,
            "ipv6" => System.Net.IPAddress.TryParse(s, out var v6) && v6.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6,
            _ => true,
        };
        if (!valid)
        {
            errors.Add($"{path}: '{s}' is not a {format}");
        }
    }

    private static IEnumerable<string> Types(JsonElement type) =>
        type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!) : [type.GetString()!];

    private static bool IsType(string type, JsonElement value) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        "number" => value.ValueKind == JsonValueKind.Number,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        _ => true,
    };

    private static JsonElement Resolve(JsonElement root, string pointer)
    {
        var target = root;
        foreach (var token in pointer.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            target = target.GetProperty(token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
        }

        return target;
    }

    private static double? Read(JsonElement schema, string name) =>
        schema.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
}
