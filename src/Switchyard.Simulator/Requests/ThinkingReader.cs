using System.Text.Json;

namespace Switchyard.Simulator.Requests;

/// <summary>
/// Reads Anthropic's <c>thinking</c> (PROTOCOLS §4.2) and rejects what the real API rejects, in its wording: a budget
/// under 1024 tokens, a budget not below <c>max_tokens</c>, an assistant prefill (§4.7), a final assistant turn that calls
/// tools without opening with thinking, a forced tool choice, and sampling changes (<c>temperature</c>, <c>top_k</c>, a low <c>top_p</c>).
/// </summary>
internal static class ThinkingReader
{
    private const string Docs = "Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking";

    /// <summary>Reads <c>thinking</c>; <paramref name="thinking"/> is null when absent, <c>disabled</c> or on error.</summary>
    public static WireError? Read(JsonElement root, int? maxTokens, out ThinkingConfig? thinking)
    {
        thinking = null;
        if (!root.TryGetProperty("thinking", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        switch (JsonText.GetString(value, "type"))
        {
            case "disabled":
                return null;
            case "adaptive":
                thinking = new ThinkingConfig(null);
                return null;
            case "enabled":
                break;
            case var type:
                return Fail($"thinking: Input tag '{type}' found using 'type' does not match any of the expected tags: 'adaptive', 'disabled', 'enabled'");
        }

        if (JsonText.GetLaxInt(value, "budget_tokens") is not { } budget)
        {
            return Fail("thinking.enabled.budget_tokens: Field required");
        }

        if (budget < 1024)
        {
            return Fail("thinking.enabled.budget_tokens: Input should be greater than or equal to 1024");
        }

        if (maxTokens is { } max && budget >= max)
        {
            return Fail($"`max_tokens` must be greater than `thinking.budget_tokens`. {Docs}#max-tokens-and-context-window-size");
        }

        thinking = new ThinkingConfig(budget);
        return null;
    }

    /// <summary>The error for a final assistant message (a prefill) whose first block is <paramref name="found"/> while thinking is on.</summary>
    public static WireError Prefill(int messageIndex, string found) => Fail(
        $"messages.{messageIndex}.content.0.type: Expected `thinking` or `redacted_thinking`, but found `{found}`. When `thinking` is enabled, "
        + "a final `assistant` message must start with a thinking block (preceeding the lastmost set of `tool_use` and `tool_result` blocks). "
        + $"We recommend you include thinking blocks from previous turns. To avoid this requirement, disable `thinking`. {Docs}");

    /// <summary>
    /// With thinking on, the API refuses a <c>temperature</c> other than 1, any <c>top_k</c> and a <c>top_p</c> under 0.95.
    /// </summary>
    public static WireError? Sampling(JsonElement root)
    {
        if (root.TryGetProperty("temperature", out var temperature) && temperature.ValueKind == JsonValueKind.Number && temperature.GetDouble() != 1)
        {
            return Fail($"`temperature` may only be set to 1 when thinking is enabled. {Docs}#feature-compatibility");
        }

        if (root.TryGetProperty("top_k", out var topK) && topK.ValueKind != JsonValueKind.Null)
        {
            return Fail($"`top_k` must be unset when thinking is enabled. {Docs}#feature-compatibility");
        }

        return root.TryGetProperty("top_p", out var topP) && topP.ValueKind == JsonValueKind.Number && topP.GetDouble() < 0.95
            ? Fail($"`top_p` must be greater than or equal to 0.95 or unset when thinking is enabled. {Docs}#feature-compatibility")
            : null;
    }

    /// <summary>The error for thinking with <c>tool_choice</c> <c>any</c> or <c>tool</c>.</summary>
    public static WireError ForcedToolUse() => Fail("Thinking may not be enabled when tool_choice forces tool use.");

    private static WireError Fail(string message) => new(400, "invalid_request_error", message);
}
