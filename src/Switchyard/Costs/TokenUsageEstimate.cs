using Switchyard.Model;

namespace Switchyard.Costs;

/// <summary>
/// Usage to bill when the provider never reported any (a broken stream, a cancelled hedge): the estimated prompt, and
/// for output what was streamed, at the usual ~4 characters per token (counting the text again with the tokenizer
/// would mean keeping all of it; the estimate only stands in where the provider's own count is missing).
/// </summary>
/// <param name="InputTokens">Estimated prompt tokens.</param>
/// <param name="StreamedCharacters">Characters of text, thinking and tool arguments streamed before the break.</param>
public readonly record struct TokenUsageEstimate(int InputTokens, long StreamedCharacters = 0)
{
    /// <summary>As canonical usage.</summary>
    public TokenUsage AsUsage() => new(InputTokens, (int)Math.Min(int.MaxValue, (StreamedCharacters + 3) / 4));
}
