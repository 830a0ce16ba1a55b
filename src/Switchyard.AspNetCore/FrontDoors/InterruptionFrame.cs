using System.Buffers;
using System.Text.Json;
using Switchyard.Failures;
using Switchyard.Providers;
using Switchyard.Streaming;

namespace Switchyard.AspNetCore.FrontDoors;

/// <summary>The error event that ends a replayed stream whose generation was interrupted, in the caller's format.</summary>
internal static class InterruptionFrame
{
    public static void Write(IBufferWriter<byte> output, IWireCodec codec, string streamId, long sequence, Failure failure)
    {
        var id = EventIds.Format(streamId, sequence);
        switch (codec.Format)
        {
            case WireFormat.OpenAIResponses:
                // The observed OpenAI shape: the error nested, with the next sequence number.
                var data = new ArrayBufferWriter<byte>(256);
                using (var json = new Utf8JsonWriter(data))
                {
                    json.WriteStartObject();
                    json.WriteString("type", "error");
                    json.WriteNumber("sequence_number", sequence);
                    json.WriteStartObject("error");
                    json.WriteString("type", "server_error");
                    json.WriteString("code", "stream_interrupted");
                    json.WriteString("message", failure.Message);
                    json.WriteNull("param");
                    json.WriteEndObject();
                    json.WriteEndObject();
                }

                SseFrame.Write(output, id, "error"u8, data.WrittenSpan);
                break;
            case WireFormat.AnthropicMessages:
                SseFrame.Write(output, id, "error"u8, codec.WriteError(failure));
                break;
            default:
                SseFrame.Write(output, id, default, codec.WriteError(failure));
                break;
        }
    }
}
