using System.Text.Json;
using Switchyard.Failures;
using Switchyard.Model;

namespace Switchyard.Providers.OpenAI;

/// <summary>
/// Parses a provider's non-streaming <c>chat.completion</c> body. A body we cannot use is the provider's fault, so it
/// fails as <see cref="FailureKind.ServerError"/> (retryable, may fall back), never as the client's invalid request.
/// </summary>
internal static class OpenAIResponseReader
{
    public static CodecResult<ChatResponse> Read(ReadOnlyMemory<byte> body) => AnswerBody.Read<ChatResponse>(body, Read, Malformed);

    private static CodecResult<ChatResponse> Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Malformed("the body is not a JSON object");
        }

        if (JsonRead.Object(root, "error") is { } error)
        {
            // Some OpenAI-compatible servers answer 200 with an error body.
            return OpenAIErrorClassifier.Classify(null, error, null);
        }

        if (JsonRead.Array(root, "choices") is not { } choices || choices.GetArrayLength() == 0)
        {
            return Malformed("'choices' is missing or empty");
        }

        var choice = choices[0];
        if (JsonRead.Object(choice, "message") is not { } message)
        {
            return Malformed("'choices[0].message' is missing");
        }

        var content = new List<ContentPart>();
        if (JsonRead.String(message, "reasoning_content") is { Length: > 0 } reasoning)
        {
            // The extension this gateway writes for Claude's thinking, as do DeepSeek and vLLM; it has no signature.
            content.Add(new ThinkingPart(reasoning, Signature: null));
        }

        if (JsonRead.String(message, "content") is { Length: > 0 } text)
        {
            content.Add(new TextPart(text));
        }

        if (JsonRead.Array(message, "tool_calls") is { } calls)
        {
            foreach (var call in calls.EnumerateArray())
            {
                var function = JsonRead.Object(call, "function");
                if (function is null || JsonRead.String(function.Value, "name") is not { } name)
                {
                    return Malformed("a tool call has no function name");
                }

                content.Add(new ToolCallPart(JsonRead.String(call, "id") ?? string.Empty, name, JsonRead.String(function.Value, "arguments") ?? "{}"));
            }
        }

        return new ChatResponse
        {
            Id = JsonRead.String(root, "id") ?? string.Empty,
            Model = JsonRead.String(root, "model") ?? string.Empty,
            Content = content,
            FinishReason = OpenAIFinishReasons.Read(JsonRead.String(choice, "finish_reason")),
            Usage = root.TryGetProperty("usage", out var usage) ? OpenAIUsage.Read(usage) : null,
            Created = JsonRead.Int64(root, "created") is { } created && created is >= 0 and < 253402300800
                ? DateTimeOffset.FromUnixTimeSeconds(created)
                : default,
            Refusal = JsonRead.String(message, "refusal"),
        };
    }

    private static Failure Malformed(string detail) =>
        new(FailureKind.ServerError, $"OpenAI returned a malformed chat completion: {detail}.") { Provider = "openai" };
}
