namespace Switchyard.Model;

/// <summary>Why generation ended, in one vocabulary for both providers (PROTOCOLS.md §5.3).</summary>
public enum FinishReason
{
    /// <summary>Natural end (OpenAI <c>stop</c>, Anthropic <c>end_turn</c>).</summary>
    Stop,

    /// <summary>A stop sequence matched (Anthropic <c>stop_sequence</c>; OpenAI reports <c>stop</c>).</summary>
    StopSequence,

    /// <summary>The output token limit was reached (<c>length</c> / <c>max_tokens</c>).</summary>
    Length,

    /// <summary>The model called tools (<c>tool_calls</c> / <c>tool_use</c>).</summary>
    ToolCalls,

    /// <summary>Output was refused or filtered (<c>content_filter</c> / <c>refusal</c>).</summary>
    ContentFilter,

    /// <summary>The context window filled up (Anthropic <c>model_context_window_exceeded</c>; OpenAI <c>length</c>).</summary>
    ContextWindowExceeded,

    /// <summary>Anthropic <c>pause_turn</c>: a server tool paused the turn; OpenAI sees <c>stop</c>.</summary>
    PauseTurn,
}
