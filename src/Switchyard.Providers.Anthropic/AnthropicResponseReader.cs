using System.Text.Json;
using Switchyard.Failures;
using Switchyard.Model;

namespace Switchyard.Providers.Anthropic;

/// <summary>
/// Parses a provider's non-streaming Message (PROTOCOLS.md §4.3). A body that is not a message is a provider fault
/// (<see cref="FailureKind.ServerError"/>: another attempt or target may do better), except an error object inside a
/// 2xx, which is classified like any error body.
/// </summary>
internal static class AnthropicResponseReader
{
    public static CodecResult<ChatResponse> Read(ReadOnlyMemory<byte> body, DateTimeOffset now)
    {
        using var doc = AnthropicJson.TryParse(body, out var parseError);
        if (doc is null)
        {
            return Malformed($"the body is not valid JSON ({parseError})");
        }

        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Malformed("the body is not a JSON object");
        }

        if (root.GetStringOrNull("type") == "error")
        {
            return AnthropicErrorCodec.Read(200, body.Span, retryAfter: null);
        }

        if (root.GetStringOrNull("id") is not { } id)
        {
            return Malformed("'id' is missing");
        }

        if (!root.TryGet("content", out var content) || content.ValueKind != JsonValueKind.Array)
        {
            return Malformed("'content' is missing or not a list");
        }

        var parts = new List<ContentPart>(content.GetArrayLength());
        foreach (var block in content.EnumerateArray())
        {
            if (ReadBlock(block) is { } part)
            {
                parts.Add(part);
            }
            else
            {
                return Malformed($"a content block is malformed: {Excerpt(block)}");
            }
        }

        string? refusal = null;
        if (root.TryGet("stop_details", out var details))
        {
            refusal = details.GetStringOrNull("explanation");
        }

        return new ChatResponse
        {
            Id = id,
            Model = root.GetStringOrNull("model") ?? string.Empty,
            Content = parts,
            FinishReason = AnthropicStopReason.Parse(root.GetStringOrNull("stop_reason")),
            StopSequence = root.GetStringOrNull("stop_sequence"),
            Usage = root.TryGet("usage", out var usage) && usage.ValueKind == JsonValueKind.Object ? AnthropicUsage.Read(usage) : null,
            Created = now,
            Refusal = refusal,
        };
    }

    /// <summary>One output block; null when a known block type lacks its required fields.</summary>
    internal static ContentPart? ReadBlock(JsonElement block)
    {
        if (block.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        switch (block.GetStringOrNull("type"))
        {
            case "text":
                return block.GetStringOrNull("text") is { } text ? new TextPart(text) : null;
            case "tool_use":
                return block.GetStringOrNull("id") is { } id && block.GetStringOrNull("name") is { } name
                    ? new ToolCallPart(id, name, block.TryGet("input", out var input) ? input.GetRawText() : "{}")
                    : null;
            case "thinking":
                return block.GetStringOrNull("thinking") is { } thinking ? new ThinkingPart(thinking, block.GetStringOrNull("signature")) : null;
            case "redacted_thinking":
                return block.GetStringOrNull("data") is { } data ? new ThinkingPart(data, null, Redacted: true) : null;
            case null:
                return null;
            default:
                // server_tool_use, web_search_tool_result, fallback and future blocks: kept verbatim.
                return new OpaquePart(block.Clone());
        }
    }

    private static Failure Malformed(string what) =>
        new(FailureKind.ServerError, $"Anthropic returned a malformed message: {what}.") { Provider = "anthropic" };

    private static string Excerpt(JsonElement block)
    {
        var raw = block.GetRawText();
        return raw.Length <= 120 ? raw : raw[..120] + "…";
    }
}
