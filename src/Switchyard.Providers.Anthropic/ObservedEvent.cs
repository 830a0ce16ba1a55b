namespace Switchyard.Providers.Anthropic;

/// <summary>What the span-level observer read of one Messages stream event, acted on once the whole event was read.</summary>
internal struct ObservedEvent
{
    /// <summary>The JSON <c>type</c>: one of the decoder's event types, another string, or null when absent or not a string.</summary>
    public string? Type { get; set; }

    /// <summary>The event's <c>index</c>, when it is an integer.</summary>
    public int? Index { get; set; }

    /// <summary>Whether <c>delta</c> is present and not null.</summary>
    public bool HasDelta { get; set; }

    /// <summary>Whether <c>content_block</c> is present and not null.</summary>
    public bool HasBlock { get; set; }

    /// <summary>The delta's <c>type</c> (one of the known delta types, another string, or null).</summary>
    public string? DeltaType { get; set; }

    /// <summary>The content block's <c>type</c> (one of the known block types, another string, or null).</summary>
    public string? BlockType { get; set; }

    /// <summary>Whether a <c>text</c> string was read (the delta's or the block's; an event with both is declined).</summary>
    public bool TextRead { get; set; }

    /// <summary>Characters of the one <c>text</c> read (delta's or block's) unescaped into the text buffer, not yet advanced.</summary>
    public int TextLength { get; set; }

    /// <summary>Whether that text was the delta's (else the content block's).</summary>
    public bool TextInDelta { get; set; }

    /// <summary>Characters of the delta's <c>thinking</c>, <c>signature</c> and <c>partial_json</c>.</summary>
    public int DeltaThinking { get; set; }

    /// <inheritdoc cref="DeltaThinking"/>
    public int DeltaSignature { get; set; }

    /// <inheritdoc cref="DeltaThinking"/>
    public int DeltaPartialJson { get; set; }

    /// <summary>Characters of the content block's <c>thinking</c>.</summary>
    public int BlockThinking { get; set; }
}
