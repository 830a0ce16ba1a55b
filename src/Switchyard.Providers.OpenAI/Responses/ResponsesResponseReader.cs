using System.Text;
using System.Text.Json;
using Switchyard.Failures;
using Switchyard.Model;

namespace Switchyard.Providers.OpenAI;

/// <summary>
/// Parses an upstream's non-streaming <c>object:"response"</c> body. A body we cannot use is the provider's fault and
/// fails as <see cref="FailureKind.ServerError"/>; a <c>failed</c> response is classified by its <c>error.code</c>.
/// </summary>
internal static class ResponsesResponseReader
{
    public static CodecResult<ChatResponse> Read(ReadOnlyMemory<byte> body) => AnswerBody.Read<ChatResponse>(body, Read, Malformed);

    private static CodecResult<ChatResponse> Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Malformed("the body is not a JSON object");
        }

        var status = JsonRead.String(root, "status");
        if (JsonRead.Object(root, "error") is { } error)
        {
            return OpenAIErrorClassifier.ClassifyResponseError(error);
        }

        switch (status)
        {
            case "completed" or "incomplete" or null:
                break;
            case "failed":
                return new Failure(FailureKind.ServerError, "OpenAI reported the response as failed without an error.") { Provider = "openai" };
            default:
                // queued, in_progress (a background response) or cancelled: there is no answer to give yet, or ever.
                return new Failure(FailureKind.ServerError, $"OpenAI returned a response in status '{status}', which has no final output.")
                {
                    Provider = "openai",
                };
        }

        if (JsonRead.Array(root, "output") is not { } output)
        {
            return Malformed("'output' is missing");
        }

        var content = new List<ContentPart>();
        string? refusal = null;
        foreach (var item in output.EnumerateArray())
        {
            var problem = ReadItem(item, content, ref refusal);
            if (problem is not null)
            {
                return Malformed(problem);
            }
        }

        return new ChatResponse
        {
            Id = JsonRead.String(root, "id") ?? string.Empty,
            Model = JsonRead.String(root, "model") ?? string.Empty,
            Content = content,
            FinishReason = ResponsesStatus.Read(root, sawFunctionCall: content.Any(p => p is ToolCallPart)),
            Usage = ResponsesUsage.Read(root),
            Created = JsonRead.Int64(root, "created_at") is { } created && created is >= 0 and < 253402300800
                ? DateTimeOffset.FromUnixTimeSeconds(created)
                : default,
            Refusal = refusal,
        };
    }

    private static string? ReadItem(JsonElement item, List<ContentPart> content, ref string? refusal)
    {
        switch (JsonRead.String(item, "type"))
        {
            case "message":
                foreach (var part in JsonRead.Elements(item, "content"))
                {
                    if (JsonRead.String(part, "type") == "output_text" && JsonRead.String(part, "text") is { Length: > 0 } text)
                    {
                        content.Add(new TextPart(text));
                    }
                    else if (JsonRead.String(part, "type") == "refusal" && JsonRead.String(part, "refusal") is { } r)
                    {
                        refusal = refusal is null ? r : refusal + r;
                    }
                }

                return null;
            case "function_call":
                if (JsonRead.String(item, "name") is not { } name)
                {
                    return "a function_call item has no name";
                }

                content.Add(new ToolCallPart(JsonRead.String(item, "call_id") ?? string.Empty, name, JsonRead.String(item, "arguments") ?? "{}"));
                return null;
            case "reasoning":
                var summary = new StringBuilder();
                foreach (var part in JsonRead.Elements(item, "summary"))
                {
                    summary.Append(JsonRead.String(part, "text"));
                }

                if (summary.Length > 0)
                {
                    content.Add(new ThinkingPart(summary.ToString(), Signature: null));
                }

                return null;
            default:
                // Built-in tool calls (web search, …) ran inside OpenAI; they are not the client's to see in canonical form.
                return null;
        }
    }

    private static Failure Malformed(string detail) =>
        new(FailureKind.ServerError, $"OpenAI returned a malformed response object: {detail}.") { Provider = "openai" };
}
