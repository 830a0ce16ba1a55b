using System.Buffers;
using System.Text;
using System.Text.Json;
using Switchyard.Model;

namespace Switchyard.Providers.OpenAI;

internal sealed partial class ResponsesStreamEncoder
{
    private readonly List<OpenToolCall> _tools = [];
    private OpenMessage? _message;
    private OpenReasoning? _reasoning;
    private int _nextOutputIndex;

    private void TextDelta(string text, IBufferWriter<byte> output)
    {
        if (_message is { Refusal: not null })
        {
            // Text after a refusal starts a new message, so content parts stay in the order the item lists them.
            CloseMessage(output);
        }

        var message = OpenMessageItem(output);
        if (message.Text is null)
        {
            message.Text = new StringBuilder();
            WritePartEvent(output, "response.content_part.added", message, 0, w => ResponsesObjectWriter.WriteTextPart(w, string.Empty));
        }

        message.Text.Append(text);
        WriteFrame(output, "response.output_text.delta", w =>
        {
            WriteLocation(w, message.Id, message.OutputIndex, 0);
            w.WriteString("delta", text);
            w.WriteStartArray("logprobs");
            w.WriteEndArray();
        });
    }

    private void RefusalDelta(string refusal, IBufferWriter<byte> output)
    {
        var message = OpenMessageItem(output);
        var contentIndex = message.Text is null ? 0 : 1;
        if (message.Refusal is null)
        {
            CloseTextPart(message, output);
            message.Refusal = new StringBuilder();
            WritePartEvent(output, "response.content_part.added", message, contentIndex, w => ResponsesObjectWriter.WriteRefusalPart(w, string.Empty));
        }

        message.Refusal.Append(refusal);
        WriteFrame(output, "response.refusal.delta", w =>
        {
            WriteLocation(w, message.Id, message.OutputIndex, contentIndex);
            w.WriteString("delta", refusal);
        });
    }

    private void ThinkingDelta(string text, IBufferWriter<byte> output)
    {
        if (_reasoning is not { } reasoning)
        {
            CloseMessage(output);
            CloseTools(output);
            reasoning = _reasoning = new OpenReasoning(ResponsesItemIds.Reasoning(_id, _nextOutputIndex), _nextOutputIndex++);
            WriteItemEvent(output, "response.output_item.added", reasoning.OutputIndex, new ResponsesReasoningItem(reasoning.Id, string.Empty), "in_progress");
            WriteSummaryEvent(output, "response.reasoning_summary_part.added", reasoning, w => ResponsesObjectWriter.WriteSummaryPart(w, string.Empty), "part");
        }

        reasoning.Summary.Append(text);
        WriteFrame(output, "response.reasoning_summary_text.delta", w =>
        {
            WriteSummaryLocation(w, reasoning);
            w.WriteString("delta", text);
        });
    }

    private void ToolCallStart(ToolCallStartEvent call, IBufferWriter<byte> output)
    {
        CloseMessage(output);
        CloseReasoning(output);
        var tool = new OpenToolCall(call.Index, ResponsesItemIds.FunctionCall(_id, _nextOutputIndex), _nextOutputIndex++, call.Id, call.Name);
        _tools.Add(tool);
        WriteItemEvent(output, "response.output_item.added", tool.OutputIndex, tool.ToItem(), "in_progress");
    }

    private void ToolCallArguments(ToolCallArgumentsDeltaEvent delta, IBufferWriter<byte> output)
    {
        // Calls stay open together (deltas name their item), so interleaved arguments of parallel calls are fine.
        if (_tools.Find(t => t.Index == delta.Index) is not { } tool)
        {
            return;
        }

        tool.Arguments.Append(delta.Fragment);
        WriteFrame(output, "response.function_call_arguments.delta", w =>
        {
            w.WriteString("item_id", tool.Id);
            w.WriteNumber("output_index", tool.OutputIndex);
            w.WriteString("delta", delta.Fragment);
        });
    }

    private OpenMessage OpenMessageItem(IBufferWriter<byte> output)
    {
        if (_message is { } open)
        {
            return open;
        }

        CloseReasoning(output);
        CloseTools(output);
        var message = _message = new OpenMessage(ResponsesItemIds.Message(_id, _nextOutputIndex), _nextOutputIndex++);
        WriteItemEvent(output, "response.output_item.added", message.OutputIndex, new ResponsesMessageItem(message.Id, null, null), "in_progress");
        return message;
    }

    private void CloseAll(IBufferWriter<byte> output)
    {
        CloseMessage(output);
        CloseReasoning(output);
        CloseTools(output);
    }

