namespace Switchyard.Streaming;

/// <summary>
/// A durable log of the events of client streams, so that a client that lost its connection can resume from the last
/// event it saw. Implementations are thread-safe.
/// </summary>
public interface IDeltaLog : IAsyncDisposable
{
    /// <summary>Registers a new, open stream. Must complete before the first <see cref="Append(string, StreamEventRecord)"/> for it.</summary>
    Task CreateAsync(StreamHeader header, CancellationToken ct);

    /// <summary>
    /// Logs one event of an open stream without waiting for the disk: events are buffered and written in batches, in
    /// order per stream. The record's sequence must be greater than the stream's previous one.
    /// </summary>
    /// <exception cref="InvalidOperationException">The stream is not open in this log, or the sequence does not increase.</exception>
    void Append(string streamId, StreamEventRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        Append(streamId, record.Sequence, record.EventType, record.Data.Span);
    }

    /// <summary>
    /// Logs one event given by its parts (see <see cref="Append(string, StreamEventRecord)"/>); the log copies
    /// <paramref name="data"/>, so the caller may reuse its buffer at once. The streaming path calls this one: no record
    /// per event.
    /// </summary>
    /// <exception cref="InvalidOperationException">The stream is not open in this log, or the sequence does not increase.</exception>
    void Append(string streamId, long sequence, string? eventType, ReadOnlySpan<byte> data);

    /// <summary>
    /// Records the stream's final state and ends its live readers. The state is written after the stream's events and,
    /// like them, may be buffered: <see cref="FlushAsync"/> returns once it is durable. Reads in this process see it at once.
    /// </summary>
    Task CompleteAsync(string streamId, StreamState finalState, CancellationToken ct);

    /// <summary>The stream's header, or <see langword="null"/> when it is unknown or belongs to another tenant.</summary>
    Task<StreamHeader?> GetHeaderAsync(string streamId, string tenant, CancellationToken ct);

    /// <summary>
    /// The stream's state, or <see langword="null"/> when it is unknown or belongs to another tenant. A stream this log
    /// still has open reads <see cref="StreamState.Open"/>.
    /// </summary>
    Task<StreamState?> GetStateAsync(string streamId, string tenant, CancellationToken ct);

    /// <summary>
    /// The events with a sequence greater than <paramref name="afterSequence"/>, in order, then, while the stream is open,
    /// each event as it is appended, ending when the stream completes. Empty when the stream is unknown or belongs to
    /// another tenant.
    /// </summary>
    IAsyncEnumerable<StreamEventRecord> ReadAsync(string streamId, string tenant, long afterSequence, CancellationToken ct);

    /// <summary>Deletes ended streams (and their events) that ended before <paramref name="olderThan"/>; returns how many.</summary>
    Task<int> PurgeAsync(DateTimeOffset olderThan, CancellationToken ct);

    /// <summary>
    /// Deletes one ended stream of <paramref name="tenant"/> and its events (a client deleting a stored response);
    /// false when there is no such ended stream. An open stream is not deleted.
    /// </summary>
    Task<bool> DeleteAsync(string streamId, string tenant, CancellationToken ct);

    /// <summary>Returns once every stream, event and final state recorded before the call is durable.</summary>
    Task FlushAsync(CancellationToken ct);
}
