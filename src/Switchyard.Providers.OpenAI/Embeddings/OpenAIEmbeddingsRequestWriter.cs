using System.Buffers;
using System.Text.Json;
using Switchyard.Model;

namespace Switchyard.Providers.OpenAI.Embeddings;

/// <summary>
/// Writes an in-process caller's embeddings request as a client would send it to <c>POST /v1/embeddings</c>:
/// <c>{"model","input":[…],"dimensions"?,"encoding_format","user"?}</c>. Vectors are asked for as base64 (little-endian
/// float32, as OpenAI's own SDKs ask): a quarter of the text of a float list, and exact.
/// </summary>
internal static class OpenAIEmbeddingsRequestWriter
{
    public static byte[] Write(EmbeddingRequest request)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("model", request.Model);
            writer.WriteStartArray("input");
            foreach (var input in request.Inputs)
            {
                // Token-id inputs keep only their count here; they reach the engine through a door's raw body, never this way.
                writer.WriteStringValue(input.Text ?? throw new ArgumentException("Only text inputs can be written.", nameof(request)));
            }

            writer.WriteEndArray();
            if (request.Dimensions is { } dimensions)
            {
                writer.WriteNumber("dimensions", dimensions);
            }

            writer.WriteString("encoding_format", request.Base64 ? "base64" : "float");
            if (request.User is { } user)
            {
                writer.WriteString("user", user);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
