using System.Text.Json;
using Switchyard.Model;

namespace Switchyard.Providers.OpenAI.Embeddings;

/// <summary>
/// Parses and validates a client's <c>POST /v1/embeddings</c> body by the API's rules: <c>model</c>; <c>input</c> as a
/// string, an array of strings, an array of token ids, or an array of token-id arrays — never empty, at most
/// <see cref="MaxInputs"/> items; optional <c>encoding_format</c> (<c>float</c>, <c>base64</c>), <c>dimensions</c>
/// (a positive integer) and <c>user</c>. Unknown fields are accepted: the raw body is what reaches the provider.
/// Limits that depend on the model (tokens per input, the model's longest vector) are the provider's to enforce.
/// </summary>
internal static class OpenAIEmbeddingsRequestReader
{
    /// <summary>Most inputs one request may carry (OpenAI's limit).</summary>
    public const int MaxInputs = 2048;

    private const string Input = "input";

    public static CodecResult<EmbeddingRequest> Read(ReadOnlyMemory<byte> body) => RequestBody.Read<EmbeddingRequest>(body, ReadRoot);

    private static JsonProblem? ReadRoot(JsonElement root, out EmbeddingRequest? request)
    {
        request = null;
        JsonProblem? problem;
        if ((problem = OpenAIRequestReader.ReadModel(root, out var model)) is not null
            || (problem = ReadInputs(root, out var inputs)) is not null
            || (problem = OpenAIRequestReader.OptionalString(root, "encoding_format", out var format)) is not null
            || (problem = OpenAIRequestReader.OptionalInt(root, "dimensions", 1, int.MaxValue, out var dimensions)) is not null
            || (problem = OpenAIRequestReader.OptionalString(root, "user", out var user)) is not null)
        {
            return problem;
        }

        if (format is not (null or "float" or "base64"))
        {
            return JsonProblem.BadValue("encoding_format", format, "'float' and 'base64'");
        }

        request = new EmbeddingRequest(model!, inputs!) { Dimensions = dimensions, Base64 = format == "base64", User = user };
        return null;
    }

    private static JsonProblem? ReadInputs(JsonElement root, out List<EmbeddingInput>? inputs)
    {
        inputs = null;
        if (JsonRead.IsNullOrMissing(root, Input, out var input))
        {
            return JsonProblem.Missing(Input);
        }

        switch (input.ValueKind)
        {
            case JsonValueKind.String:
                inputs = [new EmbeddingInput(input.GetString(), 0)];
                return input.GetString()!.Length == 0 ? JsonProblem.Invalid(Input, "empty string. Expected a non-empty string to embed.") : null;
            case JsonValueKind.Array:
                break;
            default:
                return JsonProblem.WrongType(Input, "a string, an array of strings, an array of token ids or an array of token-id arrays", input);
        }

        var count = input.GetArrayLength();
        if (count == 0)
        {
            return JsonProblem.Invalid(Input, "empty array. Expected an array with minimum length 1, but got an empty array instead.");
        }

        if (input[0].ValueKind == JsonValueKind.Number)
        {
            // One input given as token ids.
            var problem = TokenIds(input, Input, out var ids);
            inputs = [new EmbeddingInput(null, ids)];
            return problem;
        }

        if (count > MaxInputs)
        {
            return JsonProblem.Invalid(Input, $"array too long. Expected an array with maximum length {MaxInputs}, but got an array with length {count} instead.");
        }

        inputs = new List<EmbeddingInput>(count);
        var kind = input[0].ValueKind;
        var i = 0;
        foreach (var item in input.EnumerateArray())
        {
            var path = $"{Input}[{i++}]";
            var problem = item.ValueKind != kind || kind is not (JsonValueKind.String or JsonValueKind.Array)
                ? JsonProblem.WrongType(path, kind == JsonValueKind.Array ? "an array of token ids, as the first input" : "a string, as the first input", item)
                : kind == JsonValueKind.String
                    ? (item.GetString()!.Length == 0 ? JsonProblem.Invalid(path, "empty string. Expected a non-empty string to embed.") : null)
                    : TokenIds(item, path, out _);
            if (problem is not null)
            {
                return problem;
            }

            inputs.Add(kind == JsonValueKind.String ? new EmbeddingInput(item.GetString(), 0) : new EmbeddingInput(null, item.GetArrayLength()));
        }

        return null;
    }

    /// <summary>A non-empty array of non-negative integer token ids; <paramref name="count"/> is its length.</summary>
    private static JsonProblem? TokenIds(JsonElement array, string path, out int count)
    {
        count = array.GetArrayLength();
        if (count == 0)
        {
            return JsonProblem.Invalid(path, "empty array. Expected at least one token id.");
        }

        var i = 0;
        foreach (var id in array.EnumerateArray())
        {
            if (id.ValueKind != JsonValueKind.Number || !id.TryGetInt32(out var value) || value < 0)
            {
                return JsonProblem.WrongType($"{path}[{i}]", "a non-negative integer token id", id);
            }

            i++;
        }

        return null;
    }
}
