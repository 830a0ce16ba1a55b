using System.Text.Json;
using Switchyard.Model;

namespace Switchyard.Providers.Anthropic;

internal sealed partial class AnthropicStreamDecoder
{
    private static readonly string[] DeltaTypes = ["text_delta", "input_json_delta", "thinking_delta", "signature_delta"];
    private static readonly string[] BlockTypes = ["text", "tool_use", "thinking"];

    private DecodeDisposition OnBlockStart(JsonElement root, IList<StreamEvent> output)
    {
        if (!root.TryGetInt32("index", out var index) || !root.TryGet("content_block", out var block))
        {
            return Fail(output, "Anthropic sent a content_block_start without index or content_block.");
        }

        switch (block.GetKnownStringOrNull("type", BlockTypes))
        {
            case "text" when block.GetStringOrNull("text") is { Length: > 0 } text:
                output.Add(new TextDeltaEvent(text));
                break;
            case "thinking" when block.GetStringOrNull("thinking") is { Length: > 0 } thinking:
                output.Add(new ThinkingDeltaEvent(thinking, null));
                break;
            case "tool_use":
                if (block.GetStringOrNull("id") is not { } id || block.GetStringOrNull("name") is not { } name)
                {
                    return Fail(output, "Anthropic sent a tool_use block without id or name.");
                }

                var ordinal = _toolCount++;
                _toolOrdinalByBlock[index] = ordinal;
                output.Add(new ToolCallStartEvent(ordinal, id, name));
                break;
        }

        return DecodeDisposition.Forward;
    }

    private DecodeDisposition OnBlockDelta(JsonElement root, IList<StreamEvent> output)
    {
        if (!root.TryGetInt32("index", out var index) || !root.TryGet("delta", out var delta))
        {
            return Fail(output, "Anthropic sent a content_block_delta without index or delta.");
        }

        switch (delta.GetKnownStringOrNull("type", DeltaTypes))
        {
            case "text_delta" when delta.GetStringOrNull("text") is { Length: > 0 } text:
                output.Add(new TextDeltaEvent(text));
                break;
            case "thinking_delta" when delta.GetStringOrNull("thinking") is { Length: > 0 } thinking:
                output.Add(new ThinkingDeltaEvent(thinking, null));
                break;
            case "signature_delta" when delta.GetStringOrNull("signature") is { Length: > 0 } signature:
                output.Add(new ThinkingDeltaEvent(null, signature));
                break;
            // Arguments of server_tool_use blocks (no ordinal) are not the client's tool calls.
            case "input_json_delta" when delta.GetStringOrNull("partial_json") is { Length: > 0 } fragment
                && _toolOrdinalByBlock.TryGetValue(index, out var ordinal):
                output.Add(new ToolCallArgumentsDeltaEvent(ordinal, fragment));
                break;
        }

        return DecodeDisposition.Forward;
    }

    private DecodeDisposition OnMessageDelta(JsonElement root, IList<StreamEvent> output)
    {
        root.TryGet("delta", out var delta);
        if (delta.GetStringOrNull("stop_reason") is { } stopReason)
        {
            if (stopReason == "refusal" && delta.TryGet("stop_details", out var details)
                && details.GetStringOrNull("explanation") is { Length: > 0 } explanation)
            {
                output.Add(new RefusalDeltaEvent(explanation));
            }

            output.Add(new FinishEvent(AnthropicStopReason.Parse(stopReason)!.Value, delta.GetStringOrNull("stop_sequence")));
        }

        if (root.TryGet("usage", out var usage) && usage.ValueKind == JsonValueKind.Object)
        {
            output.Add(new UsageEvent(AnthropicUsage.Read(usage, _startUsage)));
        }

        return DecodeDisposition.Forward;
    }
}
