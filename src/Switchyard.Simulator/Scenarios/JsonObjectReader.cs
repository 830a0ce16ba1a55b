using System.Text.Json;

namespace Switchyard.Simulator.Scenarios;

/// <summary>Typed, path-aware access to one JSON object of a scenario; rejects keys it was not told about.</summary>
internal readonly struct JsonObjectReader
{
    public JsonObjectReader(JsonElement element, string path, IReadOnlyList<string> allowed)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new ScenarioException(path, $"expected an object, got {Describe(element)}");
        }

        foreach (var property in element.EnumerateObject())
        {
            if (!allowed.Contains(property.Name))
            {
                throw new ScenarioException($"{path}.{property.Name}", $"unknown key (allowed: {string.Join(", ", allowed)})");
            }
        }

        Element = element;
        Path = path;
    }

    public JsonElement Element { get; }

    public string Path { get; }

    public string? String(string name) => Get(name, JsonValueKind.String, "a string")?.GetString();

    public bool? Bool(string name)
    {
        if (!Element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new ScenarioException($"{Path}.{name}", $"expected a boolean, got {Describe(value)}"),
        };
    }

    public int? Int(string name, int min = int.MinValue, int max = int.MaxValue)
    {
        if (Get(name, JsonValueKind.Number, "an integer") is not { } value)
        {
            return null;
        }

        if (!value.TryGetInt32(out var number))
        {
            throw new ScenarioException($"{Path}.{name}", $"expected an integer, got {value.GetRawText()}");
        }

        return number >= min && number <= max ? number : throw OutOfRange(name, number, min, max);
    }

    public double? Double(string name, double min = double.MinValue, double max = double.MaxValue)
    {
        if (Get(name, JsonValueKind.Number, "a number") is not { } value)
        {
            return null;
        }

        var number = value.GetDouble();
        return number >= min && number <= max ? number : throw OutOfRange(name, number, min, max);
    }

    public JsonObjectReader? Object(string name) =>
        Get(name, JsonValueKind.Object, "an object") is { } value ? new JsonObjectReader(value, $"{Path}.{name}", [.. value.EnumerateObject().Select(p => p.Name)]) : null;

    public IEnumerable<(JsonElement Element, string Path)> Array(string name)
    {
        if (Get(name, JsonValueKind.Array, "an array") is not { } value)
        {
            return [];
        }

        var path = $"{Path}.{name}";
        return value.EnumerateArray().Select((item, i) => (item, $"{path}[{i}]")).ToList();
    }

    private JsonElement? Get(string name, JsonValueKind kind, string expected)
    {
        if (!Element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == kind ? value : throw new ScenarioException($"{Path}.{name}", $"expected {expected}, got {Describe(value)}");
    }

    private ScenarioException OutOfRange(string name, double value, double min, double max)
    {
        var range = (min, max) switch
        {
            (double.MinValue or int.MinValue, _) => $"at most {max}",
            (_, double.MaxValue or int.MaxValue) => $"at least {min}",
            _ => $"between {min} and {max}",
        };
        return new ScenarioException($"{Path}.{name}", $"{value} is out of range: must be {range}");
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{value.GetString()}\"",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => value.GetRawText(),
    };
}
