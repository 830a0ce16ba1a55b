using System.Text.Json;

namespace Switchyard.Simulator.Tests;

/// <summary>A small JSON-schema checker covering what the simulator claims to honour (type, enum, required, properties, items, bounds).</summary>
internal static class SchemaAssert
{
    public static void Valid(string schemaJson, string valueJson)
    {
        using var schema = JsonDocument.Parse(schemaJson);
        using var value = JsonDocument.Parse(valueJson);
        Check(schema.RootElement, value.RootElement, "$");
    }

    private static void Check(JsonElement schema, JsonElement value, string path)
    {
        if (schema.TryGetProperty("enum", out var values))
        {
            Assert.Contains(values.EnumerateArray(), v => v.GetRawText() == value.GetRawText());
            return;
        }

        var type = schema.TryGetProperty("type", out var t) ? t.GetString() : "object";
        switch (type)
        {
            case "object":
                Assert.True(value.ValueKind == JsonValueKind.Object, $"{path} should be an object");
                if (schema.TryGetProperty("required", out var required))
                {
                    foreach (var name in required.EnumerateArray())
                    {
                        Assert.True(value.TryGetProperty(name.GetString()!, out _), $"{path}.{name} is required");
                    }
                }

                if (schema.TryGetProperty("properties", out var properties))
                {
                    foreach (var p in value.EnumerateObject())
                    {
                        Assert.True(properties.TryGetProperty(p.Name, out var sub), $"{path}.{p.Name} is not declared");
                        Check(sub, p.Value, $"{path}.{p.Name}");
                    }
                }

                break;
            case "array":
                Assert.Equal(JsonValueKind.Array, value.ValueKind);
                if (schema.TryGetProperty("minItems", out var min))
                {
                    Assert.True(value.GetArrayLength() >= min.GetInt32(), $"{path} has too few items");
                }

                var i = 0;
                foreach (var item in value.EnumerateArray())
                {
                    Check(schema.GetProperty("items"), item, $"{path}[{i++}]");
                }

                break;
            case "integer":
                Assert.True(value.TryGetInt64(out var n), $"{path} should be an integer");
                if (schema.TryGetProperty("minimum", out var lo))
                {
                    Assert.True(n >= lo.GetInt64(), $"{path} below minimum");
                }

                if (schema.TryGetProperty("maximum", out var hi))
                {
                    Assert.True(n <= hi.GetInt64(), $"{path} above maximum");
                }

                break;
            case "number":
                Assert.Equal(JsonValueKind.Number, value.ValueKind);
                break;
            case "boolean":
                Assert.True(value.ValueKind is JsonValueKind.True or JsonValueKind.False, $"{path} should be a boolean");
                break;
            case "string":
                Assert.Equal(JsonValueKind.String, value.ValueKind);
                break;
        }
    }
}
