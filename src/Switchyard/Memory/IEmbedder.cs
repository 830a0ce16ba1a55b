namespace Switchyard.Memory;

/// <summary>
/// Turns text into vectors for long-term recall. Implementations return unit-length vectors (so cosine similarity is a
/// dot product), are thread-safe, and embed a batch in one call because per-call overhead dominates for short texts.
/// </summary>
public interface IEmbedder
{
    /// <summary>The length of every vector returned.</summary>
    int Dimensions { get; }

    /// <summary>A stable name of the model, stored with the index so that vectors of two models are never mixed.</summary>
    string ModelId { get; }

    /// <summary>Embeds <paramref name="texts"/>; the result has one vector per text, in order.</summary>
    /// <exception cref="MemoryBackendException">The embedding backend failed (network, model).</exception>
    Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken);

    /// <summary>
    /// Embeds <paramref name="texts"/> on behalf of the session <paramref name="key"/>: a provider embedder bills the
    /// session's tenant for the call. The default ignores the key (local embedders cost nothing).
    /// </summary>
    /// <exception cref="MemoryBackendException">The embedding backend failed (network, model).</exception>
    Task<float[][]> EmbedAsync(MemorySessionKey key, IReadOnlyList<string> texts, CancellationToken cancellationToken) =>
        EmbedAsync(texts, cancellationToken);
}
