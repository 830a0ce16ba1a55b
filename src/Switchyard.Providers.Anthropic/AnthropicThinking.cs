using System.Text.Json;
using Switchyard.Model;

namespace Switchyard.Providers.Anthropic;

/// <summary>
/// Extended thinking for a translated request (PROTOCOLS.md §5.2, <c>reasoning_effort</c> → <c>thinking</c>). A
/// client's reasoning effort becomes a thinking budget, and only where the API accepts thinking: a request it would
/// refuse with thinking on is better served without it, since the answer matters more than the reasoning behind it.
/// </summary>
internal static class AnthropicThinking
{
    /// <summary>
    /// The budget to send, or null for no thinking. An effort's budget (<see cref="ReasoningRequest.DefaultBudget"/>)
    /// is capped at three quarters of <paramref name="maxTokens"/>, which covers thinking and answer alike, so the
    /// answer keeps room; a client's own budget is kept below <paramref name="maxTokens"/>, as the API requires. No
    /// thinking when the budget would fall under 1,024 tokens, or when the API refuses thinking: with a forced tool
    /// choice, with a trailing assistant message (a prefill), or after a tool call whose assistant turn does not begin
    /// with a signed thinking block (a Chat or Responses client's history never has one).
    /// </summary>
    public static int? BudgetFor(ChatRequest request, int maxTokens)
    {
        if (request.Reasoning is not { Enabled: true } reasoning
            || request.ToolChoice?.Mode is ToolChoiceMode.Required or ToolChoiceMode.Specific
            || !HistoryAllowsThinking(request.Messages))
        {
            return null;
        }

        var budget = reasoning.BudgetTokens is { } own
            ? Math.Min(own, maxTokens - 1)
            : Math.Min(ReasoningRequest.DefaultBudget(reasoning.Effort), ReasoningRequest.BudgetRoomUnder(maxTokens) ?? 0);
        return budget >= ReasoningRequest.MinThinkingBudget ? budget : null;
    }

    /// <summary>Writes <c>thinking</c> for <paramref name="budget"/>: <c>adaptive</c> when the client asked for it.</summary>
    public static void Write(Utf8JsonWriter w, ReasoningRequest reasoning, int budget)
    {
        w.WriteStartObject("thinking");
        if (reasoning.Adaptive)
        {
            w.WriteString("type", "adaptive");
        }
        else
        {
            w.WriteString("type", "enabled");
            w.WriteNumber("budget_tokens", budget);
        }

        w.WriteEndObject();
    }

    /// <summary>With thinking on, the API takes <c>top_p</c> only from 0.95 to 1; a lower one is left out.</summary>
    public static bool AcceptsTopP(double topP) => topP >= 0.95;

    private static bool HistoryAllowsThinking(IReadOnlyList<ChatMessage> messages)
    {
        if (messages is [.., { Role: ChatRole.Assistant }])
        {
            return false;
        }

        for (var i = messages.Count - 1; i >= 0; i--)
        {
            if (messages[i].Role != ChatRole.Assistant)
            {
                continue;
            }

            var content = messages[i].Content;
            return !content.Any(p => p is ToolCallPart) || content is [ThinkingPart { Signature.Length: > 0 } or ThinkingPart { Redacted: true }, ..];
        }

        return true;
    }
}
