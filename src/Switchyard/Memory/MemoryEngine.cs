using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Switchyard.Memory;

/// <summary>
/// The layered memory engine (<see cref="IAgentMemory"/>): L1 window, L2 rolling summary, L3 recall, assembled under one
/// token budget. Thread-safe. Updates of one session are serialized (a striped lock), so turns are appended and folded
/// in order; assembly takes no lock and reads a consistent enough snapshot (a fold between its reads at worst repeats a
/// turn that is also in the summary).
/// </summary>
public sealed partial class MemoryEngine : IAgentMemory
{
    private const int LockStripes = 64;

    private readonly IMemoryStore _store;
    private readonly IEmbedder _embedder;
    private readonly IVectorIndex _index;
    private readonly ISummarizer _summarizer;
    private readonly IFactExtractor _facts;
    private readonly MemoryOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim[] _sessionLocks = Enumerable.Range(0, LockStripes).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    /// <summary>Creates the engine over its backends.</summary>
    /// <param name="store">Durable state (turns, summaries, memories, spend).</param>
    /// <param name="embedder">Embeds memories and queries.</param>
    /// <param name="index">Nearest-neighbour search over the embeddings.</param>
    /// <param name="summarizer">Folds turns leaving the window into the rolling summary.</param>
    /// <param name="options">Budgets and policies; must be valid (<see cref="MemoryOptions.Validate"/>).</param>
    /// <param name="time">The clock for retention, budgets' days and the summarizer timeout.</param>
    /// <param name="facts">The fact extractor; null uses <see cref="SentenceFactExtractor"/>.</param>
    /// <param name="logger">Logs degradations (never content); null logs nothing.</param>
    /// <exception cref="ArgumentException">The options are invalid (every problem is listed).</exception>
    public MemoryEngine(
        IMemoryStore store,
        IEmbedder embedder,
        IVectorIndex index,
        ISummarizer summarizer,
        MemoryOptions options,
        TimeProvider time,
        IFactExtractor? facts = null,
        ILogger<MemoryEngine>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(embedder);
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(summarizer);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid memory options: " + string.Join(" ", errors), nameof(options));
        }

        _store = store;
        _embedder = embedder;
        _index = index;
        _summarizer = summarizer;
        _options = options;
        _time = time;
        _facts = facts ?? new SentenceFactExtractor();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>The options in force.</summary>
    public MemoryOptions Options => _options;

    /// <inheritdoc />
    public Task<IReadOnlyList<MemoryItem>> ListMemoriesAsync(MemorySessionKey key, long afterId, int limit, CancellationToken cancellationToken) =>
        _store.ListMemoriesAsync(key, afterId, limit, cancellationToken);

    /// <inheritdoc />
    public async Task<bool> DeleteMemoryAsync(MemorySessionKey key, long id, CancellationToken cancellationToken)
    {
        var deleted = await _store.DeleteMemoryAsync(key, id, cancellationToken).ConfigureAwait(false);
        if (deleted)
        {
            await _index.RemoveAsync(key, [id], cancellationToken).ConfigureAwait(false);
        }

        return deleted;
    }

    /// <inheritdoc />
    public async Task<SessionDeletion> DeleteSessionAsync(MemorySessionKey key, CancellationToken cancellationToken)
    {
        var gate = LockFor(key);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var deletion = await _store.DeleteSessionAsync(key, cancellationToken).ConfigureAwait(false);
            await _index.DropAsync(key, cancellationToken).ConfigureAwait(false);
            return deletion;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<int> PurgeExpiredAsync(CancellationToken cancellationToken)
    {
        var expired = await _store.PurgeExpiredAsync(_time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        foreach (var group in expired.GroupBy(e => e.Key))
        {
            await _index.RemoveAsync(group.Key, group.Select(e => e.Id).ToArray(), cancellationToken).ConfigureAwait(false);
        }

        return expired.Count;
    }

    private SemaphoreSlim LockFor(MemorySessionKey key) =>
        _sessionLocks[(int)((uint)key.GetHashCode() % LockStripes)];
}
