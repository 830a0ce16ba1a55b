using System.Buffers;
using Switchyard.Failures;
using Switchyard.Model;

namespace Switchyard.Providers;

/// <summary>
/// What same-format passthrough needs to know of one upstream event — whether it is content (the commit point), the
/// start, usage, the finish, the end, an error — plus the visible text, appended to <see cref="Text"/> for a
/// continuation. Filled by <see cref="IStreamDecoder.Observe"/>, which reads the event's bytes without building canonical
/// events; the caller <see cref="Reset"/>s it before each event. One instance per stream attempt; not thread-safe.
/// </summary>
public sealed class StreamObservation(IBufferWriter<char> text)
{
    private readonly List<StreamEvent> _decoded = new(4);

    /// <summary>Where the event's visible text is appended (across events; owned by the caller).</summary>
    public IBufferWriter<char> Text { get; } = text;

    /// <summary>The response's start, on the event that carries it.</summary>
    public MessageStartEvent? Start { get; set; }

    /// <summary>Cumulative usage the event states (it replaces earlier values).</summary>
    public TokenUsage? Usage { get; set; }

    /// <summary>The finish reason the event states.</summary>
    public FinishReason? Finish { get; set; }

    /// <summary>The failure the event reports (an error event, or bytes the decoder cannot read).</summary>
    public Failure? Error { get; set; }

    /// <summary>Whether the event is the provider's terminal marker.</summary>
    public bool Ended { get; set; }

    /// <summary>Whether the event carries content (text, tool calls, refusal, reasoning, the finish): the commit point.</summary>
    public bool Content { get; set; }

    /// <summary>Whether the event carries content other than text (then a break cannot be continued).</summary>
    public bool NonText { get; set; }

    /// <summary>Characters of text, thinking and tool-call arguments the event carries.</summary>
    public int Characters { get; set; }

    /// <summary>Tool calls the event starts.</summary>
    public int ToolCallsStarted { get; set; }

    /// <summary>Whether usage is all the event carries (the OpenAI usage-only chunk).</summary>
    public bool UsageOnly => Usage is not null && Start is null && !Content && !Ended && Error is null;

    /// <summary>Clears the per-event facts (not <see cref="Text"/>).</summary>
    public void Reset()
    {
        Start = null;
        Usage = null;
        Finish = null;
        Error = null;
        Ended = false;
        Content = false;
        NonText = false;
        Characters = 0;
        ToolCallsStarted = 0;
    }

    /// <summary>
    /// Observes an event the long way: <see cref="IStreamDecoder.Decode"/> to canonical events, folded in here. The
    /// default of <see cref="IStreamDecoder.Observe"/>, and what the span-level observers fall back to for events that
    /// are rare (the start, usage, errors) or unusual.
    /// </summary>
    public DecodeDisposition Decode(IStreamDecoder decoder, string? eventType, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(decoder);
        _decoded.Clear();
        var disposition = decoder.Decode(eventType, data, _decoded);
        foreach (var e in _decoded)
        {
            Add(e);
        }

        return disposition;
    }

    private void Add(StreamEvent e)
    {
        switch (e)
        {
            case MessageStartEvent start:
                Start ??= start;
                break;
            case UsageEvent usage:
                Usage = usage.Usage;
                break;
            case StreamErrorEvent error:
                Error = error.Failure;
                break;
            case StreamEndEvent:
                Ended = true;
                break;
            case TextDeltaEvent { Text.Length: > 0 } text:
                Text.Write(text.Text.AsSpan());
                Characters += text.Text.Length;
                Content = true;
                break;
            case ToolCallArgumentsDeltaEvent arguments:
                Characters += arguments.Fragment.Length;
                NonTextContent();
                break;
            case ToolCallStartEvent:
                ToolCallsStarted++;
                NonTextContent();
                break;
            case ThinkingDeltaEvent thinking:
                // Billed as output, so counted for the estimate of a stream that ends without usage.
                Characters += thinking.Text?.Length ?? 0;
                NonTextContent();
                break;
            case RefusalDeltaEvent:
                NonTextContent();
                break;
            case FinishEvent finish:
                Finish = finish.Reason;
                Content = true;
                break;
        }
    }

    private void NonTextContent()
    {
        NonText = true;
        Content = true;
    }
}
