namespace Switchyard.Memory;

/// <summary>One nearest-neighbour result: a memory id and its cosine similarity to the query (1 = same direction).</summary>
public readonly record struct VectorHit(long Id, float Similarity);
