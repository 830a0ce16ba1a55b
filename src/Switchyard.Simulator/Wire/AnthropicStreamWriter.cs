using System.Text.Json;
using Switchyard.Simulator.Generation;

namespace Switchyard.Simulator.Wire;

/// <summary>Renders a plan as Anthropic message stream events (PROTOCOLS §4.4), ending with <c>message_stop</c>.</summary>
internal static class AnthropicStreamWriter
{
    public static List<SseFrame> Frames(ResponsePlan plan, string id, string model)
    {
        var frames = new List<SseFrame>
        {
            Event("message_start", w =>
            {
                w.WriteStartObject("message");
                w.WriteString("id", id);
                w.WriteString("type", "message");
                w.WriteString("role", "assistant");
                w.WriteString("model", model);
                w.WriteStartArray("content");
                w.WriteEndArray();
                w.WriteNull("stop_reason");
                w.WriteNull("stop_sequence");
                AnthropicResponseWriter.WriteUsage(w, plan, 1, full: true);
                w.WriteEndObject();
            }),
        };

        // The thinking block, when there is one, is block 0; the ping follows the first block's start either way.
        var first = 0;
        if (plan.Thinking is { } thinking)
        {
            AddThinking(frames, thinking, plan.StreamSeed);
            first = 1;
        }

        if (plan.IsToolCall)
        {
            for (var i = 0; i < plan.ToolCalls.Count; i++)
            {
                AddToolUse(frames, plan, i, first + i);
            }
        }
        else if (!plan.NoContent)
        {
            frames.Add(BlockStart(first, w =>
            {
                w.WriteString("type", "text");
                w.WriteString("text", string.Empty);
            }));
            if (first == 0)
            {
                frames.Add(Ping());
            }

            foreach (var (text, tokens) in DeltaSplitter.SplitText(plan.Text, plan.StreamSeed))
            {
                frames.Add(Delta(first, "text_delta", "text", text, tokens));
            }

            frames.Add(BlockStop(first));
        }

        frames.Add(Event("message_delta", w =>
        {
            w.WriteStartObject("delta");
            w.WriteString("stop_reason", plan.AnthropicStopReason);
            w.WriteNull("stop_sequence");
            w.WriteEndObject();
            AnthropicResponseWriter.WriteUsage(w, plan, plan.CompletionTokens, full: false, plan.Thinking?.Tokens);
        }));
        frames.Add(Event("message_stop", _ => { }));
        return frames;
    }

    /// <summary>The <c>error</c> event Anthropic sends inside a 200 stream.</summary>
    public static SseFrame ErrorFrame(string? type, string? message) => Event("error", w =>
    {
        w.WriteStartObject("error");
        w.WriteString("type", type ?? "overloaded_error");
        w.WriteString("message", message ?? "Overloaded");
        w.WriteEndObject();
    });

    /// <summary>Thinking as recorded (PROTOCOLS §4.4): an empty block, <c>thinking_delta</c>s, then one <c>signature_delta</c>.</summary>
    private static void AddThinking(List<SseFrame> frames, PlannedThinking thinking, ulong streamSeed)
    {
        frames.Add(BlockStart(0, w =>
        {
            w.WriteString("type", "thinking");
            w.WriteString("thinking", string.Empty);
            w.WriteString("signature", string.Empty);
        }));
        frames.Add(Ping());
        foreach (var (text, tokens) in DeltaSplitter.SplitText(thinking.Text, ~streamSeed))
        {
            frames.Add(Delta(0, "thinking_delta", "thinking", text, tokens));
        }

        frames.Add(Delta(0, "signature_delta", "signature", thinking.Signature, 0));
        frames.Add(BlockStop(0));
    }

    private static void AddToolUse(List<SseFrame> frames, ResponsePlan plan, int call, int index)
    {
        var toolCall = plan.ToolCalls[call];
        frames.Add(BlockStart(index, w =>
        {
            w.WriteString("type", "tool_use");
            w.WriteString("id", toolCall.Id);
            w.WriteString("name", toolCall.Name);
            w.WriteStartObject("input");
            w.WriteEndObject();
        }));
        if (index == 0)
        {
            frames.Add(Ping());
        }

        frames.Add(Delta(index, "input_json_delta", "partial_json", string.Empty, 0));
        foreach (var fragment in DeltaSplitter.SplitArguments(toolCall.Arguments, plan.StreamSeed + (ulong)call))
        {
            frames.Add(Delta(index, "input_json_delta", "partial_json", fragment, 1));
        }

        frames.Add(BlockStop(index));
    }

    private static SseFrame Ping() => Event("ping", _ => { });

    private static SseFrame BlockStart(int index, Action<Utf8JsonWriter> writeBlock) => Event("content_block_start", w =>
    {
        w.WriteNumber("index", index);
        w.WriteStartObject("content_block");
        writeBlock(w);
        w.WriteEndObject();
    });

    private static SseFrame Delta(int index, string type, string field, string value, int tokens) => Event("content_block_delta", w =>
    {
        w.WriteNumber("index", index);
        w.WriteStartObject("delta");
        w.WriteString("type", type);
        w.WriteString(field, value);
        w.WriteEndObject();
    }, tokens);

    private static SseFrame BlockStop(int index) => Event("content_block_stop", w => w.WriteNumber("index", index));

    private static SseFrame Event(string name, Action<Utf8JsonWriter> writeBody, int tokens = 0) => SseFrame.Event(name, JsonBytes.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("type", name);
        writeBody(w);
        w.WriteEndObject();
    }), tokens);
}
