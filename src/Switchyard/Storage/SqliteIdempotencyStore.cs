using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Switchyard.Streaming;

namespace Switchyard.Storage;

/// <summary>
/// <see cref="IIdempotencyStore"/> on one SQLite file (WAL, <c>synchronous=NORMAL</c>), owned by one process. Thread-safe:
/// one connection and one gate serialize this instance's operations, and a claim's read-and-insert runs in one
/// <c>BEGIN IMMEDIATE</c> transaction. Records expire <see cref="IdempotencyStoreOptions.Retention"/> after their claim:
/// reads ignore expired records, a claim replaces one, and <see cref="PurgeAsync"/> deletes them.
/// </summary>
/// <remarks>
/// A process that stops leaves its in-progress records behind and can never finish them. On opening, the store deletes
/// those without a stream (nothing was produced that a duplicate could replay, so a retry generates again) and keeps those
/// with one (duplicates replay what the delta log holds; the delta log marks such streams failed on its own opening).
/// That is why two processes must not share one file. Cancellation is observed only while waiting for the gate.
/// </remarks>
public sealed partial class SqliteIdempotencyStore : IIdempotencyStore
{
    private readonly SqliteConnection _connection;
    private readonly TimeProvider _time;
    private readonly IdempotencyStoreOptions _options;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SqliteCommand _select;
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _attach;
    private readonly SqliteCommand _complete;
    private readonly SqliteCommand _abandon;
    private bool _disposed;

    /// <summary>Opens (creating when missing) the store and its schema, and deletes the unreplayable orphans (see remarks).</summary>
    /// <param name="path">A database file path, or a SQLite connection string (contains <c>=</c>).</param>
    /// <param name="time">The clock for creation and expiry times and for waiting.</param>
    /// <param name="options">Tuning; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentException">The options are invalid (every problem is listed).</exception>
    /// <exception cref="NotSupportedException">The file was written by a newer schema version.</exception>
    public SqliteIdempotencyStore(string path, TimeProvider time, IdempotencyStoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(time);
        _options = options ?? new IdempotencyStoreOptions();
        OptionErrors.ThrowIfAny(_options.Validate(), nameof(options));

        _time = time;
        _connection = SqliteFile.Open(path, Migrate);

        _select = Prepare(IdempotencySchema.Select, "$tenant", "$key");
        _insert = Prepare(IdempotencySchema.Insert, "$tenant", "$key", "$fingerprint", "$now", "$expires");
        _attach = Prepare(IdempotencySchema.Attach, "$tenant", "$key", "$stream");
        _complete = Prepare(IdempotencySchema.Complete, "$tenant", "$key", "$status", "$content_type", "$headers", "$body");
        _abandon = Prepare(IdempotencySchema.Abandon, "$tenant", "$key");
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="requestFingerprint"/> is not a SHA-256 (32 bytes).</exception>
    public async Task<IdempotencyClaim> ClaimAsync(string tenant, string key, byte[] requestFingerprint, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(requestFingerprint);
        if (requestFingerprint.Length != IdempotencyFingerprint.Length)
        {
            throw new ArgumentException($"A fingerprint is a SHA-256 of {IdempotencyFingerprint.Length} bytes.", nameof(requestFingerprint));
        }

        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var now = _time.GetUtcNow();
            using var transaction = _connection.BeginTransaction(deferred: false);
            var existing = Read(tenant, key, transaction, now, out var fingerprint);
            if (existing is not null)
            {
                transaction.Commit();
                return fingerprint.AsSpan().SequenceEqual(requestFingerprint)
                    ? new IdempotencyClaim(IdempotencyClaimOutcome.Existing, existing)
                    : new IdempotencyClaim(IdempotencyClaimOutcome.Mismatch, null);
            }

            var expires = now + _options.Retention;
            _insert.Transaction = transaction;
            var p = _insert.Parameters;
            p["$tenant"].Value = tenant;
            p["$key"].Value = key;
            p["$fingerprint"].Value = requestFingerprint;
            p["$now"].Value = UnixMs(now);
            p["$expires"].Value = UnixMs(expires);
            _insert.ExecuteNonQuery();
            transaction.Commit();
            return new IdempotencyClaim(
                IdempotencyClaimOutcome.Claimed,
                new IdempotencyRecord(tenant, key, IdempotencyState.InProgress, FromUnixMs(UnixMs(now)), FromUnixMs(UnixMs(expires))));
        }
        finally
        {
            _insert.Transaction = null;
            _select.Transaction = null;
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public Task<bool> AttachStreamAsync(string tenant, string key, string streamId, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamId);
        return ChangeAsync(_attach, tenant, key, p => p["$stream"].Value = streamId, ct);
    }

    /// <inheritdoc />
    public Task<bool> CompleteAsync(string tenant, string key, IdempotentResult result, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(result.Headers);
        var headers = result.Headers.Count == 0
            ? null
            : JsonSerializer.Serialize(new Dictionary<string, string>(result.Headers, StringComparer.Ordinal), IdempotencyJsonContext.Default.DictionaryStringString);
        var body = result.Body.ToArray();
        return ChangeAsync(
            _complete,
            tenant,
            key,
            p =>
            {
                p["$status"].Value = result.StatusCode;
                p["$content_type"].Value = (object?)result.ContentType ?? DBNull.Value;
                p["$headers"].Value = (object?)headers ?? DBNull.Value;
                p["$body"].Value = body;
            },
            ct);
    }

    /// <inheritdoc />
    public Task<bool> AbandonAsync(string tenant, string key, CancellationToken ct) => ChangeAsync(_abandon, tenant, key, null, ct);

    /// <inheritdoc />
    public async Task<IdempotencyRecord?> GetAsync(string tenant, string key, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(key);
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return Read(tenant, key, null, _time.GetUtcNow(), out _);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<int> PurgeAsync(DateTimeOffset expiredBy, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var command = _connection.CreateCommand();
            command.CommandText = IdempotencySchema.Purge;
            command.Parameters.AddWithValue("$cutoff", UnixMs(expiredBy));
            return command.ExecuteNonQuery();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Deletes the records that have expired by now.</summary>
    public Task<int> PurgeExpiredAsync(CancellationToken ct) => PurgeAsync(_time.GetUtcNow(), ct);

    /// <inheritdoc />
    /// <remarks>Waiters end with <see cref="ObjectDisposedException"/>. In-progress records stay in the file (see the class remarks).</remarks>
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var command in (SqliteCommand[])[_select, _insert, _attach, _complete, _abandon])
            {
                command.Dispose();
            }

            await _connection.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }

        WakeAll();
    }

