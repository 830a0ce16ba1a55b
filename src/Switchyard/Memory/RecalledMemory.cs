namespace Switchyard.Memory;

/// <summary>A memory the assembler injected.</summary>
/// <param name="Id">The memory id (as in the admin API).</param>
/// <param name="Kind">Turn chunk or fact.</param>
/// <param name="SourceSequence">The turn it came from.</param>
/// <param name="Similarity">Cosine similarity to the query.</param>
/// <param name="Tokens">Tokens it took in the prompt.</param>
public readonly record struct RecalledMemory(long Id, MemoryKind Kind, long SourceSequence, float Similarity, int Tokens);
