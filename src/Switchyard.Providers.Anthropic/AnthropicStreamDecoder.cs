using System.Text.Json;
using Switchyard.Failures;
using Switchyard.Model;

namespace Switchyard.Providers.Anthropic;

/// <summary>
/// Anthropic Messages SSE (PROTOCOLS.md §4.4) → canonical stream events. One instance per stream; not thread-safe.
/// Deliberate behaviours:
/// <list type="bullet">
/// <item>A second <c>message_start</c> (duplicated or spliced by a proxy) is dropped: one response, one start.</item>
/// <item>Tool calls are numbered by their ordinal among tool_use blocks, not by Anthropic's block index.</item>
/// <item>Empty text, thinking and <c>input_json_delta</c> fragments carry nothing and produce no event.</item>
/// <item>A tool block cut by <c>max_tokens</c> (no <c>content_block_stop</c>) is forwarded as received: its arguments
/// stay incomplete JSON and the <see cref="FinishReason.Length"/> finish tells the consumer so.</item>
/// <item>Usage in <c>message_delta</c> replaces earlier values; input counts it lacks come from <c>message_start</c>.</item>
/// <item>A refusal's <c>stop_details.explanation</c> becomes a <see cref="RefusalDeltaEvent"/> before the finish.</item>
/// <item>Redacted thinking blocks and citation deltas have no canonical event and are skipped.</item>
/// </list>
/// </summary>
internal sealed partial class AnthropicStreamDecoder : IStreamDecoder
{
    private readonly Dictionary<int, int> _toolOrdinalByBlock = [];
    private bool _started;
    // Most frequent first: the type is compared against these in order.
    private static readonly string[] EventTypes =
        ["content_block_delta", "content_block_start", "content_block_stop", "message_delta", "message_start", "message_stop", "ping", "error"];

    private int _toolCount;
    private TokenUsage? _startUsage;

    /// <inheritdoc/>
    public bool IsTerminated { get; private set; }

    /// <inheritdoc/>
    public DecodeDisposition Decode(string? eventType, ReadOnlySpan<byte> data, IList<StreamEvent> output)
    {
        if (IsTerminated)
        {
            // Nothing may follow message_stop or an error; a proxy that keeps talking is ignored.
            return DecodeDisposition.Drop;
        }

        var doc = AnthropicJson.TryParse(data, out var parseError);
        if (doc is null)
        {
            return Fail(output, $"Anthropic sent malformed JSON in a '{eventType ?? "message"}' event: {parseError}");
        }

        using (doc)
        {
            var root = doc.RootElement;
            // The JSON type is authoritative; the event: line only helps when it is missing (json-lines framing has none).
            var type = root.GetKnownStringOrNull("type", EventTypes) ?? (eventType is null or "message" ? null : eventType);
            return type switch
            {
                "message_start" => OnMessageStart(root, output),
                "content_block_start" => OnBlockStart(root, output),
                "content_block_delta" => OnBlockDelta(root, output),
                "content_block_stop" => DecodeDisposition.Forward,
                "message_delta" => OnMessageDelta(root, output),
                "message_stop" => OnMessageStop(output),
                "ping" => DecodeDisposition.KeepAlive,
                "error" => OnError(root, output),
                null => Fail(output, $"Anthropic sent an event without a type: {Excerpt(data)}"),
                // Event types newer than this code are forwarded untouched (Anthropic's versioning policy allows them).
                _ => DecodeDisposition.Forward,
            };
        }
    }

    /// <inheritdoc/>
    public void Complete(IList<StreamEvent> output)
    {
        if (!IsTerminated)
        {
            IsTerminated = true;
            output.Add(new StreamErrorEvent(new Failure(FailureKind.StreamBroken, "The Anthropic stream ended without its terminal event (message_stop).")
            {
                Provider = "anthropic",
            }));
        }
    }

    private DecodeDisposition Fail(IList<StreamEvent> output, string message)
    {
        IsTerminated = true;
        output.Add(new StreamErrorEvent(new Failure(FailureKind.StreamBroken, message) { Provider = "anthropic" }));
        return DecodeDisposition.Forward;
    }

    private DecodeDisposition OnMessageStart(JsonElement root, IList<StreamEvent> output)
    {
        if (_started)
        {
            return DecodeDisposition.Drop;
        }

        if (!root.TryGet("message", out var message) || message.GetStringOrNull("id") is not { } id)
        {
            return Fail(output, "Anthropic sent a message_start without message.id.");
        }

        _started = true;
        _startUsage = message.TryGet("usage", out var usage) && usage.ValueKind == JsonValueKind.Object ? AnthropicUsage.Read(usage) : null;
        output.Add(new MessageStartEvent(id, message.GetStringOrNull("model") ?? string.Empty, _startUsage));
        return DecodeDisposition.Forward;
    }

    private DecodeDisposition OnMessageStop(IList<StreamEvent> output)
    {
        IsTerminated = true;
        output.Add(StreamEndEvent.Instance);
        return DecodeDisposition.Forward;
    }

    private DecodeDisposition OnError(JsonElement root, IList<StreamEvent> output)
    {
        IsTerminated = true;
        output.Add(new StreamErrorEvent(AnthropicErrorCodec.ReadStreamError(root)));
        return DecodeDisposition.Forward;
    }

    private static string Excerpt(ReadOnlySpan<byte> data)
    {
        var text = System.Text.Encoding.UTF8.GetString(data[..Math.Min(data.Length, 120)]);
        return data.Length > 120 ? text + "…" : text;
    }
}
