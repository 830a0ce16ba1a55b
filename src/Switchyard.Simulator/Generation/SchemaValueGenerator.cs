using System.Text;
using System.Text.Json;

namespace Switchyard.Simulator.Generation;

/// <summary>
/// Produces a JSON value that validates against a (reasonable subset of) JSON Schema: <c>type</c>,
/// <c>enum</c>, <c>const</c>, <c>properties</c>/<c>required</c>, <c>items</c>/<c>minItems</c>/<c>maxItems</c>,
/// <c>minimum</c>/<c>maximum</c>, <c>minLength</c>/<c>maxLength</c> and the first branch of
/// <c>anyOf</c>/<c>oneOf</c>. Every declared property is emitted, so required ones always are.
/// </summary>
internal static class SchemaValueGenerator
{
    private const int MaxDepth = 8;

    /// <summary>Returns compact JSON for a value of <paramref name="schema"/>; a missing schema yields <c>{}</c>.</summary>
    public static string Generate(JsonElement? schema, StablePrng prng)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            if (schema is { } s)
            {
                Write(writer, s, prng, 0);
            }
            else
            {
                writer.WriteStartObject();
                writer.WriteEndObject();
            }
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, JsonElement schema, StablePrng prng, int depth)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            writer.WriteStringValue(Word(prng));
            return;
        }

        if (schema.TryGetProperty("const", out var constant))
        {
            constant.WriteTo(writer);
            return;
        }

        if (schema.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array && values.GetArrayLength() > 0)
        {
            values[prng.Next(0, values.GetArrayLength() - 1)].WriteTo(writer);
            return;
        }

        foreach (var combinator in (ReadOnlySpan<string>)["anyOf", "oneOf", "allOf"])
        {
            if (schema.TryGetProperty(combinator, out var branches) && branches.ValueKind == JsonValueKind.Array && branches.GetArrayLength() > 0)
            {
                Write(writer, branches[0], prng, depth + 1);
                return;
            }
        }

        switch (TypeOf(schema))
        {
            case "object":
                WriteObject(writer, schema, prng, depth);
                break;
            case "array":
                WriteArray(writer, schema, prng, depth);
                break;
            case "integer":
                writer.WriteNumberValue((long)Bound(schema, prng, integral: true));
                break;
            case "number":
                writer.WriteNumberValue(Math.Round(Bound(schema, prng, integral: false), 2));
                break;
            case "boolean":
                writer.WriteBooleanValue(prng.Next(0, 1) == 1);
                break;
            case "null":
                writer.WriteNullValue();
                break;
            default:
                writer.WriteStringValue(StringValue(schema, prng));
                break;
        }
    }

    private static string TypeOf(JsonElement schema)
    {
        if (schema.TryGetProperty("type", out var type))
        {
            if (type.ValueKind == JsonValueKind.String)
            {
                return type.GetString()!;
            }

            // A type list such as ["string","null"]: the first non-null entry is the useful one.
            if (type.ValueKind == JsonValueKind.Array)
            {
                return type.EnumerateArray().Select(t => t.GetString()).FirstOrDefault(t => t is not null and not "null") ?? "null";
            }
        }

        return schema.TryGetProperty("properties", out _) ? "object" : schema.TryGetProperty("items", out _) ? "array" : "string";
    }

    private static void WriteObject(Utf8JsonWriter writer, JsonElement schema, StablePrng prng, int depth)
    {
        writer.WriteStartObject();
        if (depth < MaxDepth && schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in properties.EnumerateObject())
            {
                writer.WritePropertyName(property.Name);
                Write(writer, property.Value, prng, depth + 1);
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteArray(Utf8JsonWriter writer, JsonElement schema, StablePrng prng, int depth)
    {
        var min = ReadInt(schema, "minItems") ?? 1;
        var max = Math.Max(min, ReadInt(schema, "maxItems") ?? Math.Max(min, 2));
        var count = depth < MaxDepth ? prng.Next(min, max) : 0;
        writer.WriteStartArray();
        for (var i = 0; i < count; i++)
        {
            if (schema.TryGetProperty("items", out var items))
            {
                Write(writer, items, prng, depth + 1);
            }
            else
            {
                writer.WriteStringValue(Word(prng));
            }
        }

        writer.WriteEndArray();
    }

    private static double Bound(JsonElement schema, StablePrng prng, bool integral)
    {
        var min = ReadDouble(schema, "minimum") ?? (ReadDouble(schema, "exclusiveMinimum") + 1) ?? 0;
        var max = ReadDouble(schema, "maximum") ?? (ReadDouble(schema, "exclusiveMaximum") - 1) ?? Math.Max(min, 0) + 100;
        if (max < min)
        {
            max = min;
        }

        return integral ? prng.Next((int)Math.Ceiling(min), (int)Math.Floor(max)) : min + (prng.NextDouble() * (max - min));
    }

    private static string StringValue(JsonElement schema, StablePrng prng)
    {
        var value = Word(prng);
        var min = ReadInt(schema, "minLength") ?? 0;
        var max = ReadInt(schema, "maxLength") ?? int.MaxValue;
        while (value.Length < min)
        {
            value += " " + Word(prng);
        }

        return value.Length > max ? value[..Math.Max(max, min)] : value;
    }

    private static string Word(StablePrng prng) => prng.Pick(WordList.Words);

    private static int? ReadInt(JsonElement schema, string name) =>
        schema.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : null;

    private static double? ReadDouble(JsonElement schema, string name) =>
        schema.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
}
