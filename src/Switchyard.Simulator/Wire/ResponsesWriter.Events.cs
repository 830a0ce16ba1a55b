using System.Text.Json;

namespace Switchyard.Simulator.Wire;

/// <summary>One stream event before its sequence number is known; <see cref="Tokens"/> paces it.</summary>
internal sealed record ResponseEvent(string Type, int Tokens, Action<Utf8JsonWriter> WriteBody);

/// <summary>The streaming events of PROTOCOLS §2.3: <c>event:</c>/<c>data:</c> framing, no <c>[DONE]</c>.</summary>
internal sealed partial class ResponsesWriter
{
    /// <summary>Every event up to (not including) the terminal one, in order.</summary>
    public List<ResponseEvent> Events(bool background, bool includeObfuscation)
    {
        var initial = new ResponseView(background ? "queued" : "in_progress");
        var events = new List<ResponseEvent> { new("response.created", 0, w => WriteResponseProperty(w, initial)) };
        if (background)
        {
            events.Add(new("response.queued", 0, w => WriteResponseProperty(w, initial)));
        }

        events.Add(new("response.in_progress", 0, w => WriteResponseProperty(w, new ResponseView("in_progress"))));
        if (MessageId is not null)
        {
            AddMessageEvents(events, includeObfuscation);
        }

        for (var i = 0; i < Plan.ToolCalls.Count; i++)
        {
            AddCallEvents(events, i, includeObfuscation);
        }

        return events;
    }

    public static SseFrame Frame(ResponseEvent e, int sequenceNumber) => SseFrame.Event(e.Type, JsonBytes.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("type", e.Type);
        w.WriteNumber("sequence_number", sequenceNumber);
        e.WriteBody(w);
        w.WriteEndObject();
    }), e.Tokens);

    /// <summary>The terminal event for a finished view: <c>response.completed</c>, <c>.incomplete</c> or <c>.failed</c>.</summary>
    public ResponseEvent Terminal(ResponseView view) => new($"response.{view.Status}", 0, w => WriteResponseProperty(w, view));

    /// <summary>The <c>error</c> event in the nested shape observed in real traffic (PROTOCOLS §2.3).</summary>
    public static ResponseEvent Error(string type, string message) => new("error", 0, w =>
    {
        w.WriteStartObject("error");
        w.WriteString("type", type);
        w.WriteString("code", type);
        w.WriteString("message", message);
        w.WriteNull("param");
        w.WriteEndObject();
    });

    private void WriteResponseProperty(Utf8JsonWriter w, ResponseView view)
    {
        w.WritePropertyName("response");
        WriteResponse(w, view);
    }

    private void AddMessageEvents(List<ResponseEvent> events, bool includeObfuscation)
    {
        var text = Plan.Text;
        events.Add(new("response.output_item.added", 0, w =>
        {
            w.WriteNumber("output_index", 0);
            w.WritePropertyName("item");
            WriteMessageItem(w, "in_progress", null);
        }));
        events.Add(new("response.content_part.added", 0, w =>
        {
            WriteTextLocation(w);
            w.WritePropertyName("part");
            WriteTextPart(w, string.Empty);
        }));
        foreach (var (delta, tokens) in DeltaSplitter.SplitText(text, Plan.StreamSeed))
        {
            events.Add(new("response.output_text.delta", tokens, w =>
            {
                WriteTextLocation(w);
                w.WriteString("delta", delta);
                w.WriteStartArray("logprobs");
                w.WriteEndArray();
                WriteObfuscation(w, includeObfuscation);
            }));
        }

        events.Add(new("response.output_text.done", 0, w =>
        {
            WriteTextLocation(w);
            w.WriteString("text", text);
            w.WriteStartArray("logprobs");
            w.WriteEndArray();
        }));
        events.Add(new("response.content_part.done", 0, w =>
        {
            WriteTextLocation(w);
            w.WritePropertyName("part");
            WriteTextPart(w, text);
        }));
        events.Add(new("response.output_item.done", 0, w =>
        {
            w.WriteNumber("output_index", 0);
            w.WritePropertyName("item");
            WriteMessageItem(w, ItemStatus, text);
        }));
    }

    private void WriteTextLocation(Utf8JsonWriter w)
    {
        w.WriteString("item_id", MessageId);
        w.WriteNumber("output_index", 0);
        w.WriteNumber("content_index", 0);
    }

    private void AddCallEvents(List<ResponseEvent> events, int index, bool includeObfuscation)
    {
        var call = Plan.ToolCalls[index];
        var outputIndex = index + (MessageId is null ? 0 : 1);
        events.Add(new("response.output_item.added", 0, w =>
        {
            w.WriteNumber("output_index", outputIndex);
            w.WritePropertyName("item");
            WriteCallItem(w, index, "in_progress", string.Empty);
        }));
        foreach (var fragment in DeltaSplitter.SplitArguments(call.Arguments, Plan.StreamSeed + (ulong)index))
        {
            events.Add(new("response.function_call_arguments.delta", 1, w =>
            {
                w.WriteString("item_id", CallItemIds[index]);
                w.WriteNumber("output_index", outputIndex);
                w.WriteString("delta", fragment);
                WriteObfuscation(w, includeObfuscation);
            }));
        }

        events.Add(new("response.function_call_arguments.done", 0, w =>
        {
            w.WriteString("item_id", CallItemIds[index]);
            w.WriteNumber("output_index", outputIndex);
            w.WriteString("arguments", call.Arguments);
        }));
        events.Add(new("response.output_item.done", 0, w =>
        {
            w.WriteNumber("output_index", outputIndex);
            w.WritePropertyName("item");
            WriteCallItem(w, index, "completed", call.Arguments);
        }));
    }

    private static void WriteObfuscation(Utf8JsonWriter w, bool include)
    {
        if (include)
        {
            w.WriteString("obfuscation", Ids.Obfuscation());
        }
    }
}
