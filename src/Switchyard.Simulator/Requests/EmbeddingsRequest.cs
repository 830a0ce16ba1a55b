using System.Text.Json;

namespace Switchyard.Simulator.Requests;

/// <summary>A parsed <c>POST /v1/embeddings</c> body: the inputs (text, or token ids), the model and the vector length.</summary>
internal sealed record EmbeddingsRequest(string Model, IReadOnlyList<EmbeddingInput> Inputs, int Dimensions, bool Base64)
{
    /// <summary>Most inputs one request may carry (OpenAI's limit).</summary>
    public const int MaxInputs = 2048;

    private const string InvalidRequest = "invalid_request_error";

    // Native vector lengths; text-embedding-ada-002 cannot be shortened.
    private static readonly Dictionary<string, int> Models = new(StringComparer.Ordinal)
    {
        ["text-embedding-3-small"] = 1536,
        ["text-embedding-3-large"] = 3072,
        ["text-embedding-ada-002"] = 1536,
    };

    /// <summary>Reads <paramref name="root"/>, or says what OpenAI would say about it.</summary>
    public static (EmbeddingsRequest? Request, WireError? Error) Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Fail(400, "Invalid type for request body: expected an object.", null, "invalid_type");
        }

        if (JsonText.GetString(root, "model") is not { Length: > 0 } model)
        {
            return Fail(400, "you must provide a model parameter", null, null);
        }

        if (!Models.TryGetValue(model, out var native))
        {
            return Fail(404, $"The model `{model}` does not exist or you do not have access to it.", null, "model_not_found");
        }

        if (!root.TryGetProperty("input", out var input) || input.ValueKind == JsonValueKind.Null)
        {
            return Fail(400, "Missing required parameter: 'input'.", "input", "missing_required_parameter");
        }

        if (ReadInputs(input) is not { } inputs)
        {
            return Fail(400, "'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.", "input", null);
        }

        if (inputs.Count > MaxInputs)
        {
            return Fail(400, $"Invalid 'input': array too long. Expected an array with maximum length {MaxInputs}, but got an array with length {inputs.Count} instead.", "input", "array_above_max_length");
        }

        var dimensions = native;
        if (JsonText.Has(root, "dimensions"))
        {
            if (model == "text-embedding-ada-002")
            {
                return Fail(400, "This model does not support specifying dimensions.", "dimensions", null);
            }

            if (JsonText.GetInt(root, "dimensions") is not { } asked || asked < 1 || asked > native)
            {
                return Fail(400, $"Invalid 'dimensions': must be an integer between 1 and {native}.", "dimensions", "invalid_value");
            }

            dimensions = asked;
        }

        var format = JsonText.GetString(root, "encoding_format") ?? "float";
        if (format is not ("float" or "base64"))
        {
            return Fail(400, $"Invalid value: '{format}'. Supported values are: 'float' and 'base64'.", "encoding_format", "invalid_value");
        }

        return (new EmbeddingsRequest(model, inputs, dimensions, format == "base64"), null);
    }

    // A string, an array of strings, an array of token ids, or an array of such arrays; never empty.
    private static List<EmbeddingInput>? ReadInputs(JsonElement input)
    {
        switch (input.ValueKind)
        {
            case JsonValueKind.String:
                return input.GetString() is { Length: > 0 } text ? [new EmbeddingInput(text, null)] : null;
            case JsonValueKind.Array when input.GetArrayLength() > 0:
                if (input.EnumerateArray().All(e => e.ValueKind == JsonValueKind.Number))
                {
                    return Tokens(input) is { } single ? [new EmbeddingInput(null, single)] : null;
                }

                var list = new List<EmbeddingInput>();
                foreach (var item in input.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.String && item.GetString() is { Length: > 0 } itemText)
                    {
                        list.Add(new EmbeddingInput(itemText, null));
                    }
                    else if (item.ValueKind == JsonValueKind.Array && Tokens(item) is { } tokens)
                    {
                        list.Add(new EmbeddingInput(null, tokens));
                    }
                    else
                    {
                        return null;
                    }
                }

                return list;
            default:
                return null;
        }
    }

    private static List<int>? Tokens(JsonElement array)
    {
        var tokens = new List<int>();
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt32(out var token) || token < 0)
            {
                return null;
            }

            tokens.Add(token);
        }

        return tokens.Count > 0 ? tokens : null;
    }

    private static (EmbeddingsRequest?, WireError?) Fail(int status, string message, string? param, string? code) =>
        (null, new WireError(status, InvalidRequest, message, param, code));
}

/// <summary>One input: text, or token ids.</summary>
internal sealed record EmbeddingInput(string? Text, IReadOnlyList<int>? Tokens);
