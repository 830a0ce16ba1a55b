using System.Text.Json;
using Switchyard.Model;

namespace Switchyard.Providers.Anthropic;

/// <summary>
/// Parses and validates a client's Messages request (PROTOCOLS.md §4.2) into a canonical <see cref="ChatRequest"/>.
/// Validation stops at the first error and reports it with the field path, as the API does. Unknown top-level fields
/// are accepted: they reach the provider untouched on same-format routes, which pass the raw body through.
/// </summary>
internal static partial class AnthropicRequestReader
{
    /// <summary>Reads a Messages body; with <paramref name="tokenCount"/>, a <c>count_tokens</c> body, which has no <c>max_tokens</c>.</summary>
    public static CodecResult<ChatRequest> Read(ReadOnlyMemory<byte> body, bool tokenCount = false)
    {
        using var doc = AnthropicJson.TryParse(body, out var parseError);
        if (doc is null)
        {
            return CodecResult<ChatRequest>.Invalid($"There was an error parsing the body of your request as JSON: {parseError}");
        }

        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return CodecResult<ChatRequest>.Invalid("The request body must be a JSON object.");
        }

        var error = ReadCore(root, tokenCount, out var request);
        return error is null ? request! : CodecResult<ChatRequest>.Invalid(error.Message, error.Param);
    }

    private static FieldError? ReadCore(JsonElement root, bool tokenCount, out ChatRequest? request)
    {
        request = null;
        if (!root.TryGet("model", out var model))
        {
            return FieldError.Required("model");
        }

        if (model.ValueKind != JsonValueKind.String)
        {
            return FieldError.NotString("model");
        }

        if (model.GetString() is not { Length: > 0 } modelName)
        {
            return new FieldError("model", "String should have at least 1 character");
        }

        if (!tokenCount && !root.TryGet("max_tokens", out _))
        {
            return FieldError.Required("max_tokens");
        }

        // Sequential checks (not one ?? chain) so every out value is definitely assigned below.
        var messages = new List<ChatMessage>();
        FieldError? error;
        // max_tokens 0 is a cache pre-warm: the prompt is written to the cache and nothing is generated.
        if ((error = ReadInteger(root, "max_tokens", 0, out var maxTokens)) is not null
            || (error = ReadSystem(root, messages)) is not null
            || (error = ReadMessages(root, messages)) is not null
            || (error = ReadStopSequences(root, out var stops)) is not null
            || (error = ReadNumber(root, "temperature", 0, 1, out var temperature)) is not null
            || (error = ReadNumber(root, "top_p", 0, 1, out var topP)) is not null
            || (error = ReadInteger(root, "top_k", 0, out var topK)) is not null
            || (error = ReadBool(root, "stream", out var stream)) is not null
            || (error = ReadMetadata(root, out var user)) is not null
            || (error = ReadTools(root, out var tools)) is not null
            || (error = ReadToolChoice(root, out var toolChoice, out var parallel)) is not null
            || (error = ReadThinking(root, maxTokens ?? (tokenCount ? int.MaxValue : 0), out var thinking)) is not null
            || (error = ReadOutputConfig(root, out var format, out var effort)) is not null
            || (error = AnthropicCacheControl.Read(root, string.Empty, out var cache)) is not null)
        {
            return error;
        }

        request = new ChatRequest
        {
            Model = modelName,
            Messages = messages,
            MaxOutputTokens = maxTokens,
            Temperature = temperature,
            TopP = topP,
            TopK = topK,
            StopSequences = stops,
            Tools = tools,
            ToolChoice = toolChoice,
            ParallelToolCalls = parallel,
            ResponseFormat = format,
            User = user,
            Stream = stream ?? false,
            Reasoning = CombineReasoning(thinking, effort),
            Cache = cache,
        };
        return null;
    }

    private static FieldError? ReadInteger(JsonElement root, string name, int min, out int? value)
    {
        value = null;
        if (!root.TryGet(name, out var element))
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Number)
        {
            return new FieldError(name, "Input should be a valid integer");
        }

        if (!element.TryGetInt32(out var n))
        {
            // Like the API (pydantic, lax mode), 1024.0 is an integer; 1.5 and 1e99 are not.
            if (!element.TryGetDouble(out var d) || d != Math.Floor(d) || d > int.MaxValue || d < int.MinValue)
            {
                return new FieldError(name, "Input should be a valid integer, got a number with a fractional part or out of range");
            }

            n = (int)d;
        }

        if (n < min)
        {
            return new FieldError(name, $"Input should be greater than or equal to {min}");
        }

        value = n;
        return null;
    }

    private static FieldError? ReadNumber(JsonElement root, string name, double min, double max, out double? value)
    {
        value = null;
        if (!root.TryGet(name, out var element))
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out var d))
        {
            return new FieldError(name, "Input should be a valid number");
        }

        if (d < min)
        {
            return new FieldError(name, $"Input should be greater than or equal to {min}");
        }

        if (d > max)
        {
            return new FieldError(name, $"Input should be less than or equal to {max}");
        }

        value = d;
        return null;
    }

    private static FieldError? ReadBool(JsonElement root, string name, out bool? value)
    {
        value = null;
        if (!root.TryGet(name, out var element))
        {
            return null;
        }

        if (element.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            return FieldError.NotBool(name);
        }

        value = element.GetBoolean();
        return null;
    }

    private static FieldError? ReadStopSequences(JsonElement root, out IReadOnlyList<string>? stops)
    {
        stops = null;
        if (!root.TryGet("stop_sequences", out var element))
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            return FieldError.NotList("stop_sequences");
        }

        var list = new List<string>(element.GetArrayLength());
        var i = 0;
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                return FieldError.NotString($"stop_sequences.{i}");
            }

            list.Add(item.GetString()!);
            i++;
        }

        stops = list;
        return null;
    }

    private static FieldError? ReadMetadata(JsonElement root, out string? user)
    {
        user = null;
        if (!root.TryGet("metadata", out var metadata))
        {
            return null;
        }

        if (metadata.ValueKind != JsonValueKind.Object)
        {
            return FieldError.NotObject("metadata");
        }

        if (metadata.TryGet("user_id", out var id))
        {
            if (id.ValueKind != JsonValueKind.String)
            {
                return FieldError.NotString("metadata.user_id");
            }

            user = id.GetString();
        }

        return null;
    }
}