    // Runs one prepared update or delete of an in-progress record, then wakes the record's waiters.
    private async Task<bool> ChangeAsync(
        SqliteCommand command, string tenant, string key, Action<SqliteParameterCollection>? bind, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(key);
        bool changed;
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            command.Parameters["$tenant"].Value = tenant;
            command.Parameters["$key"].Value = key;
            bind?.Invoke(command.Parameters);
            changed = command.ExecuteNonQuery() > 0;
        }
        finally
        {
            _gate.Release();
        }

        Wake(tenant, key);
        return changed;
    }

    private IdempotencyRecord? Read(string tenant, string key, SqliteTransaction? transaction, DateTimeOffset now, out byte[] fingerprint)
    {
        fingerprint = [];
        _select.Transaction = transaction;
        _select.Parameters["$tenant"].Value = tenant;
        _select.Parameters["$key"].Value = key;
        using var reader = _select.ExecuteReader();
        if (!reader.Read() || reader.GetInt64(3) <= UnixMs(now))
        {
            return null;
        }

        fingerprint = (byte[])reader.GetValue(0);
        var state = (IdempotencyState)reader.GetInt32(1);
        IdempotentResult? result = null;
        if (state == IdempotencyState.Completed)
        {
            var headers = reader.IsDBNull(7)
                ? new Dictionary<string, string>(StringComparer.Ordinal)
                : JsonSerializer.Deserialize(reader.GetString(7), IdempotencyJsonContext.Default.DictionaryStringString)!;
            result = new IdempotentResult(
                reader.GetInt32(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                headers,
                reader.IsDBNull(8) ? ReadOnlyMemory<byte>.Empty : (byte[])reader.GetValue(8));
        }

        return new IdempotencyRecord(tenant, key, state, FromUnixMs(reader.GetInt64(2)), FromUnixMs(reader.GetInt64(3)))
        {
            StreamId = reader.IsDBNull(4) ? null : reader.GetString(4),
            Result = result,
        };
    }

    private static void Migrate(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA user_version;";
        var version = Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        if (version > IdempotencySchema.Version)
        {
            throw new NotSupportedException($"The idempotency file has schema version {version}; this build knows up to {IdempotencySchema.Version}.");
        }

        if (version == 0)
        {
            command.CommandText = IdempotencySchema.Create;
            command.ExecuteNonQuery();
        }

        command.CommandText = IdempotencySchema.DeleteOrphans;
        command.ExecuteNonQuery();
        transaction.Commit();
    }

    private SqliteCommand Prepare(string sql, params string[] parameters) => SqliteFile.Prepare(_connection, sql, parameters);

    private static long UnixMs(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    private static DateTimeOffset FromUnixMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
