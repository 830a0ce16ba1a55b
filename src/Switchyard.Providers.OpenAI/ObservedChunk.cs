using Switchyard.Model;

namespace Switchyard.Providers.OpenAI;

/// <summary>What the span-level observer read of one chat chunk, applied only once the whole chunk was read.</summary>
internal struct ObservedChunk
{
    /// <summary>Characters of <c>delta.content</c> unescaped into the text buffer's free space, not yet advanced.</summary>
    public int TextLength { get; set; }

    /// <summary>Whether <c>delta.refusal</c> is a non-empty string.</summary>
    public bool Refusal { get; set; }

    /// <summary>Characters of <c>delta.reasoning_content</c> (a compatible server's reasoning).</summary>
    public int ReasoningCharacters { get; set; }

    /// <summary>Characters of the arguments fragments of tool calls already started.</summary>
    public int ArgumentCharacters { get; set; }

    /// <summary>The choice's <c>finish_reason</c>.</summary>
    public FinishReason? Finish { get; set; }

    /// <summary>Whether the choice is the one the gateway reads (index 0 or none).</summary>
    public bool Counts { get; set; }

    /// <summary>The facts Decode's events would give (see <see cref="StreamObservation"/>); keeps the text.</summary>
    public readonly void ApplyTo(StreamObservation observation)
    {
        if (!Counts)
        {
            return;
        }

        if (TextLength > 0)
        {
            observation.Text.Advance(TextLength);
            observation.Characters += TextLength;
            observation.Content = true;
        }

        if (Refusal || ArgumentCharacters > 0 || ReasoningCharacters > 0)
        {
            observation.Characters += ArgumentCharacters + ReasoningCharacters;
            observation.NonText = true;
            observation.Content = true;
        }

        if (Finish is { } reason)
        {
            observation.Finish = reason;
            observation.Content = true;
        }
    }
}
