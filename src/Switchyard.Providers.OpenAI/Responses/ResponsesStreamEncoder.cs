using System.Buffers;
using System.Text.Json;
using Switchyard.Failures;
using Switchyard.Model;

namespace Switchyard.Providers.OpenAI;

/// <summary>
/// Writes canonical events as a Responses SSE stream for a client (PROTOCOLS.md §2.3). One instance per stream, not
/// thread-safe. Every frame is <c>event: &lt;type&gt;</c> + <c>data: &lt;json&gt;</c> with exactly one
/// <c>sequence_number</c> per frame, from 0 and consecutive; there is no <c>[DONE]</c>.
/// </summary>
/// <remarks>
/// Output items open lazily and close when the next kind of item starts or the response ends. The terminal event waits
/// for <see cref="StreamEndEvent"/>, so usage may arrive before or after <see cref="FinishEvent"/> (Chat upstreams send it
/// after). The terminal event's response object is written by the same <see cref="ResponsesObjectWriter"/> as the
/// non-streaming body. After a terminal event nothing more is written.
/// </remarks>
internal sealed partial class ResponsesStreamEncoder : IStreamEncoder
{
    private readonly ChatRequest _request;
    private readonly TimeProvider _time;
    private readonly ArrayBufferWriter<byte> _json = new(512);
    private readonly List<ResponsesItem> _done = [];
    private string _id = string.Empty;
    private string _model;
    private long _createdAt;
    private long _sequence;
    private bool _started;
    private bool _closed;
    private FinishReason? _finish;
    private TokenUsage? _usage;

    public ResponsesStreamEncoder(ChatRequest request, TimeProvider time)
    {
        _request = request;
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

        if (!_started)
        {
            // Defensive: a stream must open with MessageStartEvent; invent the opening rather than emit an orphan item.
            Start(new MessageStartEvent("resp_" + Guid.NewGuid().ToString("N"), _model), output);
        }

        switch (streamEvent)
        {
            case TextDeltaEvent { Text.Length: > 0 } text:
                TextDelta(text.Text, output);
                break;
            case RefusalDeltaEvent { Text.Length: > 0 } refusal:
                RefusalDelta(refusal.Text, output);
                break;
            case ThinkingDeltaEvent { Text.Length: > 0 } thinking:
                ThinkingDelta(thinking.Text!, output);
                break;
            case ToolCallStartEvent call:
                ToolCallStart(call, output);
                break;
            case ToolCallArgumentsDeltaEvent { Fragment.Length: > 0 } arguments:
                ToolCallArguments(arguments, output);
                break;
            case FinishEvent finish:
                _finish ??= finish.Reason;
                CloseAll(output);
                break;
            case UsageEvent usage:
                _usage = usage.Usage;
                break;
            case StreamEndEvent:
                End(output);
                break;
            case StreamErrorEvent error:
                Fail(error.Failure, output);
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
        _id = string.IsNullOrEmpty(start.Id) ? "resp_" + Guid.NewGuid().ToString("N") : start.Id;
        _model = string.IsNullOrEmpty(start.Model) ? _model : start.Model;
        _createdAt = _time.GetUtcNow().ToUnixTimeSeconds();
        _usage = start.Usage;
        var queued = _request.Responses?.Background == true;
        WriteLifecycle(output, "response.created", Snapshot(queued ? "queued" : "in_progress"));
        if (queued)
        {
            WriteLifecycle(output, "response.queued", Snapshot("queued"));
        }

        WriteLifecycle(output, "response.in_progress", Snapshot("in_progress"));
    }

    private void End(IBufferWriter<byte> output)
    {
        CloseAll(output);
        _closed = true;
        var (status, reason) = ResponsesStatus.Write(_finish ?? FinishReason.Stop);
        var snapshot = Snapshot(status) with
        {
            IncompleteReason = reason,
            CompletedAt = _time.GetUtcNow().ToUnixTimeSeconds(),
            Usage = _usage,
        };
        WriteLifecycle(output, status == "completed" ? "response.completed" : "response.incomplete", snapshot);
    }

    /// <summary>
    /// OpenAI's observed shape: an <c>error</c> event with the error nested, then <c>response.failed</c> with the partial
    /// output. The event also carries <c>code</c>, <c>message</c> and <c>param</c> at the top level, the spec's shape:
    /// the official .NET SDK reads only those, and clients of the observed shape ignore them.
    /// </summary>
    private void Fail(Failure failure, IBufferWriter<byte> output)
    {
        _closed = true;
        var (type, code) = OpenAIErrorWriter.TypeAndCode(failure);
        WriteFrame(output, "error", w =>
        {
            w.WriteString("code", code);
            w.WriteString("message", failure.Message);
            w.WriteNull("param");
            w.WriteStartObject("error");
            w.WriteString("type", type);
            w.WriteString("code", code);
            w.WriteString("message", failure.Message);
            w.WriteNull("param");
            w.WriteEndObject();
        });
        var snapshot = Snapshot("failed", includeOpen: true) with
        {
            Error = (code ?? type, failure.Message),
            Usage = _usage,
        };
        WriteLifecycle(output, "response.failed", snapshot);
    }

    private ResponsesSnapshot Snapshot(string status, bool includeOpen = false) =>
        new(_id, _model, _createdAt, status, includeOpen ? [.. _done, .. OpenItems()] : [.. _done]) { Request = _request };

    private void WriteLifecycle(IBufferWriter<byte> output, string type, ResponsesSnapshot snapshot) =>
        WriteFrame(output, type, w => ResponsesObjectWriter.Write(w, snapshot, "response"));

    /// <summary>Writes one frame: <c>type</c> and <c>sequence_number</c> first, then the event's own fields.</summary>
    private void WriteFrame(IBufferWriter<byte> output, string type, Action<Utf8JsonWriter> body)
    {
        // One buffer per stream, reused per frame; the writer is not kept because IStreamEncoder is not disposable.
        _json.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(_json))
        {
            writer.WriteStartObject();
            writer.WriteString("type", type);
            writer.WriteNumber("sequence_number", _sequence++);
            body(writer);
            writer.WriteEndObject();
        }

        SseFrame.Write(output, type, _json.WrittenSpan);
    }
}
