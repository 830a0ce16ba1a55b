using System.Text.Json;
using Switchyard.Simulator.Generation;

namespace Switchyard.Simulator.Wire;

/// <summary>Renders a plan as OpenAI chat completion chunks (PROTOCOLS §1.4), ending with <c>data: [DONE]</c>.</summary>
internal sealed class OpenAIStreamWriter(string id, long created, string model, bool includeUsage, bool includeObfuscation)
{
    private static readonly byte[] Done = "[DONE]"u8.ToArray();
    private readonly string _fingerprint = Ids.SystemFingerprint(model);

    public List<SseFrame> Frames(ResponsePlan plan)
    {
        var frames = new List<SseFrame>
        {
            Chunk(w =>
            {
                w.WriteString("role", "assistant");
                w.WriteString("content", string.Empty);
                w.WriteNull("refusal");
            }),
        };

        if (plan.IsToolCall)
        {
            for (var k = 0; k < plan.ToolCalls.Count; k++)
            {
                AddToolCall(frames, plan, k);
            }
        }
        else
        {
            foreach (var (text, tokens) in DeltaSplitter.SplitText(plan.Text, plan.StreamSeed))
            {
                frames.Add(Chunk(w => w.WriteString("content", text), tokens: tokens));
            }
        }

        frames.Add(Chunk(_ => { }, plan.OpenAIFinishReason));
        if (includeUsage)
        {
            frames.Add(SseFrame.Data(JsonBytes.Write(w =>
            {
                WriteHeader(w);
                w.WriteStartArray("choices");
                w.WriteEndArray();
                OpenAIResponseWriter.WriteUsage(w, plan);
                WriteObfuscation(w);
                w.WriteEndObject();
            })));
        }

        frames.Add(SseFrame.Data(Done));
        return frames;
    }

    private void AddToolCall(List<SseFrame> frames, ResponsePlan plan, int index)
    {
        var call = plan.ToolCalls[index];
        frames.Add(Chunk(w => WriteToolCall(w, index, call.Id, call.Name, string.Empty)));
        var fragments = DeltaSplitter.SplitArguments(call.Arguments, plan.StreamSeed + (ulong)index);
        foreach (var fragment in fragments)
        {
            frames.Add(Chunk(w => WriteToolCall(w, index, null, null, fragment), tokens: 1));
        }
    }

    private static void WriteToolCall(Utf8JsonWriter w, int index, string? callId, string? name, string arguments)
    {
        w.WriteStartArray("tool_calls");
        w.WriteStartObject();
        w.WriteNumber("index", index);
        if (callId is not null)
        {
            w.WriteString("id", callId);
            w.WriteString("type", "function");
        }

        w.WriteStartObject("function");
        if (name is not null)
        {
            w.WriteString("name", name);
        }

        w.WriteString("arguments", arguments);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndArray();
    }

    private SseFrame Chunk(Action<Utf8JsonWriter> writeDelta, string? finishReason = null, int tokens = 0) =>
        SseFrame.Data(JsonBytes.Write(w =>
        {
            WriteHeader(w);
            w.WriteStartArray("choices");
            w.WriteStartObject();
            w.WriteNumber("index", 0);
            w.WriteStartObject("delta");
            writeDelta(w);
            w.WriteEndObject();
            w.WriteNull("logprobs");
            if (finishReason is null)
            {
                w.WriteNull("finish_reason");
            }
            else
            {
                w.WriteString("finish_reason", finishReason);
            }

            w.WriteEndObject();
            w.WriteEndArray();
            if (includeUsage)
            {
                w.WriteNull("usage");
            }

            WriteObfuscation(w);
            w.WriteEndObject();
        }), tokens);

    private void WriteHeader(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("id", id);
        w.WriteString("object", "chat.completion.chunk");
        w.WriteNumber("created", created);
        w.WriteString("model", model);
        w.WriteString("service_tier", "default");
        w.WriteString("system_fingerprint", _fingerprint);
    }

    private void WriteObfuscation(Utf8JsonWriter w)
    {
        if (includeObfuscation)
        {
            w.WriteString("obfuscation", Ids.Obfuscation());
        }
    }

    /// <summary>The error chunk OpenAI sends inside a 200 stream.</summary>
    public static SseFrame ErrorFrame(string? type, string? message) => SseFrame.Data(JsonBytes.Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartObject("error");
        w.WriteString("message", message ?? "The server had an error while processing your request. Sorry about that!");
        w.WriteString("type", type ?? "server_error");
        w.WriteNull("param");
        w.WriteNull("code");
        w.WriteEndObject();
        w.WriteEndObject();
    }));
}
