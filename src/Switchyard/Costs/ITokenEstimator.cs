using Switchyard.Model;

namespace Switchyard.Costs;

/// <summary>Estimates the prompt size of a request before it is sent, for cost reservations and admission.</summary>
public interface ITokenEstimator
{
    /// <summary>
    /// Estimated input tokens of <paramref name="request"/> when sent to <paramref name="model"/> (the upstream model,
    /// which may differ from <see cref="ChatRequest.Model"/> after routing). Implementations must be thread-safe.
    /// </summary>
    int EstimateInputTokens(ChatRequest request, string model);
}
