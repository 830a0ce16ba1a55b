using System.Buffers;
using System.Text.Json;
using Switchyard.Model;

namespace Switchyard.Providers.OpenAI;

/// <summary>
/// The span-level observer for passthrough: one <see cref="Utf8JsonReader"/> pass over a chunk, no <see cref="JsonDocument"/>,
/// events or strings; the text is unescaped straight into the observation's buffer. It handles the chunks that make up
/// a stream — one choice with text, refusal or arguments of a known tool call, and the finish — and declines anything
/// else (the first chunk, usage, errors, a new tool call, several choices, a repeated property, malformed JSON) before
/// changing any state, so that <see cref="Decode(string?, ReadOnlySpan{byte}, IList{StreamEvent})"/> decides it exactly
/// as before: those are once per stream or rare.
/// </summary>
internal sealed partial class OpenAIStreamDecoder
{
    /// <inheritdoc/>
    public DecodeDisposition Observe(string? eventType, ReadOnlySpan<byte> data, StreamObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        if (IsTerminated)
        {
            return DecodeDisposition.Drop;
        }

        var trimmed = data.Trim(" \r\n\t"u8);
        if (trimmed.SequenceEqual("[DONE]"u8))
        {
            IsTerminated = true;
            observation.Ended = true;
            return DecodeDisposition.Forward;
        }

        if (trimmed.IsEmpty)
        {
            return DecodeDisposition.KeepAlive;
        }

        var chunk = default(ObservedChunk);
        if (_started && TryRead(trimmed, observation.Text, ref chunk))
        {
            chunk.ApplyTo(observation);
            return DecodeDisposition.Forward;
        }

        return observation.Decode(this, eventType, data);
    }

    private bool TryRead(ReadOnlySpan<byte> json, IBufferWriter<char> text, ref ObservedChunk chunk)
    {
        try
        {
            // Like Decode, one JSON value is read and anything after it is ignored.
            var reader = new Utf8JsonReader(json);
            return reader.Read() && reader.TokenType == JsonTokenType.StartObject && ReadChunk(ref reader, text, ref chunk);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Malformed JSON or text: the full decoder reports it.
            return false;
        }
    }

    private bool ReadChunk(ref Utf8JsonReader reader, IBufferWriter<char> text, ref ObservedChunk chunk)
    {
        var seen = new SeenProperties();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var property = reader.ValueTextEquals("choices"u8) ? 0 : reader.ValueTextEquals("usage"u8) ? 1 : reader.ValueTextEquals("error"u8) ? 2 : -1;
            if ((property >= 0 && !seen.First(property)) || !reader.Read())
            {
                return false;
            }

            switch (property)
            {
                case 0 when reader.TokenType == JsonTokenType.StartArray && !ReadChoices(ref reader, text, ref chunk):
                // A usage object is once per stream and an error object ends it: both take the full decoder.
                case 1 or 2 when reader.TokenType == JsonTokenType.StartObject:
                    return false;
            }

            reader.Skip();
        }

        return true;
    }

    private bool ReadChoices(ref Utf8JsonReader reader, IBufferWriter<char> text, ref ObservedChunk chunk)
    {
        var count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (++count > 1 || (reader.TokenType == JsonTokenType.StartObject && !ReadChoice(ref reader, text, ref chunk)))
            {
                return false;
            }

            reader.Skip();
        }

        return true;
    }

    private bool ReadChoice(ref Utf8JsonReader reader, IBufferWriter<char> text, ref ObservedChunk chunk)
    {
        var seen = new SeenProperties();
        long? index = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("index"u8))
            {
                if (!seen.First(0) || !reader.Read())
                {
                    return false;
                }

                index = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var n) ? n : null;
            }
            else if (reader.ValueTextEquals("delta"u8))
            {
                if (!seen.First(1) || !reader.Read() || (reader.TokenType == JsonTokenType.StartObject && !ReadDelta(ref reader, text, ref chunk)))
                {
                    return false;
                }
            }
            else if (reader.ValueTextEquals("finish_reason"u8))
            {
                if (!seen.First(2) || !reader.Read())
                {
                    return false;
                }

                chunk.Finish = reader.TokenType == JsonTokenType.String ? ReadFinishReason(ref reader) : null;
            }
            else
            {
                reader.Read();
            }

            reader.Skip();
        }

        // The gateway asks for one choice; a stray index would interleave a second answer into the first.
        chunk.Counts = index is null or 0;
        return true;
    }
}
