using System.Text.Json;
using Switchyard.Model;

namespace Switchyard.Providers.OpenAI;

/// <summary>
/// Parses and validates a client's Chat Completions request (PROTOCOLS.md §1.2) into a <see cref="ChatRequest"/>.
/// Messages and param paths imitate the real API (<c>messages[2].content</c>) so SDK users see familiar errors.
/// Unknown fields are accepted: same-format routes forward the raw body, which keeps them.
/// </summary>
internal static partial class OpenAIRequestReader
{
    internal const string UnparsableBody =
        "We could not parse the JSON body of your request. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.";

    public static CodecResult<ChatRequest> Read(ReadOnlyMemory<byte> body) => RequestBody.Read<ChatRequest>(body, ReadRoot);

    private static JsonProblem? ReadRoot(JsonElement root, out ChatRequest? request)
    {
        request = null;
        JsonProblem? problem;
        if ((problem = ReadModel(root, out var model)) is not null
            || (problem = ReadMessages(root, out var messages)) is not null
            || (problem = ReadSampling(root, out var sampling)) is not null
            || (problem = ReadTools(root, out var tools)) is not null
            || (problem = ReadResponseFormat(root, out var responseFormat)) is not null
            || (problem = ReadStreaming(root, out var stream, out var includeUsage)) is not null
            || (problem = ReadUser(root, out var user)) is not null
            || (problem = OpenAIPromptCache.Read(root, out var cacheKey, out var cacheRetention)) is not null
            || (problem = OpenAIReasoning.ReadEffort(root, "reasoning_effort", "reasoning_effort", out var reasoning)) is not null)
        {
            return problem;
        }

        request = new ChatRequest
        {
            Model = model!,
            Messages = messages!,
            MaxOutputTokens = sampling.MaxOutputTokens,
            Temperature = sampling.Temperature,
            TopP = sampling.TopP,
            StopSequences = sampling.Stop,
            PresencePenalty = sampling.PresencePenalty,
            FrequencyPenalty = sampling.FrequencyPenalty,
            Seed = sampling.Seed,
            Tools = tools.Tools,
            ToolChoice = tools.Choice,
            ParallelToolCalls = tools.Parallel,
            ResponseFormat = responseFormat,
            Stream = stream,
            IncludeUsage = includeUsage,
            User = user,
            PromptCacheKey = cacheKey,
            PromptCacheRetention = cacheRetention,
            Reasoning = reasoning,
        };
        return null;
    }

    /// <summary>The required, non-blank <c>model</c> string (every OpenAI request door but Responses, whose rules differ).</summary>
    internal static JsonProblem? ReadModel(JsonElement root, out string? model)
    {
        model = null;
        if (!root.TryGetProperty("model", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return JsonProblem.Missing("model");
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            return JsonProblem.WrongType("model", "a string", element);
        }

        model = element.GetString();
        return string.IsNullOrWhiteSpace(model) ? JsonProblem.Invalid("model", "empty string. Expected a non-empty model name.") : null;
    }

    private static JsonProblem? ReadStreaming(JsonElement root, out bool stream, out bool includeUsage)
    {
        stream = false;
        includeUsage = false;
        var problem = OptionalBool(root, "stream", out var streamValue);
        if (problem is not null)
        {
            return problem;
        }

        stream = streamValue ?? false;
        if (JsonRead.IsNullOrMissing(root, "stream_options", out var options))
        {
            return null;
        }

        if (!stream)
        {
            return new JsonProblem(
                "Invalid value for 'stream_options': 'stream_options' is only allowed when 'stream' is enabled.", "stream_options");
        }

        if (options.ValueKind != JsonValueKind.Object)
        {
            return JsonProblem.WrongType("stream_options", "an object", options);
        }

        problem = OptionalBool(options, "include_usage", out var usage, "stream_options.")
            ?? OptionalBool(options, "include_obfuscation", out _, "stream_options.");
        includeUsage = usage ?? false;
        return problem;
    }

    private static JsonProblem? ReadUser(JsonElement root, out string? user)
    {
        user = null;
        JsonProblem? problem;
        if ((problem = OptionalString(root, "safety_identifier", out var safety)) is not null
            || (problem = OptionalString(root, "user", out var legacy)) is not null)
        {
            return problem;
        }

        // safety_identifier is the documented successor of user; prefer it when both are sent.
        user = safety ?? legacy;
        return null;
    }

    internal static JsonProblem? OptionalBool(JsonElement parent, string name, out bool? value, string prefix = "")
    {
        value = null;
        if (JsonRead.IsNullOrMissing(parent, name, out var element))
        {
            return null;
        }

        if (element.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            return JsonProblem.WrongType(prefix + name, "a boolean", element);
        }

        value = element.GetBoolean();
        return null;
    }

    internal static JsonProblem? OptionalString(JsonElement parent, string name, out string? value, string prefix = "")
    {
        value = null;
        if (JsonRead.IsNullOrMissing(parent, name, out var element))
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            return JsonProblem.WrongType(prefix + name, "a string", element);
        }

        value = element.GetString();
        return null;
    }
}
