using System.Text.Json;

namespace Switchyard.Providers.Anthropic;

/// <summary>
/// The span-level observer for passthrough: one <see cref="Utf8JsonReader"/> pass over an event, no
/// <see cref="JsonDocument"/>, events or strings; the text is unescaped straight into the observation's buffer. It acts
/// on the events that make up a stream — block deltas, text and thinking block starts, block stops, pings, the stop,
/// newer event types — and declines the rest (message_start, message_delta, error, a tool_use start, an event without
/// a type, a repeated property, malformed JSON) before changing any state, so that <see cref="Decode"/> decides them
/// exactly as before: those are once per stream or rare.
/// </summary>
internal sealed partial class AnthropicStreamDecoder
{
    /// <inheritdoc/>
    public DecodeDisposition Observe(string? eventType, ReadOnlySpan<byte> data, StreamObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        if (IsTerminated)
        {
            return DecodeDisposition.Drop;
        }

        var observed = default(ObservedEvent);
        if (TryRead(data, observation, ref observed))
        {
            // The JSON type is authoritative; the event: line only helps when it is missing (json-lines framing has none).
            var type = observed.Type ?? (eventType is null or "message" ? null : eventType);
            if (TryApply(type, observed, observation) is { } disposition)
            {
                return disposition;
            }
        }

        return observation.Decode(this, eventType, data);
    }

    private DecodeDisposition? TryApply(string? type, in ObservedEvent observed, StreamObservation observation)
    {
        switch (type)
        {
            case "content_block_delta" when observed is { Index: { } index, HasDelta: true }:
                ApplyDelta(index, observed, observation);
                return DecodeDisposition.Forward;
            case "content_block_start" when observed is { Index: not null, HasBlock: true } && observed.BlockType != "tool_use":
                ApplyBlockStart(observed, observation);
                return DecodeDisposition.Forward;
            case "content_block_stop":
                return DecodeDisposition.Forward;
            case "message_stop":
                IsTerminated = true;
                observation.Ended = true;
                return DecodeDisposition.Forward;
            case "ping":
                return DecodeDisposition.KeepAlive;
            case null or "message_start" or "message_delta" or "error" or "content_block_delta" or "content_block_start":
                return null;
            default:
                // Event types newer than this code are forwarded untouched.
                return DecodeDisposition.Forward;
        }
    }

    private void ApplyDelta(int index, in ObservedEvent observed, StreamObservation observation)
    {
        switch (observed.DeltaType)
        {
            case "text_delta" when observed is { TextInDelta: true, TextLength: > 0 }:
                KeepText(observed.TextLength, observation);
                break;
            case "thinking_delta" when observed.DeltaThinking > 0:
                // Thinking is billed as output: counted for the estimate of a stream that ends without usage.
                OtherContent(observed.DeltaThinking, observation);
                break;
            case "signature_delta" when observed.DeltaSignature > 0:
                OtherContent(0, observation);
                break;

            // Arguments of server_tool_use blocks (no ordinal) are not the client's tool calls.
            case "input_json_delta" when observed.DeltaPartialJson > 0 && _toolOrdinalByBlock.ContainsKey(index):
                OtherContent(observed.DeltaPartialJson, observation);
                break;
        }
    }

    private static void ApplyBlockStart(in ObservedEvent observed, StreamObservation observation)
    {
        switch (observed.BlockType)
        {
            case "text" when observed is { TextInDelta: false, TextLength: > 0 }:
                KeepText(observed.TextLength, observation);
                break;
            case "thinking" when observed.BlockThinking > 0:
                OtherContent(observed.BlockThinking, observation);
                break;
        }
    }

    private static void KeepText(int length, StreamObservation observation)
    {
        observation.Text.Advance(length);
        observation.Characters += length;
        observation.Content = true;
    }

    private static void OtherContent(int characters, StreamObservation observation)
    {
        observation.Characters += characters;
        observation.NonText = true;
        observation.Content = true;
    }
}
