namespace Switchyard.Memory;

/// <summary>What a long-term (L3) memory was made from.</summary>
public enum MemoryKind
{
    /// <summary>A chunk of a turn's text (the whole text when short).</summary>
    TurnChunk,

    /// <summary>A statement extracted from a user turn by the <see cref="IFactExtractor"/>.</summary>
    Fact,
}
