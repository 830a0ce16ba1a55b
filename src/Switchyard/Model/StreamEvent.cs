namespace Switchyard.Model;

/// <summary>
/// One canonical streaming event. Decoders turn provider SSE into these; encoders turn these into the client's SSE.
/// The order is: <see cref="MessageStartEvent"/>, content deltas, <see cref="FinishEvent"/>, optionally
/// <see cref="UsageEvent"/>, then <see cref="StreamEndEvent"/>. A <see cref="StreamErrorEvent"/> may replace the tail.
/// </summary>
public abstract record StreamEvent;

/// <summary>The response has started. <paramref name="Usage"/> holds the input tokens when the provider says them up front.</summary>
public sealed record MessageStartEvent(string Id, string Model, TokenUsage? Usage = null) : StreamEvent;

/// <summary>A fragment of visible text.</summary>
public sealed record TextDeltaEvent(string Text) : StreamEvent;

/// <summary>A fragment of reasoning text or its signature (Anthropic thinking blocks).</summary>
public sealed record ThinkingDeltaEvent(string? Text, string? Signature) : StreamEvent;

/// <summary>A tool call begins. <paramref name="Index"/> is the ordinal of the call among tool calls (0, 1, …).</summary>
public sealed record ToolCallStartEvent(int Index, string Id, string Name) : StreamEvent;

/// <summary>A fragment of a tool call's JSON arguments.</summary>
public sealed record ToolCallArgumentsDeltaEvent(int Index, string Fragment) : StreamEvent;

/// <summary>A refusal fragment (OpenAI <c>delta.refusal</c>).</summary>
public sealed record RefusalDeltaEvent(string Text) : StreamEvent;

/// <summary>Generation finished for the given reason.</summary>
public sealed record FinishEvent(FinishReason Reason, string? StopSequence = null) : StreamEvent;

/// <summary>Cumulative usage for the whole response; later events replace earlier ones ("set", not "add").</summary>
public sealed record UsageEvent(TokenUsage Usage) : StreamEvent;

/// <summary>The provider's terminal marker arrived (<c>[DONE]</c> / <c>message_stop</c>): the stream is complete.</summary>
public sealed record StreamEndEvent : StreamEvent
{
    /// <summary>Shared instance; the event carries no data.</summary>
    public static StreamEndEvent Instance { get; } = new();
}

/// <summary>The stream failed after it started (an error event inside the 200, or a break without a terminal event).</summary>
public sealed record StreamErrorEvent(Failures.Failure Failure) : StreamEvent;
