using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Switchyard.Storage;

namespace Switchyard.Streaming;

/// <summary>
/// <see cref="IDeltaLog"/> on one SQLite file (WAL, <c>synchronous=NORMAL</c>), owned by one process. Thread-safe.
/// <see cref="CreateAsync"/>, <see cref="Append(string, long, string?, ReadOnlySpan{byte})"/> and <see cref="CompleteAsync"/> only queue: a background writer (on a thread of its own) commits
/// what is queued, in order, in batches (one transaction per <see cref="DeltaLogOptions.MaxBatch"/> items or
/// <see cref="DeltaLogOptions.FlushInterval"/>, on real time), and readers in this process are served from memory until
/// then, so neither the producer nor a reader waits on the disk.
/// Streams left open by a process that stopped are marked <see cref="StreamState.Interrupted"/> when the file is opened, so
/// their readers get the logged events and end; for that reason two processes must not share one file.
/// </summary>
public sealed partial class SqliteDeltaLog : IDeltaLog
{
    private readonly string _connectionString;
    private readonly SqliteConnection _connection;
    private readonly TimeProvider _time;
    private readonly DeltaLogOptions _options;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly DeltaStreamRows _streamRows;
    private readonly DeltaChunkInsert _insertChunk;
    private readonly DeltaBatchTransaction _batchTransaction;
    private readonly ConcurrentDictionary<string, LiveStream> _live = new(StringComparer.Ordinal);
    private readonly Channel<WriteItem> _queue = Channel.CreateUnbounded<WriteItem>(); // Not SingleReader: that variant cannot report Count.
    private readonly Action<LiveStream, LoggedEvent> _enqueue;
    private readonly Action<LiveStream> _enqueueEnd;
    private readonly Task _writer;
    private int _disposed;

    /// <summary>Opens (creating when missing) the log, its schema, and its background writer.</summary>
    /// <param name="path">A database file path, or a SQLite connection string (contains <c>=</c>).</param>
    /// <param name="time">The clock for creation, end and retention times.</param>
    /// <param name="options">Tuning; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentException">The options are invalid (every problem is listed).</exception>
    /// <exception cref="NotSupportedException">The file was written by a newer schema version.</exception>
    public SqliteDeltaLog(string path, TimeProvider time, DeltaLogOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(time);
        _options = options ?? new DeltaLogOptions();
        OptionErrors.ThrowIfAny(_options.Validate(), nameof(options));

        _time = time;
        _connectionString = SqliteFile.ConnectionString(path);
        _connection = new SqliteConnection(_connectionString);
        try
        {
            _connection.Open();
            SqliteFile.Configure(_connection);
            Migrate(_connection, UnixMs(time.GetUtcNow()));
        }
        catch
        {
            _connection.Dispose();
            throw;
        }

        _streamRows = new DeltaStreamRows(_connection);
        _insertChunk = new DeltaChunkInsert(_connection);
        _batchTransaction = new DeltaBatchTransaction(_connection);
        _enqueue = Enqueue;
        _enqueueEnd = EnqueueEnd;
        _writer = _writerStopped.Task;
        StartWriter();
    }

