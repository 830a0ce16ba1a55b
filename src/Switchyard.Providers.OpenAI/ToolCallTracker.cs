using Switchyard.Model;

namespace Switchyard.Providers.OpenAI;

/// <summary>
/// Enforces the API's pairing rule while messages are read: <c>tool</c> messages answer the tool calls of the assistant
/// message right before them, and every call gets an answer. Anthropic enforces the same rule, so checking it at the
/// front door keeps a cross-format route from failing upstream with a less clear message.
/// </summary>
internal sealed class ToolCallTracker
{
    private readonly HashSet<string> _callIds = new(StringComparer.Ordinal);
    private readonly HashSet<string> _pending = new(StringComparer.Ordinal);
    private bool _inToolRun;
    private int _assistantIndex;

    public JsonProblem? Check(ChatMessage message, int index)
    {
        if (message.Role == ChatRole.Tool)
        {
            var path = $"messages[{index}]";
            if (!_inToolRun)
            {
                return new JsonProblem(
                    "Invalid parameter: messages with role 'tool' must be a response to a preceding message with 'tool_calls'.", $"{path}.role");
            }

            foreach (var result in message.Content.OfType<ToolResultPart>())
            {
                if (!_callIds.Contains(result.ToolCallId))
                {
                    return new JsonProblem(
                        $"Invalid parameter: 'tool_call_id' of '{result.ToolCallId}' not found in 'tool_calls' of previous message.",
                        $"{path}.tool_call_id");
                }

                _pending.Remove(result.ToolCallId);
            }

            return null;
        }

        var problem = Finish();
        if (problem is not null)
        {
            return problem;
        }

        _inToolRun = false;
        _callIds.Clear();
        if (message.Role == ChatRole.Assistant)
        {
            foreach (var call in message.Content.OfType<ToolCallPart>())
            {
                _inToolRun = true;
                _callIds.Add(call.Id);
                _pending.Add(call.Id);
            }

            _assistantIndex = index;
        }

        return null;
    }

    public JsonProblem? Finish() => _pending.Count == 0
        ? null
        : new JsonProblem(
            "An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. "
            + $"The following tool_call_ids did not have response messages: {string.Join(", ", _pending.Order(StringComparer.Ordinal))}",
            $"messages[{_assistantIndex}].role");
}
