using System.Buffers.Binary;
using System.Text.Json;
using Switchyard.Failures;
using Switchyard.Model;

namespace Switchyard.Providers.OpenAI.Embeddings;

/// <summary>
/// Reads a provider's <c>POST /v1/embeddings</c> answer:
/// <c>{"object":"list","data":[{"object":"embedding","index","embedding":[…] | "base64"}],"model","usage":{"prompt_tokens"}}</c>.
/// <see cref="Read(ReadOnlyMemory{byte})"/> checks it before it is passed to an HTTP caller unchanged; <see cref="ReadVectors(ReadOnlyMemory{byte})"/> decodes the
/// vectors for an in-process caller. A body that is not one is the provider's fault (<see cref="FailureKind.ServerError"/>:
/// retried, fallen back from).
/// </summary>
internal static class OpenAIEmbeddingsAnswerReader
{
    public static CodecResult<EmbeddingAnswer> Read(ReadOnlyMemory<byte> body) => AnswerBody.Read<EmbeddingAnswer>(body, Read, Malformed);

    public static CodecResult<EmbeddingVectors> ReadVectors(ReadOnlyMemory<byte> body) => AnswerBody.Read<EmbeddingVectors>(body, ReadVectors, Malformed);

    private static CodecResult<EmbeddingAnswer> Read(JsonElement root)
    {
        if (JsonRead.Array(root, "data") is not { } data)
        {
            return Malformed("it has no data array");
        }

        foreach (var item in data.EnumerateArray())
        {
            if (Vector(item) is null)
            {
                return Malformed("an item of data has no embedding");
            }
        }

        return new EmbeddingAnswer(data.GetArrayLength(), JsonRead.String(root, "model"), Usage(root));
    }

    private static CodecResult<EmbeddingVectors> ReadVectors(JsonElement root)
    {
        if (JsonRead.Array(root, "data") is not { } data)
        {
            return Malformed("it has no data array");
        }

        var vectors = new float[data.GetArrayLength()][];
        var position = 0;
        foreach (var item in data.EnumerateArray())
        {
            // Items say which input they embed; in input order when they do not.
            var index = item.ValueKind == JsonValueKind.Object && JsonRead.Int64(item, "index") is { } i ? i : position;
            position++;
            if (index < 0 || index >= vectors.Length || vectors[index] is not null)
            {
                return Malformed("an item of data has an index out of range or seen before");
            }

            if (Vector(item) is not { } vector || Decode(vector) is not { } floats)
            {
                return Malformed("an item of data has no readable embedding");
            }

            vectors[(int)index] = floats;
        }

        return new EmbeddingVectors(vectors, JsonRead.String(root, "model"), Usage(root));
    }

    // A list of floats, or (encoding_format: base64) a string of them.
    private static JsonElement? Vector(JsonElement item) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty("embedding", out var vector) && vector.ValueKind is JsonValueKind.Array or JsonValueKind.String
            ? vector
            : null;

    private static float[]? Decode(JsonElement vector)
    {
        if (vector.ValueKind == JsonValueKind.String)
        {
            if (!vector.TryGetBytesFromBase64(out var bytes) || bytes.Length % sizeof(float) != 0)
            {
                return null;
            }

            var floats = new float[bytes.Length / sizeof(float)];
            for (var i = 0; i < floats.Length; i++)
            {
                floats[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * sizeof(float)));
            }

            return floats;
        }

        var list = new float[vector.GetArrayLength()];
        var n = 0;
        foreach (var value in vector.EnumerateArray())
        {
            if (value.ValueKind != JsonValueKind.Number || !value.TryGetSingle(out list[n++]))
            {
                return null;
            }
        }

        return list;
    }

    private static TokenUsage? Usage(JsonElement root) =>
        JsonRead.Object(root, "usage") is { } u && JsonRead.Int64(u, "prompt_tokens") is not null
            ? new TokenUsage(JsonRead.Count(u, "prompt_tokens"), 0)
            : null;

    private static Failure Malformed(string detail) =>
        new(FailureKind.ServerError, $"OpenAI returned a malformed embeddings answer: {detail}.") { Provider = "openai" };
}