    /// <inheritdoc />
    /// <remarks>
    /// Never waits on the disk: the stream's row is queued for the writer ahead of its events. Until the writer has committed
    /// the stream's end, readers in this process are served from memory, so the stream is found whether or not the file
    /// has it yet.
    /// </remarks>
    public Task CreateAsync(StreamHeader header, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(header);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        var live = new LiveStream(header);
        if (!_live.TryAdd(header.StreamId, live))
        {
            throw new InvalidOperationException($"Stream '{header.StreamId}' is already open.");
        }

        if (!_queue.Writer.TryWrite(new WriteItem(WriteKind.Create, live, default, null)))
        {
            _live.TryRemove(new KeyValuePair<string, LiveStream>(header.StreamId, live));
            throw new ObjectDisposedException(GetType().FullName);
        }

        Wake();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public void Append(string streamId, StreamEventRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        Append(streamId, record.Sequence, record.EventType, record.Data.Span);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Copies <paramref name="data"/> into the stream's pooled chunk, so the caller may reuse its buffer; allocates nothing
    /// per event. Never blocks on the disk.
    /// </remarks>
    public void Append(string streamId, long sequence, string? eventType, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(streamId);
        if (!_live.TryGetValue(streamId, out var live))
        {
            ObjectDisposedException.ThrowIf(_disposed != 0, this);
            throw new InvalidOperationException($"Stream '{streamId}' is not open in this log.");
        }

        live.Append(sequence, eventType, data, _enqueue);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Never waits on the disk: live readers end at once, and the final state is queued for the writer after the stream's
    /// last event (<see cref="FlushAsync"/> waits for it). Until it is committed, <see cref="GetStateAsync"/> and
    /// <see cref="ReadAsync"/> answer from memory. Completing a stream that is not open in this log (unknown, or already
    /// completing) does nothing.
    /// </remarks>
    public Task CompleteAsync(string streamId, StreamState finalState, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(streamId);
        if (finalState is not (StreamState.Completed or StreamState.Failed))
        {
            throw new ArgumentOutOfRangeException(nameof(finalState), finalState, "A stream completes as Completed or Failed.");
        }

        if (_live.TryGetValue(streamId, out var live))
        {
            live.Complete(finalState, _time.GetUtcNow(), _enqueueEnd);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    /// <remarks>Flushes first, so that streams completed before the call are seen as ended.</remarks>
    public async Task<int> PurgeAsync(DateTimeOffset olderThan, CancellationToken ct)
    {
        await FlushAsync(ct).ConfigureAwait(false);
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed != 0, this);
            using var transaction = _connection.BeginTransaction(deferred: false);
            using var command = _connection.CreateCommand();
            command.Transaction = transaction;
            command.Parameters.AddWithValue("$cutoff", UnixMs(olderThan));
            command.CommandText = DeltaLogSchema.PurgeEvents;
            command.ExecuteNonQuery();
            command.CommandText = DeltaLogSchema.PurgeStreams;
            var purged = command.ExecuteNonQuery();
            transaction.Commit();
            return purged;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    /// <remarks>Flushes first, so that a stream completed before the call is deleted with all its events.</remarks>
    public async Task<bool> DeleteAsync(string streamId, string tenant, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(streamId);
        ArgumentNullException.ThrowIfNull(tenant);
        await FlushAsync(ct).ConfigureAwait(false);
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed != 0, this);
            using var transaction = _connection.BeginTransaction(deferred: false);
            using var command = _connection.CreateCommand();
            command.Transaction = transaction;
            command.Parameters.AddWithValue("$id", streamId);
            command.Parameters.AddWithValue("$tenant", tenant);
            command.CommandText = DeltaLogSchema.DeleteStream;
            var deleted = command.ExecuteNonQuery() > 0;
            if (deleted)
            {
                command.CommandText = DeltaLogSchema.DeleteEvents;
                command.ExecuteNonQuery();
            }

            transaction.Commit();
            return deleted;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Purges the streams that ended more than <see cref="DeltaLogOptions.Retention"/> ago.</summary>
    public Task<int> PurgeExpiredAsync(CancellationToken ct) => PurgeAsync(_time.GetUtcNow() - _options.Retention, ct);

    /// <inheritdoc />
    /// <remarks>
    /// Waits for the background writer. Events still queued are committed first; streams still open are left open in the
    /// file and so are marked <see cref="StreamState.Interrupted"/> when it is next opened. Live readers end.
    /// </remarks>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _queue.Writer.TryComplete();
        _kick.Set();
        _queued.Set();
        await _writer.ConfigureAwait(false);
        _queued.Dispose();
        _kick.Dispose();
        foreach (var live in _live.Values)
        {
            live.End();
        }

        _live.Clear();
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            _streamRows.Dispose();
            _insertChunk.Dispose();
            _batchTransaction.Dispose();

            await _connection.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private static long UnixMs(DateTimeOffset time) => time.ToUnixTimeMilliseconds();
}
