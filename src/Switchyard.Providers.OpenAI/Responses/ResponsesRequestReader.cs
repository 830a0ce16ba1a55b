using System.Text.Json;
using Switchyard.Model;
using static Switchyard.Providers.OpenAI.OpenAIRequestReader;

namespace Switchyard.Providers.OpenAI;

/// <summary>
/// Parses and validates a client's <c>POST /v1/responses</c> body (PROTOCOLS.md §2.1) into a <see cref="ChatRequest"/>.
/// Messages and param paths imitate the real API (<c>input[3].type</c>). Fields that steer only OpenAI's own features
/// (<c>reasoning.summary</c>, <c>include</c>, <c>truncation</c>, <c>service_tier</c>, <c>metadata</c>) are type-checked
/// and otherwise ignored: same-format routes forward the raw body, which keeps them. The prompt-cache hints are carried
/// (<see cref="OpenAIPromptCache"/>).
/// </summary>
internal static partial class ResponsesRequestReader
{
    /// <summary>The API's own floor for <c>max_output_tokens</c>.</summary>
    internal const int MinOutputTokens = 16;

    public static CodecResult<ChatRequest> Read(ReadOnlyMemory<byte> body) => RequestBody.Read<ChatRequest>(body, ReadRoot);

    private static JsonProblem? ReadRoot(JsonElement root, out ChatRequest? request)
    {
        request = null;
        var problem = OptionalString(root, "model", out var model);
        if (problem is not null)
        {
            return problem;
        }

        if (model is null)
        {
            return JsonProblem.Missing("model");
        }

        if (string.IsNullOrWhiteSpace(model))
        {
            return JsonProblem.Invalid("model", "empty string. Expected a non-empty model name.");
        }

        if ((problem = ReadControls(root, out var controls)) is not null
            || (problem = ReadInput(root, controls.PreviousResponseId is not null, out var messages)) is not null
            || (problem = ReadTools(root, out var tools)) is not null
            || (problem = OptionalNumber(root, "temperature", 0, 2, out var temperature)) is not null
            || (problem = OptionalNumber(root, "top_p", 0, 1, out var topP)) is not null
            || (problem = OptionalInt(root, "max_output_tokens", MinOutputTokens, int.MaxValue, out var maxOutputTokens)) is not null
            || (problem = ReadTextFormat(root, out var format)) is not null
            || (problem = ReadStreaming(root, out var stream)) is not null
            || (problem = ReadUser(root, out var user)) is not null
            || (problem = OpenAIPromptCache.Read(root, out var cacheKey, out var cacheRetention)) is not null
            || (problem = ReadIgnored(root)) is not null
            || (problem = ReadReasoning(root, out var reasoning)) is not null)
        {
            return problem;
        }

        request = new ChatRequest
        {
            Model = model,
            Messages = messages!,
            MaxOutputTokens = maxOutputTokens,
            Temperature = temperature,
            TopP = topP,
            Tools = tools.Tools,
            ToolChoice = tools.Choice,
            ParallelToolCalls = tools.Parallel,
            ResponseFormat = format,
            Stream = stream,
            // A Responses stream always ends with the full response, usage included; there is no opt-in.
            IncludeUsage = true,
            User = user,
            PromptCacheKey = cacheKey,
            PromptCacheRetention = cacheRetention,
            Reasoning = reasoning,
            Responses = controls,
        };
        return null;
    }

    private static JsonProblem? ReadStreaming(JsonElement root, out bool stream)
    {
        stream = false;
        var problem = OptionalBool(root, "stream", out var value);
        stream = value ?? false;
        if (problem is not null || JsonRead.IsNullOrMissing(root, "stream_options", out var options))
        {
            return problem;
        }

        if (options.ValueKind != JsonValueKind.Object)
        {
            return JsonProblem.WrongType("stream_options", "an object", options);
        }

        // Obfuscation pads deltas against length side channels; the gateway's own stream does not add it.
        return OptionalBool(options, "include_obfuscation", out _, "stream_options.");
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
}
