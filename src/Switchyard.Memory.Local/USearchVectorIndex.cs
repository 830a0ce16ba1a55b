using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Cloud.Unum.USearch;
using Switchyard.Memory;

namespace Switchyard.Memory.Local;

/// <summary>
/// <see cref="IVectorIndex"/> on USearch HNSW indexes (cosine, float32), one per session, each persisted as a file in
/// <see cref="USearchIndexOptions.Directory"/> named by hashes of the tenant and session id (no user text in paths). One
/// index per session makes isolation structural and forgetting a session a file delete. SQLite stays the source of
/// truth: a session's index is loaded on first use and rebuilt from the store's vectors when its file is missing,
/// unreadable, of another dimension, or holds a different number of vectors than the store (e.g. after a crash
/// between a write and a <see cref="FlushAsync"/>). Thread-safe: each session's index has its own lock.
/// Open indexes stay in memory until <see cref="DropAsync"/> or disposal.
/// </summary>
public sealed class USearchVectorIndex : IVectorIndex, IDisposable
{
    private readonly USearchIndexOptions _options;
    private readonly IMemoryStore _store;
    private readonly ConcurrentDictionary<MemorySessionKey, SessionIndex> _open = new();
    private readonly SemaphoreSlim _openGate = new(1, 1);

    /// <summary>Creates the index set; nothing is loaded until a session is used.</summary>
    /// <param name="options">Folder and HNSW parameters; must be valid.</param>
    /// <param name="store">The store whose vectors rebuild a missing or stale index.</param>
    public USearchVectorIndex(USearchIndexOptions options, IMemoryStore store)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid USearch index options: " + string.Join(" ", errors), nameof(options));
        }

        _options = options;
        _store = store;
        Directory.CreateDirectory(options.Directory);
    }

    /// <summary>How many times an index was rebuilt from the store (missing, corrupt or stale file); for tests and metrics.</summary>
    public int Rebuilds { get; private set; }

    /// <inheritdoc />
    public async Task AddAsync(MemorySessionKey key, IReadOnlyList<long> ids, IReadOnlyList<float[]> vectors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(vectors);
        if (ids.Count == 0)
        {
            return;
        }

        var session = await OpenAsync(key, cancellationToken).ConfigureAwait(false);
        session.Add(ids.Select(id => (ulong)id).ToArray(), vectors.ToArray());
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<VectorHit>> SearchAsync(MemorySessionKey key, float[] query, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var session = await OpenAsync(key, cancellationToken).ConfigureAwait(false);
        return session.Search(query, count);
    }

    /// <inheritdoc />
    public async Task RemoveAsync(MemorySessionKey key, IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var session = await OpenAsync(key, cancellationToken).ConfigureAwait(false);
        session.Remove(ids);
    }

    /// <inheritdoc />
    public async Task DropAsync(MemorySessionKey key, CancellationToken cancellationToken)
    {
        await _openGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_open.TryRemove(key, out var session))
            {
                session.Dispose();
            }

            File.Delete(PathOf(key));
        }
        finally
        {
            _openGate.Release();
        }
    }

    /// <inheritdoc />
    public Task FlushAsync(CancellationToken cancellationToken)
    {
        foreach (var session in _open.Values)
        {
            cancellationToken.ThrowIfCancellationRequested();
            session.SaveIfChanged();
        }

        return Task.CompletedTask;
    }

    /// <summary>Saves changed indexes and frees them.</summary>
    public void Dispose()
    {
        foreach (var session in _open.Values)
        {
            session.SaveIfChanged();
            session.Dispose();
        }

        _open.Clear();
        _openGate.Dispose();
    }

    /// <summary>The index file of a session: hashes of tenant and session, so no user text reaches the file system.</summary>
    internal string PathOf(MemorySessionKey key) =>
        Path.Combine(_options.Directory, Hash(key.Tenant) + "-" + Hash(key.SessionId) + ".usearch");

    private async Task<SessionIndex> OpenAsync(MemorySessionKey key, CancellationToken cancellationToken)
    {
        key.EnsureValid();
        if (_open.TryGetValue(key, out var open))
        {
            return open;
        }

        await _openGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_open.TryGetValue(key, out open))
            {
                return open;
            }

            var path = PathOf(key);
            var expected = await _store.CountMemoriesAsync(key, cancellationToken).ConfigureAwait(false);
            var session = SessionIndex.TryLoad(path, _options, expected);
            if (session is null)
            {
                Rebuilds++;
                session = SessionIndex.Create(path, _options);
                var vectors = await _store.GetVectorsAsync(key, cancellationToken).ConfigureAwait(false);
                if (vectors.Count > 0)
                {
                    session.Add(vectors.Select(v => (ulong)v.Id).ToArray(), vectors.Select(v => v.Vector).ToArray());
                }
            }

            _open[key] = session;
            return session;
        }
        finally
        {
            _openGate.Release();
        }
    }

    private static string Hash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 16));
}
