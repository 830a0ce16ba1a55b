using System.Buffers;
using System.Text.Json;
using Switchyard.Model;

namespace Switchyard.Providers.Anthropic;

internal sealed partial class AnthropicStreamEncoder
{
    private enum BlockKind
    {
        None,
        Text,
        Thinking,
        ToolUse,
    }

    private int _nextBlock;
    private int _openBlock = -1;
    private BlockKind _openKind;

    private void OnText(string text, IBufferWriter<byte> output)
    {
        if (text.Length == 0 || _deltaSent)
        {
            return;
        }

        OpenBlock(BlockKind.Text, output);
        WriteDelta(output, _openBlock, "text_delta", "text", text);
    }

    private void OnThinking(ThinkingDeltaEvent thinking, IBufferWriter<byte> output)
    {
        if (_deltaSent || (string.IsNullOrEmpty(thinking.Text) && string.IsNullOrEmpty(thinking.Signature)))
        {
            return;
        }

        OpenBlock(BlockKind.Thinking, output);
        if (!string.IsNullOrEmpty(thinking.Text))
        {
            WriteDelta(output, _openBlock, "thinking_delta", "thinking", thinking.Text);
        }

        if (!string.IsNullOrEmpty(thinking.Signature))
        {
            WriteDelta(output, _openBlock, "signature_delta", "signature", thinking.Signature);
        }
    }

    private void OnToolStart(ToolCallStartEvent call, IBufferWriter<byte> output)
    {
        if (_deltaSent || _blockByTool.ContainsKey(call.Index))
        {
            return;
        }

        EnsureStarted(output);
        CloseBlock(output);
        var index = _nextBlock++;
        _openBlock = index;
        _openKind = BlockKind.ToolUse;
        _blockByTool[call.Index] = index;
        Emit(output, "content_block_start", (Index: index, call.Id, call.Name), static (w, s) =>
        {
            WriteBlockStartPrefix(w, s.Index);
            w.WriteString("type", "tool_use");
            w.WriteString("id", s.Id);
            w.WriteString("name", s.Name);
            w.WriteStartObject("input");
            w.WriteEndObject();
            AnthropicResponseWriter.WriteDirectCaller(w);
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    /// <summary>
    /// Fragments go to the tool's own block even if another block has opened since (interleaved parallel calls): the
    /// SDKs accumulate by index, and dropping arguments would be worse than a late fragment.
    /// </summary>
    private void OnToolArguments(ToolCallArgumentsDeltaEvent arguments, IBufferWriter<byte> output)
    {
        if (_deltaSent || arguments.Fragment.Length == 0 || !_blockByTool.TryGetValue(arguments.Index, out var block))
        {
            return;
        }

        WriteDelta(output, block, "input_json_delta", "partial_json", arguments.Fragment);
    }

    private void OpenBlock(BlockKind kind, IBufferWriter<byte> output)
    {
        EnsureStarted(output);
        if (_openKind == kind)
        {
            return;
        }

        CloseBlock(output);
        _openBlock = _nextBlock++;
        _openKind = kind;
        Emit(output, "content_block_start", (Index: _openBlock, Kind: kind), static (w, s) =>
        {
            WriteBlockStartPrefix(w, s.Index);
            if (s.Kind == BlockKind.Text)
            {
                w.WriteString("type", "text");
                w.WriteString("text", string.Empty);
            }
            else
            {
                w.WriteString("type", "thinking");
                w.WriteString("thinking", string.Empty);
                w.WriteString("signature", string.Empty);
            }

            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    private void CloseBlock(IBufferWriter<byte> output)
    {
        if (_openKind == BlockKind.None)
        {
            return;
        }

        Emit(output, "content_block_stop", _openBlock, static (w, index) =>
        {
            w.WriteStartObject();
            w.WriteString("type", "content_block_stop");
            w.WriteNumber("index", index);
            w.WriteEndObject();
        });
        _openKind = BlockKind.None;
        _openBlock = -1;
    }

    private void WriteDelta(IBufferWriter<byte> output, int index, string deltaType, string field, string value) =>
        Emit(output, "content_block_delta", (Index: index, Type: deltaType, Field: field, Value: value), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteString("type", "content_block_delta");
            w.WriteNumber("index", s.Index);
            w.WriteStartObject("delta");
            w.WriteString("type", s.Type);
            w.WriteString(s.Field, s.Value);
            w.WriteEndObject();
            w.WriteEndObject();
        });

    /// <summary>Writes <c>{"type":"content_block_start","index":i,"content_block":{</c>; the caller closes both objects.</summary>
    private static void WriteBlockStartPrefix(Utf8JsonWriter w, int index)
    {
        w.WriteStartObject();
        w.WriteString("type", "content_block_start");
        w.WriteNumber("index", index);
        w.WriteStartObject("content_block");
    }
}
