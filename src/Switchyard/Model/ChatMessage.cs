namespace Switchyard.Model;

/// <summary>One turn of the canonical conversation.</summary>
/// <param name="Role">Author of the turn.</param>
/// <param name="Content">Ordered content parts; never null, may be empty (e.g. an assistant turn with only tool calls).</param>
public sealed record ChatMessage(ChatRole Role, IReadOnlyList<ContentPart> Content)
{
    /// <summary>OpenAI's optional participant name; Anthropic has no equivalent and drops it.</summary>
    public string? Name { get; init; }

    /// <summary>Creates a message holding a single text part.</summary>
    public static ChatMessage FromText(ChatRole role, string text) => new(role, [new TextPart(text)]);

    /// <summary>Concatenation of every <see cref="TextPart"/> in this message.</summary>
    public string Text => string.Concat(Content.OfType<TextPart>().Select(p => p.Text));
}
