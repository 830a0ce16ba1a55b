using System.Text;
using Microsoft.Extensions.AI;
using Switchyard.Model;
using Meai = Microsoft.Extensions.AI;

namespace Switchyard.Extensions.AI;

/// <summary>
/// Canonical stream events → <see cref="ChatResponseUpdate"/>s for one streamed answer. Text and reasoning go out as
/// they arrive; a tool call is held until the model finishes, then goes out whole as one
/// <see cref="FunctionCallContent"/> (as Microsoft.Extensions.AI's own OpenAI client does), because its arguments are
/// only JSON once all fragments are in. Not thread-safe: one per stream.
/// </summary>
internal sealed class StreamUpdateAssembler(AdditionalPropertiesDictionary servedBy)
{
    private readonly SortedDictionary<int, (string Id, string Name, StringBuilder Arguments)> _toolCalls = [];
    private readonly StringBuilder _refusal = new();
    private string? _responseId;
    private string? _modelId;
    private bool _first = true;

    /// <summary>The update <paramref name="streamEvent"/> makes, or null when it makes none (yet).</summary>
    public ChatResponseUpdate? Add(StreamEvent streamEvent) => streamEvent switch
    {
        MessageStartEvent start => Start(start),
        TextDeltaEvent text => Update([new TextContent(text.Text)]),
        ThinkingDeltaEvent thinking => Update([new TextReasoningContent(thinking.Text ?? "") { ProtectedData = thinking.Signature }]),
        ToolCallStartEvent call => Hold(call),
        ToolCallArgumentsDeltaEvent fragment => Append(fragment),
        RefusalDeltaEvent refusal => AppendRefusal(refusal),
        FinishEvent finish => Finish(finish),
        UsageEvent usage => Update([new UsageContent(ResponseMapping.ToUsage(usage.Usage))]),
        _ => null, // The end marker; errors are the caller's to throw.
    };

    /// <summary>The last update of a stream that went well: what the request cost, every attempt included.</summary>
    public ChatResponseUpdate Settled(decimal costUsd, int continuations)
    {
        var update = Update([]);
        update.AdditionalProperties ??= [];
        update.AdditionalProperties[SwitchyardProperties.CostUsd] = costUsd;
        update.AdditionalProperties[SwitchyardProperties.Continuations] = continuations;
        return update;
    }

    private ChatResponseUpdate Start(MessageStartEvent start)
    {
        _responseId = start.Id;
        _modelId = start.Model;
        return Update([]);
    }

    private ChatResponseUpdate? Hold(ToolCallStartEvent call)
    {
        _toolCalls[call.Index] = (call.Id, call.Name, new StringBuilder());
        return null;
    }

    private ChatResponseUpdate? Append(ToolCallArgumentsDeltaEvent fragment)
    {
        if (_toolCalls.TryGetValue(fragment.Index, out var call))
        {
            call.Arguments.Append(fragment.Fragment);
        }

        return null;
    }

    private ChatResponseUpdate? AppendRefusal(RefusalDeltaEvent refusal)
    {
        _refusal.Append(refusal.Text);
        return null;
    }

    private ChatResponseUpdate Finish(FinishEvent finish)
    {
        var contents = new List<AIContent>(_toolCalls.Count + 1);
        foreach (var (id, name, arguments) in _toolCalls.Values)
        {
            contents.Add(ResponseMapping.ToFunctionCall(id, name, arguments.ToString()));
        }

        _toolCalls.Clear();
        if (_refusal.Length > 0)
        {
            contents.Add(new ErrorContent(_refusal.ToString()) { ErrorCode = "refusal" });
            _refusal.Clear();
        }

        var update = Update(contents);
        update.FinishReason = ResponseMapping.ToFinishReason(finish.Reason);
        return update;
    }

    private ChatResponseUpdate Update(IList<AIContent> contents)
    {
        var update = new ChatResponseUpdate(Meai.ChatRole.Assistant, contents)
        {
            ResponseId = _responseId,
            MessageId = _responseId,
            ModelId = _modelId,
        };
        if (_first)
        {
            // Who serves the answer is known once the stream is committed: the first update says it.
            _first = false;
            update.AdditionalProperties = new AdditionalPropertiesDictionary(servedBy);
        }

        return update;
    }
}
