using Switchyard.Model;

namespace Switchyard.Streaming;

/// <summary>
/// Builds the request that continues a generation which broke after part of its text reached the client
/// (PROTOCOLS.md §4.7). Pure and thread-safe.
/// </summary>
public static class ContinuationPlanner
{
    /// <summary>
    /// The continuation request for <paramref name="original"/>, or <see langword="null"/> when it cannot be continued:
    /// the original asks for JSON output (a continued JSON document cannot be validated or stitched safely), or
    /// <paramref name="partialText"/> is empty or only whitespace (there is nothing to continue from; re-run the original).
    /// </summary>
    /// <remarks>
    /// <para>
    /// The messages are the original ones plus the partial answer as an assistant turn (appended to the original's last
    /// turn when that is already an assistant turn, i.e. the client prefilled), and for
    /// <see cref="ContinuationStyle.ContinuationTurn"/> a user turn with <see cref="ContinuationPrompt.Text"/>. A prefill is
    /// trimmed of trailing whitespace, which the plan reports in <see cref="ContinuationPlan.TrimmedWhitespace"/>; feed the
    /// continuation through <see cref="ContinuationPlan.CreateTrimmer"/> so that whitespace is neither doubled nor lost.
    /// </para>
    /// <para>
    /// <see cref="ChatRequest.MaxOutputTokens"/> becomes the budget left (at least 1; still null when the original had none).
    /// Everything else, <see cref="ChatRequest.Stream"/>, tools and tool choice included, is unchanged: the planner is only
    /// for free-text output, and only text is passed in, so a tool call cut off mid-way is the caller's to drop; keeping
    /// the tools keeps the request valid for conversations that already hold tool calls and results.
    /// </para>
    /// </remarks>
    /// <param name="original">The request that broke.</param>
    /// <param name="partialText">The text the client already received from the broken generation.</param>
    /// <param name="outputTokensUsed">Output tokens the broken generation consumed.</param>
    /// <param name="style">How to continue; usually <see cref="StyleFor"/>.</param>
    public static ContinuationPlan? Plan(ChatRequest original, string partialText, int outputTokensUsed, ContinuationStyle style)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(partialText);
        ArgumentOutOfRangeException.ThrowIfNegative(outputTokensUsed);
        if (style is not (ContinuationStyle.Prefill or ContinuationStyle.ContinuationTurn))
        {
            throw new ArgumentOutOfRangeException(nameof(style), style, "Unknown continuation style.");
        }

        if (original.ResponseFormat is { Kind: not ResponseFormatKind.Text } || string.IsNullOrWhiteSpace(partialText))
        {
            return null;
        }

        var assistantText = style == ContinuationStyle.Prefill ? partialText.TrimEnd() : partialText;
        var messages = new List<ChatMessage>(original.Messages.Count + 2);
        messages.AddRange(original.Messages);
        if (messages is [.., { Role: ChatRole.Assistant } last])
        {
            messages[^1] = last with { Content = [.. last.Content, new TextPart(assistantText)] };
        }
        else
        {
            messages.Add(ChatMessage.FromText(ChatRole.Assistant, assistantText));
        }

        if (style == ContinuationStyle.ContinuationTurn)
        {
            messages.Add(ChatMessage.FromText(ChatRole.User, ContinuationPrompt.Text));
        }

        var request = original with
        {
            Messages = messages,
            MaxOutputTokens = original.MaxOutputTokens is { } max ? Math.Max(1, max - outputTokensUsed) : null,
        };
        return new ContinuationPlan(request, partialText[assistantText.Length..]);
    }

    /// <summary>
    /// The style a provider and model support: <see cref="ContinuationStyle.Prefill"/> only for the <c>anthropic</c>
    /// provider on a Claude model older than 4.6 (Claude 1–3.x, Opus 4/4.1, Sonnet 4/4.5, Haiku 4.5); every other
    /// provider, every Claude 4.6 or later (Opus 4.6+ and Sonnet 4.6+ reject prefill), and any model name that does not
    /// parse get <see cref="ContinuationStyle.ContinuationTurn"/>, which every model accepts.
    /// </summary>
    /// <param name="provider">The provider name (<c>anthropic</c>, <c>openai</c>, …), compared case-insensitively.</param>
    /// <param name="model">The upstream model id, with or without a date, a Bedrock/Vertex prefix or suffix.</param>
    public static ContinuationStyle StyleFor(string provider, string model)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(model);
        return string.Equals(provider, "anthropic", StringComparison.OrdinalIgnoreCase)
            && ClaudeModelVersion.TryParse(model, out var version)
            && (version.Major < 4 || (version.Major == 4 && version.Minor < 6))
                ? ContinuationStyle.Prefill
                : ContinuationStyle.ContinuationTurn;
    }
}
