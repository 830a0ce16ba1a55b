using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Switchyard.Providers.Anthropic;

/// <summary>Small JSON helpers shared by the Anthropic reader and writers (no allocations beyond the values read).</summary>
internal static class AnthropicJson
{
    /// <summary>Options for parsing untrusted bodies: comments and trailing commas are errors, as on the real API.</summary>
    public static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 128 };

    // Relaxed escaping writes UTF-8 text as the providers do ("é", not "\u00e9"); bodies are JSON, never HTML.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Parses untrusted bytes; returns the reader's message on failure instead of throwing.</summary>
    public static JsonDocument? TryParse(ReadOnlyMemory<byte> body, out string? error)
    {
        // Checked before parsing: the parser lets invalid UTF-8 and lone surrogate escapes through to GetString, which throws.
        if (JsonTextCheck.FindProblem(body.Span) is { } textProblem)
        {
            error = textProblem;
            return null;
        }

        try
        {
            error = null;
            return JsonDocument.Parse(body, DocumentOptions);
        }
        catch (JsonException ex)
        {
            error = ex.Message;
            return null;
        }
    }

    /// <summary>Parses one untrusted JSON value from a span (one SSE data payload); trailing garbage is an error.</summary>
    public static JsonDocument? TryParse(ReadOnlySpan<byte> data, out string? error)
    {
        JsonDocument? doc = null;
        try
        {
            var reader = new Utf8JsonReader(data, new JsonReaderOptions { MaxDepth = DocumentOptions.MaxDepth });
            doc = JsonDocument.ParseValue(ref reader);
            if (reader.Read())
            {
                doc.Dispose();
                error = "unexpected data after the JSON value";
                return null;
            }

            error = null;
            return doc;
        }
        catch (JsonException ex)
        {
            doc?.Dispose();
            error = ex.Message;
            return null;
        }
    }

    /// <summary>The property when present and not JSON null.</summary>
    public static bool TryGet(this JsonElement obj, string name, out JsonElement value)
    {
        if (obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>The string property, or null when absent, null or not a string.</summary>
    public static string? GetStringOrNull(this JsonElement obj, string name) =>
        obj.TryGet(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>
    /// Like <see cref="GetStringOrNull"/>, but a value equal to one of <paramref name="known"/> comes back as that
    /// instance, compared in place without allocating: event and block types repeat on every stream event.
    /// </summary>
    public static string? GetKnownStringOrNull(this JsonElement obj, string name, string[] known)
    {
        if (!obj.TryGet(name, out var value) || value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        foreach (var candidate in known)
        {
            if (value.ValueEquals(candidate))
            {
                return candidate;
            }
        }

        return value.GetString();
    }

    /// <summary>The integer property, or 0 when absent, null, not a number or out of range.</summary>
    public static int GetInt32OrZero(this JsonElement obj, string name) =>
        obj.TryGet(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) ? n : 0;

    /// <summary>Whether the property is present with an integer value.</summary>
    public static bool TryGetInt32(this JsonElement obj, string name, out int result)
    {
        result = 0;
        return obj.TryGet(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out result);
    }

    /// <summary>Runs <paramref name="write"/> against a fresh writer and returns the UTF-8 bytes.</summary>
    public static byte[] Write<TState>(TState state, Action<Utf8JsonWriter, TState> write)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer, state);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes JSON into <paramref name="buffer"/> (reused by the stream encoder between frames).</summary>
    public static void WriteInto<TState>(ArrayBufferWriter<byte> buffer, TState state, Action<Utf8JsonWriter, TState> write)
    {
        buffer.ResetWrittenCount();
        using var writer = new Utf8JsonWriter(buffer, WriterOptions);
        write(writer, state);
    }

    /// <summary>
    /// Writes a tool call's arguments as Anthropic's <c>input</c> object. Anthropic requires an object; OpenAI's
    /// arguments are a free string, so empty, invalid or non-object JSON becomes <c>{}</c> rather than a failed request.
    /// </summary>
    public static void WriteInputObject(Utf8JsonWriter writer, string argumentsJson)
    {
        if (!string.IsNullOrWhiteSpace(argumentsJson))
        {
            try
            {
                using var doc = JsonDocument.Parse(argumentsJson);
                if (doc.RootElement.ValueKind == JsonValueKind.Object)
                {
                    doc.RootElement.WriteTo(writer);
                    return;
                }
            }
            catch (JsonException)
            {
                // Fall through: a model's truncated or malformed arguments must not fail the whole request.
            }
        }

        writer.WriteStartObject();
        writer.WriteEndObject();
    }
}
