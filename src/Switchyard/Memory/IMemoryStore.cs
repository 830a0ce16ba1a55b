using Switchyard.Model;

namespace Switchyard.Memory;

/// <summary>
/// Durable memory state: turns, rolling-summary versions, long-term memories with their vectors, and summarizer spend.
/// Every method is scoped by a <see cref="MemorySessionKey"/> (or a tenant) so no query crosses tenants. Thread-safe.
/// Expired rows are invisible to reads before <see cref="PurgeExpiredAsync"/> deletes them.
/// </summary>
public interface IMemoryStore
{
    /// <summary>Appends turns after the session's last one and returns them with their sequences.</summary>
    Task<IReadOnlyList<MemoryTurn>> AppendTurnsAsync(MemorySessionKey key, IReadOnlyList<ChatMessage> messages, IReadOnlyList<int> tokens, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>The live turns with a sequence greater than <paramref name="afterSequence"/>, oldest first.</summary>
    Task<IReadOnlyList<MemoryTurn>> GetTurnsAsync(MemorySessionKey key, long afterSequence, CancellationToken cancellationToken);

    /// <summary>The newest live summary version, or null when the session has none.</summary>
    Task<SessionSummary?> GetSummaryAsync(MemorySessionKey key, CancellationToken cancellationToken);

    /// <summary>Stores the next summary version; returns false (storing nothing) when <paramref name="summary"/>'s version is not the next one (a concurrent fold won).</summary>
    Task<bool> SaveSummaryAsync(MemorySessionKey key, SessionSummary summary, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>Stores long-term memories with their vectors and returns them with their ids.</summary>
    Task<IReadOnlyList<MemoryItem>> AddMemoriesAsync(MemorySessionKey key, IReadOnlyList<NewMemory> memories, DateTimeOffset createdAt, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>The live memories among <paramref name="ids"/> that belong to <paramref name="key"/>; others are silently left out.</summary>
    Task<IReadOnlyList<MemoryItem>> GetMemoriesAsync(MemorySessionKey key, IReadOnlyList<long> ids, CancellationToken cancellationToken);

    /// <summary>A page of the session's live memories, oldest first, with ids greater than <paramref name="afterId"/>.</summary>
    Task<IReadOnlyList<MemoryItem>> ListMemoriesAsync(MemorySessionKey key, long afterId, int limit, CancellationToken cancellationToken);

    /// <summary>How many live memories the session has (to check that its vector index is complete).</summary>
    Task<int> CountMemoriesAsync(MemorySessionKey key, CancellationToken cancellationToken);

    /// <summary>Every live memory id and vector of the session (to rebuild its vector index).</summary>
    Task<IReadOnlyList<(long Id, float[] Vector)>> GetVectorsAsync(MemorySessionKey key, CancellationToken cancellationToken);

    /// <summary>Deletes one memory of the session; false when it does not exist there.</summary>
    Task<bool> DeleteMemoryAsync(MemorySessionKey key, long id, CancellationToken cancellationToken);

    /// <summary>Deletes everything of the session (turns, summaries, memories, spend); returns how much went.</summary>
    Task<SessionDeletion> DeleteSessionAsync(MemorySessionKey key, CancellationToken cancellationToken);

    /// <summary>Deletes every row whose retention ended before <paramref name="now"/>; returns the deleted memory ids per session (to remove from the index).</summary>
    Task<IReadOnlyList<(MemorySessionKey Key, long Id)>> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Summarizer tokens and USD spent by the session (all time) and by its tenant on <paramref name="day"/> (UTC).</summary>
    Task<SummarizerSpend> GetSummarizerSpendAsync(MemorySessionKey key, DateOnly day, CancellationToken cancellationToken);

    /// <summary>Adds summarizer spend to the session and to its tenant's day.</summary>
    Task AddSummarizerSpendAsync(MemorySessionKey key, DateOnly day, long tokens, decimal usd, CancellationToken cancellationToken);
}
