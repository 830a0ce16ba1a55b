using System.Text.Json;
using Switchyard.Model;

namespace Switchyard.Providers.OpenAI;

/// <summary>Maps a response's <c>status</c> and <c>incomplete_details.reason</c> to and from a canonical finish reason.</summary>
internal static class ResponsesStatus
{
    /// <summary>
    /// The finish reason of a terminal <c>completed</c> or <c>incomplete</c> response. Responses has no "tool calls"
    /// status: a completed response that called functions finished to call them.
    /// </summary>
    public static FinishReason Read(JsonElement response, bool sawFunctionCall)
    {
        if (JsonRead.String(response, "status") == "incomplete")
        {
            var reason = JsonRead.Object(response, "incomplete_details") is { } details ? JsonRead.String(details, "reason") : null;
            // Any other cut-off (unknown reasons included) is a truncated answer, which is what Length means.
            return reason == "content_filter" ? FinishReason.ContentFilter : FinishReason.Length;
        }

        return sawFunctionCall || HasFunctionCall(response) ? FinishReason.ToolCalls : FinishReason.Stop;
    }

    /// <summary>The status and incomplete reason to write for a canonical finish reason.</summary>
    public static (string Status, string? IncompleteReason) Write(FinishReason? reason) => reason switch
    {
        FinishReason.Length or FinishReason.ContextWindowExceeded => ("incomplete", "max_output_tokens"),
        FinishReason.ContentFilter => ("incomplete", "content_filter"),
        _ => ("completed", null),
    };

    private static bool HasFunctionCall(JsonElement response) =>
        JsonRead.Array(response, "output") is { } output && output.EnumerateArray().Any(i => JsonRead.String(i, "type") == "function_call");
}
