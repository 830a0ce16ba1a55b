namespace Switchyard.Memory;

/// <summary>One long-term (L3) memory: embedded, indexed, recallable, listable and deletable.</summary>
/// <param name="Id">Store-wide unique id (also the vector index key).</param>
/// <param name="Key">The session that owns it.</param>
/// <param name="Kind">Turn chunk or extracted fact.</param>
/// <param name="Text">The remembered text, as it is injected when recalled.</param>
/// <param name="Tokens">Its size in o200k tokens.</param>
/// <param name="SourceSequence">The <see cref="MemoryTurn.Sequence"/> it came from.</param>
/// <param name="CreatedAt">When it was stored.</param>
/// <param name="ExpiresAt">When retention removes it.</param>
public sealed record MemoryItem(
    long Id,
    MemorySessionKey Key,
    MemoryKind Kind,
    string Text,
    int Tokens,
    long SourceSequence,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt);
