using Switchyard.Costs;
using Switchyard.Model;

namespace Switchyard.Memory;

/// <summary>
/// Token counts for memory budgets: o200k (the tokenizer of current OpenAI models, via <see cref="TokenEstimator"/>)
/// whatever model serves the request, so a stored turn's count does not depend on routing. Claude counts run about 20%
/// higher (<see cref="TokenEstimator.ClaudeFactor"/>); the budget is in these o200k tokens. Thread-safe.
/// </summary>
public static class MemoryTokens
{
    private const string CountingModel = "gpt-4o";

    /// <summary>Tokens of one message as sent: content plus <see cref="TokenEstimator.PerMessageOverhead"/>.</summary>
    public static int Count(ChatMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var request = new ChatRequest { Model = CountingModel, Messages = [message] };
        return TokenEstimator.Instance.EstimateInputTokens(request, CountingModel) - TokenEstimator.ReplyPriming;
    }

    /// <summary>Tokens of <paramref name="text"/> alone.</summary>
    public static int Count(string text) => TokenEstimator.CountText(text, CountingModel);
}
