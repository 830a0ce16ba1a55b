using System.Text.Json;

namespace Switchyard.Simulator.Generation;

internal static partial class SchemaValueGenerator
{
    /// <summary>One generation: the writer, the root schema that <c>$ref</c>s point into, and the PRNG it consumes.</summary>
    private sealed class Run(Utf8JsonWriter writer, JsonElement root, StablePrng prng)
    {
        public void Write(JsonElement schema, int depth)
        {
            if (schema.ValueKind != JsonValueKind.Object)
            {
                writer.WriteStringValue(Word(prng));
                return;
            }

            if (JsonRef(schema) is { } target)
            {
                Write(target, depth + 1);
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

            if ((Branch(schema, "anyOf", depth) ?? Branch(schema, "oneOf", depth)) is { } branch)
            {
                Write(branch, depth + 1);
                return;
            }

            if (schema.TryGetProperty("allOf", out var all) && all.ValueKind == JsonValueKind.Array && all.GetArrayLength() > 0)
            {
                var parts = all.EnumerateArray().Select(p => JsonRef(p) ?? p).ToList();
                if (parts.TrueForAll(p => p.ValueKind == JsonValueKind.Object && TypeOf(p, depth) == "object"))
                {
                    WriteObject(parts, depth);
                }
                else
                {
                    Write(parts[0], depth + 1);
                }

                return;
            }

            switch (TypeOf(schema, depth))
            {
                case "object":
                    WriteObject([schema], depth);
                    break;
                case "array":
                    WriteArray(schema, depth);
                    break;
                case "integer":
                    writer.WriteNumberValue(Integer(schema));
                    break;
                case "number":
                    writer.WriteNumberValue(Number(schema));
                    break;
                case "boolean":
                    writer.WriteBooleanValue(prng.Next(0, 1) == 1);
                    break;
                case "null":
                    writer.WriteNullValue();
                    break;
                default:
                    writer.WriteStringValue(StringValue(schema));
                    break;
            }
        }

        /// <summary>The schema a local <c>$ref</c> points to; null when there is no <c>$ref</c> or it cannot be followed.</summary>
        private JsonElement? JsonRef(JsonElement schema)
        {
            if (schema.ValueKind != JsonValueKind.Object
                || !schema.TryGetProperty("$ref", out var reference)
                || reference.GetString() is not { } pointer
                || !pointer.StartsWith('#'))
            {
                return null;
            }

            var target = root;
            foreach (var token in pointer[1..].Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                var name = token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
                if (target.ValueKind != JsonValueKind.Object || !target.TryGetProperty(name, out target))
                {
                    return null;
                }
            }

            return target;
        }

        /// <summary>The branch of a combinator to write: the first non-null one, or a null one deep down (a recursion's end).</summary>
        private static JsonElement? Branch(JsonElement schema, string combinator, int depth)
        {
            if (!schema.TryGetProperty(combinator, out var branches) || branches.ValueKind != JsonValueKind.Array || branches.GetArrayLength() == 0)
            {
                return null;
            }

            var nullBranch = branches.EnumerateArray().FirstOrDefault(IsNull);
            if (depth >= OptionalDepth && nullBranch.ValueKind == JsonValueKind.Object)
            {
                return nullBranch;
            }

            var other = branches.EnumerateArray().FirstOrDefault(b => !IsNull(b));
            return other.ValueKind == JsonValueKind.Undefined ? branches[0] : other;
        }

        private static bool IsNull(JsonElement schema) =>
            schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "null";

        private static string TypeOf(JsonElement schema, int depth)
        {
            if (schema.TryGetProperty("type", out var type))
            {
                if (type.ValueKind == JsonValueKind.String)
                {
                    return type.GetString()!;
                }

                // A type list such as ["string","null"]: the first non-null entry, or null where a recursion should end.
                if (type.ValueKind == JsonValueKind.Array)
                {
                    var names = type.EnumerateArray().Select(t => t.ValueKind == JsonValueKind.String ? t.GetString() : null).ToList();
                    var useful = names.FirstOrDefault(t => t is not null and not "null");
                    return useful is null || (depth >= OptionalDepth && names.Contains("null")) ? "null" : useful;
                }
            }

            return schema.TryGetProperty("properties", out _) ? "object" : schema.TryGetProperty("items", out _) ? "array" : "string";
        }

        /// <summary>An object with the properties of every part (one part, or the branches of an <c>allOf</c>).</summary>
        private void WriteObject(List<JsonElement> parts, int depth)
        {
            writer.WriteStartObject();
            if (depth < MaxDepth)
            {
                var written = new HashSet<string>(StringComparer.Ordinal);
                var required = depth >= OptionalDepth ? parts.SelectMany(Required).ToHashSet(StringComparer.Ordinal) : null;
                foreach (var part in parts)
                {
                    if (!part.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
                    {
                        continue;
                    }

                    foreach (var property in properties.EnumerateObject())
                    {
                        if ((required is null || required.Contains(property.Name)) && written.Add(property.Name))
                        {
                            writer.WritePropertyName(property.Name);
                            Write(property.Value, depth + 1);
                        }
                    }
                }
            }

            writer.WriteEndObject();
        }

        private static IEnumerable<string> Required(JsonElement schema) =>
            schema.TryGetProperty("required", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.String).Select(r => r.GetString()!)
                : [];

        private void WriteArray(JsonElement schema, int depth)
        {
            var min = ReadInt(schema, "minItems") ?? (depth >= OptionalDepth ? 0 : 1);
            var max = Math.Max(min, ReadInt(schema, "maxItems") ?? Math.Max(min, 2));
            var count = depth >= MaxDepth ? 0 : depth >= OptionalDepth ? min : prng.Next(min, max);
            writer.WriteStartArray();
            for (var i = 0; i < count; i++)
            {
                if (schema.TryGetProperty("items", out var items))
                {
                    Write(items, depth + 1);
                }
                else
                {
                    writer.WriteStringValue(Word(prng));
                }
            }

            writer.WriteEndArray();
        }

        private long Integer(JsonElement schema)
        {
            var low = ReadDouble(schema, "minimum") ?? (ReadDouble(schema, "exclusiveMinimum") is { } exMin ? Math.Floor(exMin) + 1 : 0);
            var high = ReadDouble(schema, "maximum") ?? (ReadDouble(schema, "exclusiveMaximum") is { } exMax ? Math.Ceiling(exMax) - 1 : Math.Max(low, 0) + 100);
            var from = (int)Math.Clamp(Math.Ceiling(low), int.MinValue, int.MaxValue);
            var to = (int)Math.Clamp(Math.Floor(high), int.MinValue, int.MaxValue);
            return prng.Next(from, Math.Max(from, to));
        }

        private double Number(JsonElement schema)
        {
            var exMin = ReadDouble(schema, "exclusiveMinimum");
            var exMax = ReadDouble(schema, "exclusiveMaximum");
            var low = ReadDouble(schema, "minimum") ?? exMin ?? 0;
            var high = Math.Max(low, ReadDouble(schema, "maximum") ?? exMax ?? Math.Max(low, 0) + 100);
            var value = low + (prng.NextDouble() * (high - low));
            var rounded = Math.Round(value, 2);

            // Rounding must not step over a bound, nor land on an exclusive one; the middle of the range is inside them all.
            bool Inside(double v) => v >= low && v <= high && (exMin is not { } a || v > a) && (exMax is not { } b || v < b);
            return Inside(rounded) ? rounded : Inside(value) ? value : (low + high) / 2;
        }

        private string StringValue(JsonElement schema)
        {
            if (FormattedString(schema, prng) is { } formatted)
            {
                return formatted;
            }

            var value = Word(prng);
            var min = ReadInt(schema, "minLength") ?? 0;
            var max = ReadInt(schema, "maxLength") ?? int.MaxValue;
            while (value.Length < min)
            {
                value += " " + Word(prng);
            }

            return value.Length > max ? value[..Math.Max(max, min)] : value;
        }
    }
}
