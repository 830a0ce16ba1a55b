using System.Buffers;
using System.Text.Json;
using Switchyard.Model;

namespace Switchyard.Providers.OpenAI;

/// <summary>
/// Writes canonical events as Chat Completions SSE for an OpenAI client (PROTOCOLS.md §1.4, §5.5). One instance per
/// stream, not thread-safe. Every chunk carries the same id, created and model; the usage chunk (<c>choices:[]</c>) is
/// written only when the client asked with <c>stream_options.include_usage</c>, and then every earlier chunk carries
/// <c>"usage":null</c> as OpenAI's do. Thinking is written as <c>delta.reasoning_content</c>. After a <see cref="StreamErrorEvent"/> or <see cref="StreamEndEvent"/> nothing more is written.
/// </summary>
internal sealed class OpenAIStreamEncoder : IStreamEncoder
{
    private readonly bool _includeUsage;
    private readonly TimeProvider _time;
    private readonly ArrayBufferWriter<byte> _json = new(512);
    private string _id = string.Empty;
    private string _model = string.Empty;
    private long _created;
    private bool _started;
    private bool _finished;
    private bool _closed;
    private TokenUsage? _usage;

    public OpenAIStreamEncoder(ChatRequest request, TimeProvider time)
    {
        _includeUsage = request.IncludeUsage;
        _model = request.Model;
        _time = time;
    }

    /// <inheritdoc/>
    public void Encode(StreamEvent streamEvent, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(streamEvent);
        ArgumentNullException.ThrowIfNull(output);
        if (_closed)
        {
            return;
        }

        if (streamEvent is MessageStartEvent start)
        {
            Start(start, output);
            return;
        }

        if (streamEvent is StreamErrorEvent error)
        {
            _closed = true;
            WriteFrame(output, w => OpenAIErrorWriter.Write(w, error.Failure, includeParam: false));
            return;
        }

        if (!_started)
        {
            // Defensive: a stream must open with MessageStartEvent; invent the opening rather than emit an orphan delta.
            Start(new MessageStartEvent(string.Empty, _model), output);
        }

        switch (streamEvent)
        {
            case TextDeltaEvent { Text.Length: > 0 } text:
                WriteChunk(output, w => w.WriteString("content", text.Text));
                break;
            case RefusalDeltaEvent { Text.Length: > 0 } refusal:
                WriteChunk(output, w => w.WriteString("refusal", refusal.Text));
                break;
            case ThinkingDeltaEvent { Text.Length: > 0 } thinking:
                // Chat Completions has no reasoning field; reasoning_content is the extension DeepSeek, vLLM and
                // LiteLLM use (PROTOCOLS.md §5.5). Signatures stay behind: a Chat client cannot send them back.
                WriteChunk(output, w => w.WriteString("reasoning_content", thinking.Text));
                break;
            case ToolCallStartEvent call:
                WriteChunk(output, w => WriteToolCall(w, call.Index, call.Id, call.Name, string.Empty));
                break;
            case ToolCallArgumentsDeltaEvent { Fragment.Length: > 0 } arguments:
                WriteChunk(output, w => WriteToolCall(w, arguments.Index, null, null, arguments.Fragment));
                break;
            case FinishEvent finish when !_finished:
                _finished = true;
                WriteChunk(output, static _ => { }, OpenAIFinishReasons.Write(finish.Reason));
                break;
            case UsageEvent usage:
                _usage = usage.Usage;
                break;
            case StreamEndEvent:
                End(output);
                break;
        }
    }

    private void Start(MessageStartEvent start, IBufferWriter<byte> output)
    {
        if (_started)
        {
            return;
        }

        _started = true;
        _id = OpenAIIds.ToCompletionId(start.Id);
        _model = string.IsNullOrEmpty(start.Model) ? _model : start.Model;
        _created = _time.GetUtcNow().ToUnixTimeSeconds();
        _usage = start.Usage;
        WriteChunk(output, static w =>
        {
            w.WriteString("role", "assistant");
            w.WriteString("content", string.Empty);
            w.WriteNull("refusal");
        });
    }

    private void End(IBufferWriter<byte> output)
    {
        if (!_finished)
        {
            // Canonical order puts FinishEvent first; a stream that skipped it still gets a finish_reason for the SDK.
            _finished = true;
            WriteChunk(output, static _ => { }, "stop");
        }

        if (_includeUsage && _usage is { } usage)
        {
            WriteFrame(output, w =>
            {
                w.WriteStartObject();
                WriteEnvelope(w);
                w.WriteStartArray("choices");
                w.WriteEndArray();
                OpenAIUsage.Write(w, usage);
                w.WriteEndObject();
            });
        }

        _closed = true;
        SseFrame.WriteDone(output);
    }

    private void WriteChunk(IBufferWriter<byte> output, Action<Utf8JsonWriter> delta, string? finishReason = null) =>
        WriteFrame(output, w =>
        {
            w.WriteStartObject();
            WriteEnvelope(w);
            w.WriteStartArray("choices");
            w.WriteStartObject();
            w.WriteNumber("index", 0);
            w.WriteStartObject("delta");
            delta(w);
            w.WriteEndObject();
            w.WriteNull("logprobs");
            w.WriteString("finish_reason", finishReason);
            w.WriteEndObject();
            w.WriteEndArray();
            if (_includeUsage)
            {
                w.WriteNull("usage");
            }

            w.WriteEndObject();
        });

    private void WriteEnvelope(Utf8JsonWriter w)
    {
        w.WriteString("id", _id);
        w.WriteString("object", "chat.completion.chunk");
        w.WriteNumber("created", _created);
        w.WriteString("model", _model);
    }

    private static void WriteToolCall(Utf8JsonWriter w, int index, string? id, string? name, string arguments)
    {
        w.WriteStartArray("tool_calls");
        w.WriteStartObject();
        w.WriteNumber("index", index);
        if (id is not null)
        {
            w.WriteString("id", id);
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

    private void WriteFrame(IBufferWriter<byte> output, Action<Utf8JsonWriter> body)
    {
        // One buffer per stream, reused per frame; the writer is not kept because IStreamEncoder is not disposable.
        _json.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(_json))
        {
            body(writer);
        }

        SseFrame.Write(output, null, _json.WrittenSpan);
    }
}
