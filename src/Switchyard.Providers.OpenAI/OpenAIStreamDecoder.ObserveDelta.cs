using System.Buffers;
using System.Text.Json;
using Switchyard.Model;

namespace Switchyard.Providers.OpenAI;

/// <summary>
/// The observer's reading of a choice's <c>delta</c>: text, refusal, reasoning (<c>reasoning_content</c>, from compatible
/// servers), and arguments of tool calls already started.
/// </summary>
internal sealed partial class OpenAIStreamDecoder
{
    private bool ReadDelta(ref Utf8JsonReader reader, IBufferWriter<char> text, ref ObservedChunk chunk)
    {
        var seen = new SeenProperties();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var property = reader.ValueTextEquals("content"u8) ? 0 : reader.ValueTextEquals("refusal"u8) ? 1 : reader.ValueTextEquals("tool_calls"u8) ? 2
                : reader.ValueTextEquals("reasoning_content"u8) ? 3 : -1;
            if ((property >= 0 && !seen.First(property)) || !reader.Read())
            {
                return false;
            }

            switch (property)
            {
                case 0 when reader.TokenType == JsonTokenType.String:
                    chunk.TextLength = Utf8JsonStrings.CopyUnadvanced(ref reader, text);
                    break;
                case 1 when reader.TokenType == JsonTokenType.String:
                    chunk.Refusal = Utf8JsonStrings.Length(ref reader) > 0;
                    break;
                case 3 when reader.TokenType == JsonTokenType.String:
                    chunk.ReasoningCharacters = Utf8JsonStrings.Length(ref reader);
                    break;
                case 2 when reader.TokenType == JsonTokenType.StartArray:
                    if (!ReadToolCalls(ref reader, ref chunk))
                    {
                        return false;
                    }

                    break;
            }

            reader.Skip();
        }

        return true;
    }

    private static FinishReason? ReadFinishReason(ref Utf8JsonReader reader)
    {
        // Validated as GetString would; then matched in place, as OpenAIFinishReasons.Read does.
        Utf8JsonStrings.Length(ref reader);
        return reader.ValueTextEquals("length"u8) ? FinishReason.Length
            : reader.ValueTextEquals("tool_calls"u8) || reader.ValueTextEquals("function_call"u8) ? FinishReason.ToolCalls
            : reader.ValueTextEquals("content_filter"u8) ? FinishReason.ContentFilter
            : FinishReason.Stop;
    }

    private bool ReadToolCalls(ref Utf8JsonReader reader, ref ObservedChunk chunk)
    {
        var position = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            long? index = null;
            var arguments = 0;
            if (reader.TokenType == JsonTokenType.StartObject && !ReadToolCall(ref reader, ref index, ref arguments))
            {
                return false;
            }

            reader.Skip();

            // As in Decode: servers that omit the index send one call per chunk in order.
            var call = (int)Math.Clamp(index ?? position, 0, int.MaxValue);
            position++;
            if (!_startedToolCalls.Contains(call))
            {
                // A new call: its start (id, name) takes the full decoder.
                return false;
            }

            chunk.ArgumentCharacters += arguments;
        }

        return true;
    }

    private static bool ReadToolCall(ref Utf8JsonReader reader, ref long? index, ref int arguments)
    {
        var seen = new SeenProperties();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var property = reader.ValueTextEquals("index"u8) ? 0 : reader.ValueTextEquals("function"u8) ? 1 : -1;
            if ((property >= 0 && !seen.First(property)) || !reader.Read())
            {
                return false;
            }

            if (property == 0)
            {
                index = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var n) ? n : null;
            }
            else if (property == 1 && reader.TokenType == JsonTokenType.StartObject && !ReadFunction(ref reader, ref arguments))
            {
                return false;
            }

            reader.Skip();
        }

        return true;
    }

    private static bool ReadFunction(ref Utf8JsonReader reader, ref int arguments)
    {
        var seen = new SeenProperties();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isArguments = reader.ValueTextEquals("arguments"u8);
            if ((isArguments && !seen.First(0)) || !reader.Read())
            {
                return false;
            }

            if (isArguments && reader.TokenType == JsonTokenType.String)
            {
                arguments = Utf8JsonStrings.Length(ref reader);
            }

            reader.Skip();
        }

        return true;
    }
}
