using Switchyard.Simulator.Runtime;

namespace Switchyard.Simulator.Generation;

/// <summary>
/// Everything a response will say, decided before any byte is written so that streaming and
/// non-streaming renderings of one request carry identical content.
/// </summary>
/// <param name="Text">Answer text (empty when answering with tool calls).</param>
/// <param name="ToolCalls">Tool calls, in order; empty for a text answer.</param>
/// <param name="Truncated">Whether the text was cut at the request's max tokens.</param>
/// <param name="PromptTokens">Prompt size in tokens.</param>
/// <param name="CompletionTokens">Output size in tokens, thinking included.</param>
/// <param name="StreamSeed">Seed for how the text is split into stream deltas.</param>
/// <param name="Thinking">The Anthropic thinking block that comes before the text or tool calls; null without thinking.</param>
internal sealed record ResponsePlan(
    string Text,
    IReadOnlyList<PlannedToolCall> ToolCalls,
    bool Truncated,
    int PromptTokens,
    int CompletionTokens,
    ulong StreamSeed,
    PlannedThinking? Thinking = null)
{
    /// <summary>The prompt tokens read from the prompt cache (both providers) and written to it (Anthropic), a part of <see cref="PromptTokens"/>.</summary>
    public CacheUsage Cache { get; init; }

    /// <summary>
    /// An answer without content: Anthropic's cache pre-warm (<c>max_tokens: 0</c>) writes the prompt to the cache and
    /// generates nothing, so its message has no content blocks.
    /// </summary>
    public bool NoContent { get; init; }

    public bool IsToolCall => ToolCalls.Count > 0;

    public string OpenAIFinishReason => IsToolCall ? "tool_calls" : Truncated ? "length" : "stop";

    public string AnthropicStopReason => IsToolCall ? "tool_use" : Truncated ? "max_tokens" : "end_turn";
}
