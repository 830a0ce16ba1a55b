namespace Switchyard.Memory;

/// <summary>
/// Approximate nearest-neighbour search over the memories of one session at a time. Every call names its session, and an
/// implementation keeps sessions apart (the USearch one keeps one index per session), so a search can never return
/// another tenant's or session's memory. Thread-safe.
/// </summary>
public interface IVectorIndex
{
    /// <summary>Adds vectors under their memory ids.</summary>
    Task AddAsync(MemorySessionKey key, IReadOnlyList<long> ids, IReadOnlyList<float[]> vectors, CancellationToken cancellationToken);

    /// <summary>The up-to-<paramref name="count"/> ids nearest to <paramref name="query"/>, most similar first.</summary>
    Task<IReadOnlyList<VectorHit>> SearchAsync(MemorySessionKey key, float[] query, int count, CancellationToken cancellationToken);

    /// <summary>Removes the given ids; ids not present are ignored.</summary>
    Task RemoveAsync(MemorySessionKey key, IReadOnlyList<long> ids, CancellationToken cancellationToken);

    /// <summary>Forgets the whole session (its persisted file too).</summary>
    Task DropAsync(MemorySessionKey key, CancellationToken cancellationToken);

    /// <summary>Persists every changed session index (called on shutdown and periodically by the host).</summary>
    Task FlushAsync(CancellationToken cancellationToken);
}
