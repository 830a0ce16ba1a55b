using Switchyard.Model;

namespace Switchyard.Providers.Anthropic;

/// <summary>Anthropic <c>stop_reason</c> ⇄ canonical <see cref="FinishReason"/> (PROTOCOLS.md §5.3).</summary>
internal static class AnthropicStopReason
{
    /// <summary>
    /// Maps a wire stop reason. Unknown values (new reasons ship without notice) map to <see cref="FinishReason.Stop"/>
    /// so a new reason never breaks a response; null stays null.
    /// </summary>
    public static FinishReason? Parse(string? value) => value switch
    {
        null => null,
        "end_turn" => FinishReason.Stop,
        "stop_sequence" => FinishReason.StopSequence,
        "max_tokens" => FinishReason.Length,
        "tool_use" => FinishReason.ToolCalls,
        "refusal" => FinishReason.ContentFilter,
        "model_context_window_exceeded" => FinishReason.ContextWindowExceeded,
        "pause_turn" => FinishReason.PauseTurn,
        _ => FinishReason.Stop,
    };

    /// <summary>The wire name of a canonical finish reason.</summary>
    public static string ToWire(FinishReason reason) =>
#pragma warning disable CS8524 // Closed enum: a new named value still fails the build (CS8509).
        reason switch
        {
            FinishReason.Stop => "end_turn",
            FinishReason.StopSequence => "stop_sequence",
            FinishReason.Length => "max_tokens",
            FinishReason.ToolCalls => "tool_use",
            FinishReason.ContentFilter => "refusal",
            FinishReason.ContextWindowExceeded => "model_context_window_exceeded",
            FinishReason.PauseTurn => "pause_turn",
        };
#pragma warning restore CS8524
}
