namespace Switchyard.Model;

/// <summary>A complete (non-streamed) assistant answer in canonical form.</summary>
public sealed record ChatResponse
{
    /// <summary>Provider response id (<c>chatcmpl-…</c> / <c>msg_…</c>).</summary>
    public required string Id { get; init; }

    /// <summary>The model that produced the answer, as the provider reported it.</summary>
    public required string Model { get; init; }

    /// <summary>Text, tool-call and thinking parts in output order.</summary>
    public required IReadOnlyList<ContentPart> Content { get; init; }

    /// <summary>Why generation ended; null only when the provider omitted it.</summary>
    public FinishReason? FinishReason { get; init; }

    /// <summary>The stop sequence that fired, when the provider says which.</summary>
    public string? StopSequence { get; init; }

    /// <summary>Token usage; null when the provider reported none.</summary>
    public TokenUsage? Usage { get; init; }

    /// <summary>Creation time (OpenAI <c>created</c>).</summary>
    public DateTimeOffset Created { get; init; }

    /// <summary>A refusal message (OpenAI <c>message.refusal</c>, Anthropic <c>stop_details.explanation</c>).</summary>
    public string? Refusal { get; init; }

    /// <summary>Concatenation of every text part.</summary>
    public string Text => string.Concat(Content.OfType<TextPart>().Select(p => p.Text));
}
