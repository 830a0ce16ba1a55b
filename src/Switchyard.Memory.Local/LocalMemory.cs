using Microsoft.Extensions.Logging;
using Switchyard.Storage;

namespace Switchyard.Memory.Local;

/// <summary>
/// The embedded memory stack in one object for a host: a <see cref="SqliteMemoryStore"/> file, per-session USearch
/// indexes beside it (<c>&lt;database&gt;.index/</c> unless given), the MiniLM embedder (unless another is given) and the
/// <see cref="MemoryEngine"/> over them. The host calls <see cref="FlushAsync"/> and
/// <see cref="MemoryEngine.PurgeExpiredAsync"/> periodically and disposes at shutdown (which saves the indexes).
/// </summary>
public sealed class LocalMemory : IDisposable
{
    private readonly MiniLmEmbedder? _ownedEmbedder;

    private LocalMemory(SqliteMemoryStore store, USearchVectorIndex index, MemoryEngine engine, MiniLmEmbedder? ownedEmbedder)
    {
        Store = store;
        Index = index;
        Engine = engine;
        _ownedEmbedder = ownedEmbedder;
    }

    /// <summary>The engine the gateway calls (<see cref="IAgentMemory"/>).</summary>
    public MemoryEngine Engine { get; }

    /// <summary>The SQLite store.</summary>
    public SqliteMemoryStore Store { get; }

    /// <summary>The vector index.</summary>
    public USearchVectorIndex Index { get; }

    /// <summary>Opens the stack.</summary>
    /// <param name="databasePath">The SQLite file (created when missing).</param>
    /// <param name="options">Engine options; must be valid.</param>
    /// <param name="summarizer">The gateway's summarizer.</param>
    /// <param name="time">The clock.</param>
    /// <param name="index">Index options; null puts the indexes in <c>&lt;databasePath&gt;.index/</c> with default HNSW parameters.</param>
    /// <param name="embedder">Another embedder (e.g. provider embeddings); null loads MiniLM, owned and disposed by this object.</param>
    /// <param name="logger">The engine's logger.</param>
    public static LocalMemory Open(
        string databasePath,
        MemoryOptions options,
        ISummarizer summarizer,
        TimeProvider time,
        USearchIndexOptions? index = null,
        IEmbedder? embedder = null,
        ILogger<MemoryEngine>? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        var store = new SqliteMemoryStore(databasePath, time);
        MiniLmEmbedder? owned = null;
        try
        {
            var chosen = embedder ?? (owned = new MiniLmEmbedder());
            var vectors = new USearchVectorIndex(
                (index ?? new USearchIndexOptions { Directory = databasePath + ".index" }) with { Dimensions = chosen.Dimensions },
                store);
            var engine = new MemoryEngine(store, chosen, vectors, summarizer, options, time, logger: logger);
            return new LocalMemory(store, vectors, engine, owned);
        }
        catch
        {
            owned?.Dispose();
            store.Dispose();
            throw;
        }
    }

    /// <summary>Saves the changed session indexes.</summary>
    public Task FlushAsync(CancellationToken cancellationToken) => Index.FlushAsync(cancellationToken);

    /// <summary>Saves the indexes and closes everything this object opened.</summary>
    public void Dispose()
    {
        Index.Dispose();
        Store.Dispose();
        _ownedEmbedder?.Dispose();
    }
}
