using System.Text;
using System.Text.Json;

namespace Switchyard.Simulator.Generation;

/// <summary>
/// Produces a JSON value that validates against a (reasonable subset of) JSON Schema, for tool-call arguments and
/// structured outputs alike: <c>type</c> (a list such as <c>["string","null"]</c> too), <c>enum</c>, <c>const</c>,
/// <c>properties</c>/<c>required</c>, <c>items</c>/<c>minItems</c>/<c>maxItems</c>, <c>minimum</c>/<c>maximum</c> and
/// their exclusive forms, <c>minLength</c>/<c>maxLength</c>, string <c>format</c>s (see <see cref="FormattedString"/>),
/// <c>anyOf</c>/<c>oneOf</c> (the first non-null branch), <c>allOf</c> of objects (merged), and local <c>$ref</c>s
/// (<c>#/$defs/…</c>, <c>#/definitions/…</c>, <c>#</c>). Only declared properties are written, so
/// <c>additionalProperties:false</c> always holds. Not honoured: <c>pattern</c>, <c>multipleOf</c>, <c>uniqueItems</c>.
/// </summary>
/// <remarks>
/// Every declared property is written down to <see cref="OptionalDepth"/>; below it only required ones, nullable
/// values become null and arrays take their fewest items, so a recursive schema ends; at <see cref="MaxDepth"/> objects and
/// arrays are written empty. The value is a function of the schema and the PRNG's state only.
/// </remarks>
internal static partial class SchemaValueGenerator
{
    private const int OptionalDepth = 4;
    private const int MaxDepth = 8;

    /// <summary>Returns compact JSON for a value of <paramref name="schema"/>; a missing schema yields <c>{}</c>.</summary>
    public static string Generate(JsonElement? schema, StablePrng prng) => Render(writer =>
    {
        if (schema is { } s)
        {
            new Run(writer, s, prng).Write(s, 0);
        }
        else
        {
            writer.WriteStartObject();
            writer.WriteEndObject();
        }
    });

    /// <summary>
    /// Returns compact JSON for a free-form object (OpenAI <c>json_object</c>): two to four word keys, the first holding a
    /// sentence, the others a sentence, a number, a boolean or a list of words.
    /// </summary>
    public static string GenerateObject(StablePrng prng) => Render(writer =>
    {
        var count = prng.Next(2, 4);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        writer.WriteStartObject();
        while (keys.Count < count)
        {
            var key = Word(prng);
            if (!keys.Add(key))
            {
                continue;
            }

            writer.WritePropertyName(key);
            switch (keys.Count == 1 ? 0 : prng.Next(0, 3))
            {
                case 0:
                    writer.WriteStringValue(TextGenerator.Generate(prng, prng.Next(6, 16), leadingSpace: false));
                    break;
                case 1:
                    writer.WriteNumberValue(prng.Next(0, 1000));
                    break;
                case 2:
                    writer.WriteBooleanValue(prng.Next(0, 1) == 1);
                    break;
                default:
                    writer.WriteStartArray();
                    for (var i = prng.Next(1, 3); i > 0; i--)
                    {
                        writer.WriteStringValue(Word(prng));
                    }

                    writer.WriteEndArray();
                    break;
            }
        }

        writer.WriteEndObject();
    });

    private static string Render(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string Word(StablePrng prng) => prng.Pick(WordList.Words);

    private static int? ReadInt(JsonElement schema, string name) =>
        schema.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : null;

    private static double? ReadDouble(JsonElement schema, string name) =>
        schema.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
}
