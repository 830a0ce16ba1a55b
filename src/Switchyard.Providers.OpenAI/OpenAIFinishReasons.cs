using Switchyard.Model;

namespace Switchyard.Providers.OpenAI;

/// <summary>Maps <c>finish_reason</c> both ways (PROTOCOLS.md §5.3).</summary>
internal static class OpenAIFinishReasons
{
    /// <summary>
    /// Reads a provider's finish reason. Unknown values (OpenAI-compatible servers invent some) read as
    /// <see cref="FinishReason.Stop"/>: the answer did end, and a null would make the response look cut off.
    /// </summary>
    public static FinishReason? Read(string? value) => value switch
    {
        null => null,
        "stop" => FinishReason.Stop,
        "length" => FinishReason.Length,
        "tool_calls" or "function_call" => FinishReason.ToolCalls,
        "content_filter" => FinishReason.ContentFilter,
        _ => FinishReason.Stop,
    };

    /// <summary>Writes a canonical finish reason; null (a provider that omitted it) is written as <c>stop</c>.</summary>
    public static string Write(FinishReason? reason) => reason switch
    {
        null or FinishReason.Stop or FinishReason.StopSequence or FinishReason.PauseTurn => "stop",
        FinishReason.Length or FinishReason.ContextWindowExceeded => "length",
        FinishReason.ToolCalls => "tool_calls",
        FinishReason.ContentFilter => "content_filter",
        _ => "stop",
    };
}
