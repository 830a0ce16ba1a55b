namespace Switchyard.Simulator;

/// <summary>What the simulator answers to a request when no fault applies.</summary>
/// <param name="Text">The assistant text in the response (for a continuation: only the remainder).</param>
/// <param name="ToolCalls">Tool calls, empty for a text answer.</param>
/// <param name="FinishReason">Provider value: <c>stop</c>/<c>length</c>/<c>tool_calls</c> or <c>end_turn</c>/<c>max_tokens</c>/<c>tool_use</c>.</param>
/// <param name="PromptTokens">Reported prompt (input) tokens.</param>
/// <param name="CompletionTokens">Reported completion (output) tokens, thinking included.</param>
public sealed record SimulatedAnswer(
    string Text,
    IReadOnlyList<SimulatedToolCall> ToolCalls,
    string FinishReason,
    int PromptTokens,
    int CompletionTokens)
{
    /// <summary>
    /// The text of the Anthropic <c>thinking</c> block sent before <see cref="Text"/> or the tool calls, when the request
    /// enables extended thinking; null otherwise. Its tokens are part of <see cref="CompletionTokens"/>.
    /// </summary>
    public string? Thinking { get; init; }
}
