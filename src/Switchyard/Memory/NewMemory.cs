namespace Switchyard.Memory;

/// <summary>A memory to store: its text, where it came from and its embedding (unit length).</summary>
/// <param name="Kind">Turn chunk or extracted fact.</param>
/// <param name="Text">The text that was embedded.</param>
/// <param name="Tokens">Its size in o200k tokens.</param>
/// <param name="SourceSequence">The turn it came from.</param>
/// <param name="Vector">The embedding; its length is the embedder's <see cref="IEmbedder.Dimensions"/>.</param>
public sealed record NewMemory(MemoryKind Kind, string Text, int Tokens, long SourceSequence, float[] Vector);
