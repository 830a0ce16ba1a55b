using Switchyard.Model;

namespace Switchyard.Memory;

/// <summary>
/// The layered memory of agent conversations, as the gateway uses it: assemble a request's context before routing,
/// record the settled exchange after, and list or forget memories for the admin API. Thread-safe. No method throws for a
/// memory-side failure (summarizer, embedder, index): each degrades and says so in its result; only invalid arguments
/// and store (SQLite) failures throw.
/// </summary>
public interface IAgentMemory
{
    /// <summary>
    /// Builds the messages to send: the request's system messages, recalled memories (L3), the rolling summary (L2), the
    /// recent window (L1) and the request's new turns, within the token budget (see docs/memory.md for the order and
    /// split). Reads only; the new turns are not stored until <see cref="RecordAsync"/>.
    /// </summary>
    Task<AssembledContext> AssembleAsync(MemorySessionKey key, ContextRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Stores settled turns (the request's new turns and the model's reply, in order), indexes them for recall, and folds
    /// turns that left the window into the rolling summary when the policy allows. A summarizer failure, timeout or
    /// exhausted budget leaves the turns pending and is reported in the result, never thrown.
    /// </summary>
    Task<MemoryUpdate> RecordAsync(MemorySessionKey key, IReadOnlyList<ChatMessage> turns, CancellationToken cancellationToken);

    /// <summary>A page of the session's long-term memories, oldest first, after <paramref name="afterId"/> (0 for the first page).</summary>
    Task<IReadOnlyList<MemoryItem>> ListMemoriesAsync(MemorySessionKey key, long afterId, int limit, CancellationToken cancellationToken);

    /// <summary>Forgets one memory (store and vector index); false when the session has no such memory.</summary>
    Task<bool> DeleteMemoryAsync(MemorySessionKey key, long id, CancellationToken cancellationToken);

    /// <summary>Forgets the whole session: turns, summaries, memories and its vector index.</summary>
    Task<SessionDeletion> DeleteSessionAsync(MemorySessionKey key, CancellationToken cancellationToken);

    /// <summary>Deletes everything whose retention has ended (the host calls this periodically); returns the number of memories removed.</summary>
    Task<int> PurgeExpiredAsync(CancellationToken cancellationToken);
}
