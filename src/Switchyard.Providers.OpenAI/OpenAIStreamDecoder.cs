using System.Text.Json;
using Switchyard.Failures;
using Switchyard.Model;

namespace Switchyard.Providers.OpenAI;

/// <summary>
/// Turns Chat Completions SSE chunks (PROTOCOLS.md §1.4) into canonical events. One instance per stream, not thread-safe.
/// </summary>
/// <remarks>
/// Chunks are parsed with <see cref="JsonDocument"/>, whose buffers are pooled: a chunk is small and its fields are
/// read in no fixed order, which a forward-only reader would have to buffer anyway.
/// Quirks handled on purpose: <c>obfuscation</c> and <c>logprobs</c> are ignored; Azure's first chunk (empty id, no
/// choices, only <c>prompt_filter_results</c>) is a keep-alive and does not start the message, which starts at the
/// first chunk with a real id or any content; a chunk may carry content and <c>finish_reason</c> together, and a tool
/// call may arrive whole in one fragment; anything after <c>[DONE]</c> or an error is dropped, as the SDKs do.
/// </remarks>
internal sealed partial class OpenAIStreamDecoder : IStreamDecoder
{
    private readonly HashSet<int> _startedToolCalls = [];
    private bool _started;

    /// <inheritdoc/>
    public bool IsTerminated { get; private set; }

    /// <inheritdoc/>
    public DecodeDisposition Decode(string? eventType, ReadOnlySpan<byte> data, IList<StreamEvent> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (IsTerminated)
        {
            return DecodeDisposition.Drop;
        }

        var trimmed = data.Trim(" \r\n\t"u8);
        if (trimmed.SequenceEqual("[DONE]"u8))
        {
            IsTerminated = true;
            output.Add(StreamEndEvent.Instance);
            return DecodeDisposition.Forward;
        }

        if (trimmed.IsEmpty)
        {
            return DecodeDisposition.KeepAlive;
        }

        // A provider's chunk is untrusted: text the parser lets through would throw from the first read of a string.
        if (JsonTextCheck.FindProblem(trimmed) is { } textProblem)
        {
            return Fail(output, $"OpenAI sent an unreadable stream chunk: {textProblem}");
        }

        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(trimmed);
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException ex)
        {
            return Fail(output, $"OpenAI sent a malformed stream chunk: {ex.Message}");
        }

        using (document)
        {
            return Decode(document.RootElement, output);
        }
    }

    /// <inheritdoc/>
    public void Complete(IList<StreamEvent> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!IsTerminated)
        {
            Fail(output, "The OpenAI stream ended without its terminal event (data: [DONE]).");
        }
    }

    private DecodeDisposition Decode(JsonElement chunk, IList<StreamEvent> output)
    {
        if (chunk.ValueKind != JsonValueKind.Object)
        {
            return Fail(output, $"OpenAI sent a stream chunk that is {JsonProblem.Describe(chunk)}, not an object.");
        }

        if (JsonRead.Object(chunk, "error") is { } error)
        {
            IsTerminated = true;
            output.Add(new StreamErrorEvent(OpenAIErrorClassifier.Classify(null, error, null)));
            return DecodeDisposition.Forward;
        }

        var choices = JsonRead.Array(chunk, "choices");
        var hasChoices = choices is { } c && c.GetArrayLength() > 0;
        var usage = chunk.TryGetProperty("usage", out var u) ? OpenAIUsage.Read(u) : null;
        if (!_started)
        {
            // Only the first chunk's id is used: reading it from every chunk would allocate a string per event.
            var id = JsonRead.String(chunk, "id");
            if (string.IsNullOrEmpty(id) && !hasChoices && usage is null)
            {
                return DecodeDisposition.KeepAlive;
            }

            _started = true;
            output.Add(new MessageStartEvent(id ?? string.Empty, JsonRead.String(chunk, "model") ?? string.Empty));
        }

        if (hasChoices)
        {
            foreach (var choice in choices!.Value.EnumerateArray())
            {
                // The gateway asks for one choice; a stray index would interleave a second answer into the first.
                if (JsonRead.Int64(choice, "index") is null or 0)
                {
                    DecodeChoice(choice, output);
                }
            }
        }

        if (usage is { } total)
        {
            output.Add(new UsageEvent(total));
        }

        return DecodeDisposition.Forward;
    }

    private void DecodeChoice(JsonElement choice, IList<StreamEvent> output)
    {
        if (JsonRead.Object(choice, "delta") is { } delta)
        {
            if (JsonRead.String(delta, "reasoning_content") is { Length: > 0 } reasoning)
            {
                output.Add(new ThinkingDeltaEvent(reasoning, null));
            }

            if (JsonRead.String(delta, "content") is { Length: > 0 } text)
            {
                output.Add(new TextDeltaEvent(text));
            }

            if (JsonRead.String(delta, "refusal") is { Length: > 0 } refusal)
            {
                output.Add(new RefusalDeltaEvent(refusal));
            }

            if (JsonRead.Array(delta, "tool_calls") is { } calls)
            {
                DecodeToolCalls(calls, output);
            }
        }

        if (OpenAIFinishReasons.Read(JsonRead.String(choice, "finish_reason")) is { } reason)
        {
            output.Add(new FinishEvent(reason));
        }
    }

    private void DecodeToolCalls(JsonElement calls, IList<StreamEvent> output)
    {
        var position = 0;
        foreach (var call in calls.EnumerateArray())
        {
            // Servers that omit the index send one call per chunk in order; fall back to the position in the array.
            var index = (int)Math.Clamp(JsonRead.Int64(call, "index") ?? position, 0, int.MaxValue);
            position++;
            var function = JsonRead.Object(call, "function");
            if (_startedToolCalls.Add(index))
            {
                var name = function is { } f ? JsonRead.String(f, "name") : null;
                output.Add(new ToolCallStartEvent(index, JsonRead.String(call, "id") ?? string.Empty, name ?? string.Empty));
            }

            if (function is { } fn && JsonRead.String(fn, "arguments") is { Length: > 0 } arguments)
            {
                output.Add(new ToolCallArgumentsDeltaEvent(index, arguments));
            }
        }
    }

    /// <summary>
    /// A chunk we cannot read ends the stream as broken. Its bytes are dropped: a client SDK would choke on them, while
    /// the error event lets the gateway recover or write a well-formed error.
    /// </summary>
    private DecodeDisposition Fail(IList<StreamEvent> output, string message)
    {
        IsTerminated = true;
        output.Add(new StreamErrorEvent(new Failure(FailureKind.StreamBroken, message) { Provider = "openai" }));
        return DecodeDisposition.Drop;
    }
}