    private void CloseTextPart(OpenMessage message, IBufferWriter<byte> output)
    {
        if (message.Text is not { } text || message.TextClosed)
        {
            return;
        }

        message.TextClosed = true;
        var full = text.ToString();
        WriteFrame(output, "response.output_text.done", w =>
        {
            WriteLocation(w, message.Id, message.OutputIndex, 0);
            w.WriteString("text", full);
            w.WriteStartArray("logprobs");
            w.WriteEndArray();
        });
        WritePartEvent(output, "response.content_part.done", message, 0, w => ResponsesObjectWriter.WriteTextPart(w, full));
    }

    private void CloseMessage(IBufferWriter<byte> output)
    {
        if (_message is not { } message)
        {
            return;
        }

        _message = null;
        CloseTextPart(message, output);
        if (message.Refusal is { } refusal)
        {
            var contentIndex = message.Text is null ? 0 : 1;
            var full = refusal.ToString();
            WriteFrame(output, "response.refusal.done", w =>
            {
                WriteLocation(w, message.Id, message.OutputIndex, contentIndex);
                w.WriteString("refusal", full);
            });
            WritePartEvent(output, "response.content_part.done", message, contentIndex, w => ResponsesObjectWriter.WriteRefusalPart(w, full));
        }

        var item = message.ToItem();
        _done.Add(item);
        WriteItemEvent(output, "response.output_item.done", message.OutputIndex, item, "completed");
    }

    private void CloseReasoning(IBufferWriter<byte> output)
    {
        if (_reasoning is not { } reasoning)
        {
            return;
        }

        _reasoning = null;
        var full = reasoning.Summary.ToString();
        WriteSummaryEvent(output, "response.reasoning_summary_text.done", reasoning, w => w.WriteString("text", full), null);
        WriteSummaryEvent(output, "response.reasoning_summary_part.done", reasoning, w => ResponsesObjectWriter.WriteSummaryPart(w, full), "part");
        var item = reasoning.ToItem();
        _done.Add(item);
        WriteItemEvent(output, "response.output_item.done", reasoning.OutputIndex, item, "completed");
    }

    private void CloseTools(IBufferWriter<byte> output)
    {
        foreach (var tool in _tools)
        {
            var item = tool.ToItem();
            WriteFrame(output, "response.function_call_arguments.done", w =>
            {
                w.WriteString("item_id", tool.Id);
                w.WriteNumber("output_index", tool.OutputIndex);
                w.WriteString("name", tool.Name);
                w.WriteString("arguments", item.Arguments);
            });
            _done.Add(item);
            WriteItemEvent(output, "response.output_item.done", tool.OutputIndex, item, "completed");
        }

        _tools.Clear();
    }

    /// <summary>Items still open when the stream fails, as they stand, for <c>response.failed</c>.</summary>
    private IEnumerable<ResponsesItem> OpenItems()
    {
        var open = new List<(int OutputIndex, ResponsesItem Item)>();
        if (_message is { } message)
        {
            open.Add((message.OutputIndex, message.ToItem()));
        }

        if (_reasoning is { } reasoning)
        {
            open.Add((reasoning.OutputIndex, reasoning.ToItem()));
        }

        open.AddRange(_tools.Select(t => (t.OutputIndex, (ResponsesItem)t.ToItem())));
        return open.OrderBy(o => o.OutputIndex).Select(o => o.Item);
    }

    private void WriteItemEvent(IBufferWriter<byte> output, string type, int outputIndex, ResponsesItem item, string status) =>
        WriteFrame(output, type, w =>
        {
            w.WriteNumber("output_index", outputIndex);
            w.WritePropertyName("item");
            ResponsesObjectWriter.WriteItem(w, item, status);
        });

    private void WritePartEvent(IBufferWriter<byte> output, string type, OpenMessage message, int contentIndex, Action<Utf8JsonWriter> part) =>
        WriteFrame(output, type, w =>
        {
            WriteLocation(w, message.Id, message.OutputIndex, contentIndex);
            w.WritePropertyName("part");
            part(w);
        });

    private void WriteSummaryEvent(IBufferWriter<byte> output, string type, OpenReasoning reasoning, Action<Utf8JsonWriter> body, string? propertyName) =>
        WriteFrame(output, type, w =>
        {
            WriteSummaryLocation(w, reasoning);
            if (propertyName is not null)
            {
                w.WritePropertyName(propertyName);
            }

            body(w);
        });

    private static void WriteLocation(Utf8JsonWriter w, string itemId, int outputIndex, int contentIndex)
    {
        w.WriteString("item_id", itemId);
        w.WriteNumber("output_index", outputIndex);
        w.WriteNumber("content_index", contentIndex);
    }

    private static void WriteSummaryLocation(Utf8JsonWriter w, OpenReasoning reasoning)
    {
        w.WriteString("item_id", reasoning.Id);
        w.WriteNumber("output_index", reasoning.OutputIndex);
        w.WriteNumber("summary_index", 0);
    }
}
