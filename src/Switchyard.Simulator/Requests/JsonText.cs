using System.Text;
using System.Text.Json;

namespace Switchyard.Simulator.Requests;

/// <summary>Helpers to read the loosely typed parts of request bodies.</summary>
internal static class JsonText
{
    public static string? GetString(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public static bool? GetBool(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : null;

    public static int? GetInt(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
            ? number
            : null;

    /// <summary>
    /// An integer field as Anthropic's lax validation reads it: a number with a zero fraction (<c>100.0</c>, <c>1e3</c>)
    /// counts. Null when missing, not a number, fractional or out of range.
    /// </summary>
    public static int? GetLaxInt(JsonElement obj, string name)
    {
        if (GetInt(obj, name) is { } number)
        {
            return number;
        }

        return obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            && value.TryGetDouble(out var real) && real == Math.Floor(real) && real is >= int.MinValue and <= int.MaxValue
            ? (int)real
            : null;
    }

    public static bool Has(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;

    /// <summary>Re-serializes JSON compactly so that formatting differences do not change a conversation key.</summary>
    public static string Compact(JsonElement element)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            element.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary><see cref="Compact"/> of an object without its top-level property <paramref name="left"/> (another kind of value as it is).</summary>
    public static string CompactWithout(JsonElement element, string left)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(left, out _))
        {
            return Compact(element);
        }

        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            foreach (var property in element.EnumerateObject())
            {
                if (!property.NameEquals(left))
                {
                    property.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Parses a JSON string (OpenAI tool-call arguments) and compacts it; invalid JSON is kept verbatim.</summary>
    public static string CompactString(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return Compact(document.RootElement);
        }
        catch (JsonException)
        {
            return json;
        }
    }

    /// <summary>A message's text: the string itself, or the <c>text</c> of each part joined by newlines (chat and Responses shapes alike).</summary>
    public static string ContentText(JsonElement content)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            return content.GetString()!;
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            return string.Empty;
        }

        return string.Join('\n', content.EnumerateArray().Select(p => GetString(p, "text")).OfType<string>());
    }
}
