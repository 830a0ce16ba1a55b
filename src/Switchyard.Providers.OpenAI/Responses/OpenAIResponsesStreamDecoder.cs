using System.Text.Json;
using Switchyard.Failures;
using Switchyard.Model;

namespace Switchyard.Providers.OpenAI;

/// <summary>
/// Turns an upstream Responses SSE stream (PROTOCOLS.md §2.3) into canonical events. One instance per stream, not
/// thread-safe. Malformed events become a <see cref="StreamErrorEvent"/>, never an exception.
/// </summary>
/// <remarks>
/// Every event carries a <c>sequence_number</c>; one not above <see cref="LastSequenceNumber"/> is a duplicate (a
/// resumed stream replaying what was already seen) and is dropped without events. Feeding the same decoder the tail
/// of <c>GET /v1/responses/{id}?stream=true&amp;starting_after=N</c> therefore continues the stream seamlessly.
/// After the terminal event (<c>response.completed</c>, <c>.incomplete</c>, <c>.failed</c> or <c>error</c>) the
/// decoder is terminated and drops the rest, except the <c>response.failed</c> that follows an <c>error</c>, which is
/// forwarded so a same-format client sees the pair OpenAI sends.
/// </remarks>
public sealed partial class OpenAIResponsesStreamDecoder : IStreamDecoder, IResumableStreamDecoder
{
    private readonly Dictionary<string, int> _toolIndexByItem = new(StringComparer.Ordinal);
    private readonly Dictionary<long, int> _toolIndexByOutput = [];
    private readonly HashSet<int> _toolsWithArguments = [];
    private bool _started;
    private bool _afterError;

    /// <summary>The highest <c>sequence_number</c> seen so far, or null before the first numbered event.</summary>
    public long? LastSequenceNumber { get; private set; }

    /// <summary>The upstream response id (from <c>response.created</c> or any later response object), for resuming.</summary>
    public string? ResponseId { get; private set; }

    /// <inheritdoc/>
    public bool IsTerminated { get; private set; }

    /// <inheritdoc/>
    public DecodeDisposition Decode(string? eventType, ReadOnlySpan<byte> data, IList<StreamEvent> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var trimmed = data.Trim(" \r\n\t"u8);
        if (trimmed.IsEmpty)
        {
            return DecodeDisposition.KeepAlive;
        }

        if (IsTerminated && !_afterError)
        {
            return DecodeDisposition.Drop;
        }

        // A provider's event is untrusted: text the parser lets through would throw from the first read of a string.
        if (JsonTextCheck.FindProblem(trimmed) is { } textProblem)
        {
            return IsTerminated ? DecodeDisposition.Drop : Fail(output, $"OpenAI sent an unreadable stream event: {textProblem}");
        }

        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(trimmed);
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException ex)
        {
            return IsTerminated ? DecodeDisposition.Drop : Fail(output, $"OpenAI sent a malformed stream event: {ex.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return IsTerminated ? DecodeDisposition.Drop : Fail(output, $"OpenAI sent a stream event that is {JsonProblem.Describe(root)}, not an object.");
            }

            if (JsonRead.Int64(root, "sequence_number") is { } sequence)
            {
                if (sequence <= LastSequenceNumber)
                {
                    return DecodeDisposition.Drop;
                }

                LastSequenceNumber = sequence;
            }

            var type = JsonRead.String(root, "type") ?? eventType;
            if (IsTerminated)
            {
                // Only the response.failed that OpenAI sends after its error event is still part of the stream.
                _afterError = false;
                return type == "response.failed" ? DecodeDisposition.Forward : DecodeDisposition.Drop;
            }

            return Decode(type, root, output);
        }
    }

    /// <inheritdoc/>
    public void Complete(IList<StreamEvent> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!IsTerminated)
        {
            Fail(output, "The OpenAI stream ended without its terminal event (response.completed).");
        }
    }

    private DecodeDisposition Decode(string? type, JsonElement root, IList<StreamEvent> output)
    {
        if (JsonRead.Object(root, "response") is { } response && JsonRead.String(response, "id") is { Length: > 0 } id)
        {
            ResponseId ??= id;
        }

        switch (type)
        {
            case "response.created":
                Start(root, output);
                return DecodeDisposition.Forward;
            case "response.queued" or "response.in_progress":
                return DecodeDisposition.KeepAlive;
            case "response.output_text.delta":
                return Delta(root, output, static text => new TextDeltaEvent(text));
            case "response.refusal.delta":
                return Delta(root, output, static text => new RefusalDeltaEvent(text));
            case "response.reasoning_summary_text.delta":
                return Delta(root, output, static text => new ThinkingDeltaEvent(text, null));
            case "response.output_item.added":
                return ItemAdded(root, output);
            case "response.function_call_arguments.delta":
                return ArgumentsDelta(root, output);
            case "response.output_item.done":
                return ItemDone(root, output);
            case "response.completed" or "response.incomplete":
                return Finish(root, output);
            case "response.failed":
                return Failed(root, output);
            case "error":
                return Error(root, output);
            default:
                return DecodeDisposition.Forward;
        }
    }

    private void Start(JsonElement root, IList<StreamEvent> output)
    {
        if (_started)
        {
            return;
        }

        _started = true;
        var response = JsonRead.Object(root, "response");
        var model = response is { } r ? JsonRead.String(r, "model") : null;
        output.Add(new MessageStartEvent(ResponseId ?? string.Empty, model ?? string.Empty));
    }

    /// <summary>Content before <c>response.created</c> (a resumed tail fed to a fresh decoder) still opens the message.</summary>
    private void EnsureStarted(IList<StreamEvent> output)
    {
        if (!_started)
        {
            _started = true;
            output.Add(new MessageStartEvent(ResponseId ?? string.Empty, string.Empty));
        }
    }

    private DecodeDisposition Delta(JsonElement root, IList<StreamEvent> output, Func<string, StreamEvent> create)
    {
        if (JsonRead.String(root, "delta") is { Length: > 0 } delta)
        {
            EnsureStarted(output);
            output.Add(create(delta));
        }

        return DecodeDisposition.Forward;
    }

    /// <summary>
    /// A stream error ends the stream as broken. Its bytes are dropped: a client SDK would choke on them, while the error
    /// event lets the gateway recover or write a well-formed error.
    /// </summary>
    private DecodeDisposition Fail(IList<StreamEvent> output, string message)
    {
        IsTerminated = true;
        output.Add(new StreamErrorEvent(new Failure(FailureKind.StreamBroken, message) { Provider = "openai" }));
        return DecodeDisposition.Drop;
    }
}
