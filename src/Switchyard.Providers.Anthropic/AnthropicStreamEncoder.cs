using System.Buffers;
using System.Text;
using System.Text.Json;
using Switchyard.Model;

namespace Switchyard.Providers.Anthropic;

/// <summary>
/// Canonical stream events → Anthropic Messages SSE for an Anthropic client (PROTOCOLS.md §5.5, "OpenAI upstream to an
/// Anthropic client"). One instance per stream; not thread-safe.
/// <list type="bullet">
/// <item><c>message_start</c> goes out at once; its input usage is what the start event knew (OpenAI: nothing, so 0).</item>
/// <item>A text (or thinking) block opens at the first fragment; any open block closes when another kind begins.</item>
/// <item>The finish is held until usage is known, so that <c>message_delta</c> carries the final numbers; if the stream
/// ends without usage, <c>message_delta</c> carries what is known.</item>
/// <item>Input usage is written on Anthropic's convention: <c>input_tokens</c> excludes cache reads and writes.</item>
/// <item>After an error event (or <c>message_stop</c>) nothing more is written.</item>
/// </list>
/// </summary>
internal sealed partial class AnthropicStreamEncoder : IStreamEncoder
{
    private readonly string _requestModel;
    private readonly ArrayBufferWriter<byte> _json = new(256);
    private readonly Dictionary<int, int> _blockByTool = [];
    private bool _started;
    private bool _deltaSent;
    private bool _done;
    private TokenUsage? _startUsage;
    private TokenUsage? _usage;
    private FinishEvent? _finish;
    private StringBuilder? _refusal;

    public AnthropicStreamEncoder(ChatRequest request) => _requestModel = request.Model;

    /// <inheritdoc/>
    public void Encode(StreamEvent streamEvent, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(streamEvent);
        if (_done)
        {
            return;
        }

        switch (streamEvent)
        {
            case MessageStartEvent start:
                Start(start.Id, start.Model, start.Usage, output);
                break;
            case TextDeltaEvent text:
                OnText(text.Text, output);
                break;
            case ThinkingDeltaEvent thinking:
                OnThinking(thinking, output);
                break;
            case ToolCallStartEvent call:
                OnToolStart(call, output);
                break;
            case ToolCallArgumentsDeltaEvent arguments:
                OnToolArguments(arguments, output);
                break;
            case RefusalDeltaEvent refusal:
                (_refusal ??= new StringBuilder()).Append(refusal.Text);
                break;
            case FinishEvent finish:
                EnsureStarted(output);
                CloseBlock(output);
                _finish = finish;
                break;
            case UsageEvent usage:
                _usage = usage.Usage;
                if (_finish is not null && !_deltaSent)
                {
                    WriteMessageDelta(output);
                }

                break;
            case StreamEndEvent:
                EnsureStarted(output);
                CloseBlock(output);
                if (!_deltaSent)
                {
                    WriteMessageDelta(output);
                }

                Emit(output, "message_stop", 0, static (w, _) =>
                {
                    w.WriteStartObject();
                    w.WriteString("type", "message_stop");
                    w.WriteEndObject();
                });
                _done = true;
                break;
            case StreamErrorEvent error:
                // A finish that was waiting for usage is still news to the client: say how generation ended, then fail.
                if (_finish is not null && !_deltaSent)
                {
                    WriteMessageDelta(output);
                }

                Emit(output, "error", error.Failure, static (w, f) =>
                {
                    w.WriteStartObject();
                    w.WriteString("type", "error");
                    w.WritePropertyName("error");
                    AnthropicErrorCodec.WriteErrorObject(w, f);
                    w.WriteEndObject();
                });
                _done = true;
                break;
        }
    }

    private void EnsureStarted(IBufferWriter<byte> output)
    {
        if (!_started)
        {
            // Content before any start event (a decoder that never saw one): start with a gateway id.
            Start("msg_" + Guid.NewGuid().ToString("N"), _requestModel, null, output);
        }
    }

    private void Start(string id, string model, TokenUsage? usage, IBufferWriter<byte> output)
    {
        if (_started)
        {
            return;
        }

        _started = true;
        _startUsage = usage;
        var state = (Id: AnthropicResponseWriter.MessageId(id), Model: model.Length > 0 ? model : _requestModel, Usage: usage ?? default,
            Output: usage is { OutputTokens: > 0 } u ? u.OutputTokens : 1);
        Emit(output, "message_start", state, static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteString("type", "message_start");
            w.WriteStartObject("message");
            w.WriteString("id", s.Id);
            w.WriteString("type", "message");
            w.WriteString("role", "assistant");
            w.WriteString("model", s.Model);
            w.WriteStartArray("content");
            w.WriteEndArray();
            w.WriteNull("stop_reason");
            w.WriteNull("stop_sequence");
            w.WriteStartObject("usage");
            AnthropicUsage.WriteCounts(w, s.Usage, s.Output);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    private void WriteMessageDelta(IBufferWriter<byte> output)
    {
        _deltaSent = true;
        var reason = AnthropicResponseWriter.StopReason(_finish?.Reason, _refusal?.ToString(), _blockByTool.Count > 0);
        var usage = _usage ?? (_startUsage is { } start ? start with { OutputTokens = 0, ReasoningTokens = 0 } : default);
        var state = (Reason: reason, Stop: reason == FinishReason.StopSequence ? _finish?.StopSequence : null, Refusal: _refusal?.ToString(), Usage: usage);
        Emit(output, "message_delta", state, static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteString("type", "message_delta");
            w.WriteStartObject("delta");
            w.WriteString("stop_reason", AnthropicStopReason.ToWire(s.Reason));
            AnthropicResponseWriter.WriteNullableString(w, "stop_sequence", s.Stop);
            if (s.Reason == FinishReason.ContentFilter)
            {
                AnthropicResponseWriter.WriteRefusalDetails(w, s.Refusal);
            }

            w.WriteEndObject();
            w.WriteStartObject("usage");
            AnthropicUsage.WriteCounts(w, s.Usage, s.Usage.OutputTokens);
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    private void Emit<TState>(IBufferWriter<byte> output, string eventName, TState state, Action<Utf8JsonWriter, TState> write)
    {
        AnthropicJson.WriteInto(_json, state, write);
        SseFrame.Write(output, eventName, _json.WrittenSpan);
    }
}
