using System.Text;
using Switchyard.Model;

namespace Switchyard.EndToEnd.Tests.Translation;

/// <summary>What a client can observe of a stream: text, tool calls, how it ended and usage.</summary>
internal sealed record StreamSummary(string Text, string Refusal, IReadOnlyList<(string Id, string Name, string Arguments)> ToolCalls, string? Finish, TokenUsage? Usage, bool Ended, bool Failed)
{
    public static StreamSummary Of(IEnumerable<StreamEvent> events)
    {
        var text = new StringBuilder();
        var refusal = new StringBuilder();
        var calls = new SortedDictionary<int, (string Id, string Name, StringBuilder Arguments)>();
        string? finish = null;
        TokenUsage? usage = null;
        bool ended = false, failed = false;
        foreach (var e in events)
        {
            switch (e)
            {
                case TextDeltaEvent t: text.Append(t.Text); break;
                case RefusalDeltaEvent r: refusal.Append(r.Text); break;
                case ToolCallStartEvent s: calls[s.Index] = (s.Id, s.Name, new StringBuilder()); break;
                case ToolCallArgumentsDeltaEvent a: calls[a.Index].Arguments.Append(a.Fragment); break;
                case FinishEvent f: finish = Family(f.Reason); break;
                case UsageEvent u: usage = u.Usage; break;
                case StreamEndEvent: ended = true; break;
                case StreamErrorEvent: failed = true; break;
            }
        }

        return new StreamSummary(text.ToString(), refusal.ToString(), calls.Values.Select(c => (c.Id, c.Name, c.Arguments.ToString())).ToList(), RefusalAware(finish, refusal.Length > 0), usage, ended, failed);
    }

    public static StreamSummary Of(ChatResponse response) => new(
        response.Text,
        response.Refusal ?? "",
        response.Content.OfType<ToolCallPart>().Select(c => (c.Id, c.Name, c.ArgumentsJson)).ToList(),
        RefusalAware(response.FinishReason is { } reason ? Family(reason) : null, !string.IsNullOrEmpty(response.Refusal)),
        response.Usage,
        Ended: true,
        Failed: false);

    // OpenAI reports a refusal as text with finish "stop"; Anthropic as stop_reason "refusal". Both mean the same.
    private static string? RefusalAware(string? finish, bool refused) => refused && finish == "stop" ? "content_filter" : finish;

    /// <summary>
    /// The finish reason as both formats can express it: OpenAI has no stop_sequence, pause_turn or context-window
    /// reasons, so those collapse to their OpenAI meaning on a round trip.
    /// </summary>
    private static string Family(FinishReason reason) => reason switch
    {
        FinishReason.Stop or FinishReason.StopSequence or FinishReason.PauseTurn => "stop",
        FinishReason.Length or FinishReason.ContextWindowExceeded => "length",
        FinishReason.ToolCalls => "tool_calls",
        FinishReason.ContentFilter => "content_filter",
        _ => reason.ToString(),
    };
}
