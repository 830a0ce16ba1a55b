using System.Text.Json;
using Switchyard.Failures;
using Switchyard.Model;

namespace Switchyard.Providers.OpenAI.Embeddings;

/// <summary>
/// Checks a provider's <c>POST /v1/embeddings</c> answer before it is passed to the caller unchanged:
/// <c>{"object":"list","data":[{"object":"embedding","index","embedding":[…] | "base64"}],"model","usage":{"prompt_tokens"}}</c>.
/// A body that is not one is the provider's fault (<see cref="FailureKind.ServerError"/>: retried, fallen back from).
/// </summary>
internal static class OpenAIEmbeddingsAnswerReader
{
    public static CodecResult<EmbeddingAnswer> Read(ReadOnlyMemory<byte> body) => AnswerBody.Read<EmbeddingAnswer>(body, Read, Malformed);

    private static CodecResult<EmbeddingAnswer> Read(JsonElement root)
    {
        if (JsonRead.Array(root, "data") is not { } data)
        {
            return Malformed("it has no data array");
        }

        foreach (var item in data.EnumerateArray())
        {
            // A list of floats, or (encoding_format: base64) a string of them.
            if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("embedding", out var vector) || vector.ValueKind is not (JsonValueKind.Array or JsonValueKind.String))
            {
                return Malformed("an item of data has no embedding");
            }
        }

        TokenUsage? usage = JsonRead.Object(root, "usage") is { } u && JsonRead.Int64(u, "prompt_tokens") is not null
            ? new TokenUsage(JsonRead.Count(u, "prompt_tokens"), 0)
            : null;
        return new EmbeddingAnswer(data.GetArrayLength(), JsonRead.String(root, "model"), usage);
    }

    private static Failure Malformed(string detail) =>
        new(FailureKind.ServerError, $"OpenAI returned a malformed embeddings answer: {detail}.") { Provider = "openai" };
}
