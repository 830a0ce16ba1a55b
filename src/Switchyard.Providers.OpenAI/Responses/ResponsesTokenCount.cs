using System.Buffers;
using System.Text.Json;

namespace Switchyard.Providers.OpenAI;

/// <summary>The answer of <c>POST /v1/responses/input_tokens</c>: <c>{"object":"response.input_tokens","input_tokens":N}</c> (PROTOCOLS.md §8).</summary>
internal static class ResponsesTokenCount
{
    public const string ObjectName = "response.input_tokens";

    public static byte[] Write(int inputTokens)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("object", ObjectName);
            writer.WriteNumber("input_tokens", inputTokens);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static int? Read(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            using var doc = JsonDocument.ParseValue(ref reader);
            return doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.TryGetProperty("input_tokens", out var tokens)
                && tokens.ValueKind == JsonValueKind.Number
                && tokens.TryGetInt32(out var n) && n >= 0
                ? n
                : null;
        }
        catch (JsonException)
        {
            return null; // Not a count: the caller treats it as a provider failure.
        }
    }
}
