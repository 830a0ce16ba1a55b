using System.Text.Encodings.Web;
using System.Text.Json;

namespace Switchyard.Testing;

/// <summary>
/// A recorded stream and variants of it that reach the decoders' unusual paths: every non-ASCII character and HTML
/// character escaped, every object's properties in reverse order, no <c>event:</c> lines, and per event: cut in half
/// (malformed), repeated, or left out.
/// </summary>
public static class StreamVariants
{
    private static readonly JsonWriterOptions Escaping = new() { Encoder = JavaScriptEncoder.Default };

    /// <summary>The stream as recorded, then each variant, named.</summary>
    public static IEnumerable<(string Name, IReadOnlyList<(string? EventType, byte[] Data)> Events)> Of(IReadOnlyList<(string? EventType, byte[] Data)> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        yield return ("as recorded", events);
        yield return ("escaped", events.Select(e => (e.EventType, Rewrite(e.Data, reverse: false))).ToList());
        yield return ("properties reversed", events.Select(e => (e.EventType, Rewrite(e.Data, reverse: true))).ToList());
        yield return ("no event lines", events.Select(e => ((string?)null, e.Data)).ToList());
        for (var i = 0; i < events.Count; i++)
        {
            var k = i;
            yield return ($"event {k} cut", events.Select((e, j) => j == k ? (e.EventType, e.Data[..(e.Data.Length / 2)]) : e).ToList());
            yield return ($"event {k} repeated", events.Take(k + 1).Append(events[k]).Concat(events.Skip(k + 1)).ToList());
            yield return ($"event {k} left out", events.Where((_, j) => j != k).ToList());
        }
    }

    // Payloads that are not JSON ([DONE], garbage) stay as they are.
    private static byte[] Rewrite(byte[] data, bool reverse)
    {
        try
        {
            using var document = JsonDocument.Parse(data);
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream, Escaping))
            {
                Write(writer, document.RootElement, reverse);
            }

            return stream.ToArray();
        }
        catch (JsonException)
        {
            return data;
        }
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element, bool reverse)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                var properties = element.EnumerateObject().ToList();
                foreach (var property in reverse ? Enumerable.Reverse(properties) : properties)
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value, reverse);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item, reverse);
                }

                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
