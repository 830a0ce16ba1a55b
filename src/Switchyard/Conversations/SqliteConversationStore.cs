using System.Globalization;
using Microsoft.Data.Sqlite;
using Switchyard.Model;
using Switchyard.Storage;

namespace Switchyard.Conversations;

/// <summary>
/// <see cref="IConversationStore"/> on one SQLite file (WAL, <c>synchronous=NORMAL</c>), owned by one process.
/// Thread-safe: one connection and one gate serialize this instance's operations. A chain is read with one recursive
/// query, so continuing a long conversation costs one round trip, not one per response.
/// </summary>
public sealed class SqliteConversationStore : IConversationStore, IAsyncDisposable
{
    private readonly SqliteConnection _connection;
    private readonly TimeProvider _time;
    private readonly ConversationStoreOptions _options;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _disposed;

    /// <summary>Opens (creating when missing) the store and its schema.</summary>
    /// <param name="path">A database file path, or a SQLite connection string (contains <c>=</c>).</param>
    /// <param name="time">The clock for creation and expiry times.</param>
    /// <param name="options">Retention; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentException">The options are invalid (every problem is listed).</exception>
    /// <exception cref="NotSupportedException">The file was written by a newer schema version.</exception>
    public SqliteConversationStore(string path, TimeProvider time, ConversationStoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(time);
        _options = options ?? new ConversationStoreOptions();
        OptionErrors.ThrowIfAny(_options.Validate(), nameof(options));

        _time = time;
        _connection = SqliteFile.Open(path, Migrate);
    }

    /// <inheritdoc />
    public async Task SaveAsync(StoredResponse response, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(response);
        var input = MessageJson.Serialize(response.Input);
        var output = MessageJson.Serialize(response.Output);
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var now = _time.GetUtcNow();
            var expires = UnixMs(now + _options.Retention);
            using var transaction = _connection.BeginTransaction(deferred: false);
            using (var insert = Command(ConversationSchema.Insert, transaction))
            {
                var p = insert.Parameters;
                p.AddWithValue("$tenant", response.Tenant);
                p.AddWithValue("$id", response.Id);
                p.AddWithValue("$previous", (object?)response.PreviousResponseId ?? DBNull.Value);
                p.AddWithValue("$session", response.SessionId);
                p.AddWithValue("$model", (object?)response.Model ?? DBNull.Value);
                p.AddWithValue("$created", UnixMs(response.CreatedAt == default ? now : response.CreatedAt));
                p.AddWithValue("$expires", expires);
                p.AddWithValue("$input", input);
                p.AddWithValue("$output", output);
                p.AddWithValue("$response", (object?)response.ResponseObject ?? DBNull.Value);
                insert.ExecuteNonQuery();
            }

            if (response.PreviousResponseId is not null)
            {
                using var extend = ChainCommand(ConversationSchema.ExtendChain, transaction, response.Tenant, response.PreviousResponseId, now);
                extend.Parameters.AddWithValue("$expires", expires);
                extend.ExecuteNonQuery();
            }

            transaction.Commit();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<StoredResponse?> FindAsync(string tenant, string id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(id);
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var select = Command(ConversationSchema.Select, null);
            select.Parameters.AddWithValue("$tenant", tenant);
            select.Parameters.AddWithValue("$id", id);
            select.Parameters.AddWithValue("$now", UnixMs(_time.GetUtcNow()));
            using var reader = select.ExecuteReader();
            return reader.Read() ? ReadResponse(reader, tenant) : null;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<ConversationHistory?> LoadHistoryAsync(string tenant, string id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(id);
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var select = ChainCommand(ConversationSchema.SelectHistory, null, tenant, id, _time.GetUtcNow());
            using var reader = select.ExecuteReader();
            var messages = new List<ChatMessage>();
            string? session = null;
            var count = 0;
            while (reader.Read())
            {
                // Rows come oldest first; the newest (the one asked for) names the session.
                session = reader.GetString(0);
                messages.AddRange(MessageJson.Deserialize((byte[])reader.GetValue(1)));
                messages.AddRange(MessageJson.Deserialize((byte[])reader.GetValue(2)));
                count++;
            }

            return session is null ? null : new ConversationHistory(session, messages, count);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredResponse>?> LoadChainAsync(string tenant, string id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(id);
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var select = ChainCommand(ConversationSchema.SelectChain, null, tenant, id, _time.GetUtcNow());
            using var reader = select.ExecuteReader();
            var chain = new List<StoredResponse>();
            while (reader.Read())
            {
                chain.Add(ReadResponse(reader, tenant));
            }

            return chain.Count == 0 ? null : chain;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<bool> DeleteAsync(string tenant, string id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(id);
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var delete = Command(ConversationSchema.Delete, null);
            delete.Parameters.AddWithValue("$tenant", tenant);
            delete.Parameters.AddWithValue("$id", id);
            delete.Parameters.AddWithValue("$now", UnixMs(_time.GetUtcNow()));
            return delete.ExecuteNonQuery() > 0;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<int> DeleteSessionAsync(string tenant, string sessionId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(sessionId);
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var delete = Command(ConversationSchema.DeleteSession, null);
            delete.Parameters.AddWithValue("$tenant", tenant);
            delete.Parameters.AddWithValue("$session", sessionId);
            return delete.ExecuteNonQuery();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<int> PurgeExpiredAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var purge = Command(ConversationSchema.Purge, null);
            purge.Parameters.AddWithValue("$now", UnixMs(_time.GetUtcNow()));
            return purge.ExecuteNonQuery();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
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
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private SqliteCommand Command(string sql, SqliteTransaction? transaction)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    private SqliteCommand ChainCommand(string sql, SqliteTransaction? transaction, string tenant, string id, DateTimeOffset now)
    {
        var command = Command(sql, transaction);
        command.Parameters.AddWithValue("$tenant", tenant);
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$now", UnixMs(now));
        command.Parameters.AddWithValue("$max", _options.MaxChainLength - 1);
        return command;
    }

    /// <summary>One row of <see cref="ConversationSchema.Select"/> or <see cref="ConversationSchema.SelectChain"/>.</summary>
    private static StoredResponse ReadResponse(SqliteDataReader reader, string tenant) =>
        new(
            reader.GetString(0),
            tenant,
            reader.IsDBNull(1) ? null : reader.GetString(1),
            reader.GetString(2),
            MessageJson.Deserialize((byte[])reader.GetValue(5)),
            MessageJson.Deserialize((byte[])reader.GetValue(6)))
        {
            Model = reader.IsDBNull(3) ? null : reader.GetString(3),
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)),
            ResponseObject = reader.IsDBNull(7) ? null : (byte[])reader.GetValue(7),
        };

    private static long UnixMs(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    private static void Migrate(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA user_version;";
        var version = Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        if (version > ConversationSchema.Version)
        {
            throw new NotSupportedException($"The conversation file has schema version {version}; this build knows up to {ConversationSchema.Version}.");
        }

        if (version == 0)
        {
            command.CommandText = ConversationSchema.Create;
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }
}
