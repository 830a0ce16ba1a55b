using System.Text.Json;

namespace Switchyard.Providers.Anthropic;

/// <summary>The observer's reading of an event: its type, index, delta and content block, without making strings.</summary>
internal sealed partial class AnthropicStreamDecoder
{
    // A type string none of the decoder's lists holds: read as such, never allocated.
    private const string OtherType = "\0other";
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = AnthropicJson.DocumentOptions.MaxDepth };

    private static bool TryRead(ReadOnlySpan<byte> data, StreamObservation observation, ref ObservedEvent observed)
    {
        try
        {
            var reader = new Utf8JsonReader(data, ReaderOptions);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject || !ReadRoot(ref reader, observation, ref observed))
            {
                return false;
            }

            // As in Decode, data after the JSON value is an error: the full decoder reports it.
            return !reader.Read();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Malformed JSON or text: the full decoder reports it.
            return false;
        }
    }

    private static bool ReadRoot(ref Utf8JsonReader reader, StreamObservation observation, ref ObservedEvent observed)
    {
        var seen = new SeenProperties();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var property = reader.ValueTextEquals("type"u8) ? 0 : reader.ValueTextEquals("index"u8) ? 1
                : reader.ValueTextEquals("delta"u8) ? 2 : reader.ValueTextEquals("content_block"u8) ? 3 : -1;
            if ((property >= 0 && !seen.First(property)) || !reader.Read())
            {
                return false;
            }

            var present = reader.TokenType != JsonTokenType.Null;
            switch (property)
            {
                case 0:
                    observed.Type = Known(ref reader, EventTypes, Utf8Names.EventTypes);
                    break;
                case 1:
                    observed.Index = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var index) ? index : null;
                    break;
                case 2:
                    observed.HasDelta = present;
                    if (reader.TokenType == JsonTokenType.StartObject && !ReadContent(ref reader, observation, ref observed, inDelta: true))
                    {
                        return false;
                    }

                    break;
                case 3:
                    observed.HasBlock = present;
                    if (reader.TokenType == JsonTokenType.StartObject && !ReadContent(ref reader, observation, ref observed, inDelta: false))
                    {
                        return false;
                    }

                    break;
            }

            reader.Skip();
        }

        return true;
    }

    // The delta and the content block are read alike: their type and the strings the decoder looks at in each.
    private static bool ReadContent(ref Utf8JsonReader reader, StreamObservation observation, ref ObservedEvent observed, bool inDelta)
    {
        var seen = new SeenProperties();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var property = reader.ValueTextEquals("type"u8) ? 0 : reader.ValueTextEquals("text"u8) ? 1
                : reader.ValueTextEquals("thinking"u8) ? 2 : reader.ValueTextEquals("signature"u8) ? 3
                : reader.ValueTextEquals("partial_json"u8) ? 4 : -1;
            if ((property >= 0 && !seen.First(property)) || !reader.Read())
            {
                return false;
            }

            var isString = reader.TokenType == JsonTokenType.String;
            switch (property)
            {
                case 0 when inDelta:
                    observed.DeltaType = Known(ref reader, DeltaTypes, Utf8Names.DeltaTypes);
                    break;
                case 0:
                    observed.BlockType = Known(ref reader, BlockTypes, Utf8Names.BlockTypes);
                    break;
                case 1 when isString && !ReadText(ref reader, observation, ref observed, inDelta):
                    return false;
                case 2 when isString && inDelta:
                    observed.DeltaThinking = Utf8JsonStrings.Length(ref reader);
                    break;
                case 2 when isString:
                    observed.BlockThinking = Utf8JsonStrings.Length(ref reader);
                    break;
                case 3 when isString && inDelta:
                    observed.DeltaSignature = Utf8JsonStrings.Length(ref reader);
                    break;
                case 4 when isString && inDelta:
                    observed.DeltaPartialJson = Utf8JsonStrings.Length(ref reader);
                    break;
            }

            reader.Skip();
        }

        return true;
    }

    // One text per event goes into the buffer's free space; an event with two (delta and block) takes the full decoder.
    private static bool ReadText(ref Utf8JsonReader reader, StreamObservation observation, ref ObservedEvent observed, bool inDelta)
    {
        if (observed.TextRead)
        {
            return false;
        }

        observed.TextRead = true;
        observed.TextLength = Utf8JsonStrings.CopyUnadvanced(ref reader, observation.Text);
        observed.TextInDelta = inDelta;
        return true;
    }

    /// <summary>A string value as one of <paramref name="known"/>, <see cref="OtherType"/>, or null when not a string.</summary>
    private static string? Known(ref Utf8JsonReader reader, string[] known, byte[][] knownUtf8)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            return null;
        }

        // Validated as GetString would; then matched in place.
        Utf8JsonStrings.Length(ref reader);
        for (var i = 0; i < known.Length; i++)
        {
            if (reader.ValueTextEquals(knownUtf8[i]))
            {
                return known[i];
            }
        }

        return OtherType;
    }

    // Nested, so that it is initialized after the name lists of the other partial files (whose order is not defined).
    private static class Utf8Names
    {
        public static readonly byte[][] EventTypes = Utf8(AnthropicStreamDecoder.EventTypes);
        public static readonly byte[][] DeltaTypes = Utf8(AnthropicStreamDecoder.DeltaTypes);
        public static readonly byte[][] BlockTypes = Utf8(AnthropicStreamDecoder.BlockTypes);

        private static byte[][] Utf8(string[] names) => names.Select(System.Text.Encoding.UTF8.GetBytes).ToArray();
    }
}
