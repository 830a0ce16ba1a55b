using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Switchyard.Storage;

/// <summary>
/// <see cref="IBatchOwnership"/> on one SQLite file (WAL). One connection and one gate serialize this instance; the
/// billing claim is a single conditional <c>UPDATE</c>, so it is exclusive across processes too.
/// </summary>
public sealed class SqliteBatchOwnership : IBatchOwnership
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS batch_objects (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            kind INTEGER NOT NULL,
            id TEXT NOT NULL,
            tenant TEXT NOT NULL,
            key_name TEXT NOT NULL,
            billed INTEGER NOT NULL DEFAULT 0,
            reservation_id TEXT,
            reserved_usd TEXT,
            UNIQUE (kind, id));
        CREATE INDEX IF NOT EXISTS batch_objects_tenant ON batch_objects (tenant, kind, seq);
        """;

    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Opens (creating when missing) the store.</summary>
    /// <param name="path">A database file path, or a SQLite connection string (contains <c>=</c>).</param>
    public SqliteBatchOwnership(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _connection = SqliteFile.Open(path, connection =>
        {
            using var create = connection.CreateCommand();
            create.CommandText = Schema;
            create.ExecuteNonQuery();
            AddReservationColumns(connection);
        });
    }

    /// <inheritdoc />
    public Task AddAsync(BatchObjectKind kind, string id, string tenant, string keyName, CancellationToken cancellationToken) =>
        AddBatchAsync(kind, id, tenant, keyName, null, cancellationToken);

    /// <inheritdoc />
    public Task AddBatchAsync(BatchObjectKind kind, string id, string tenant, string keyName, BatchReservation? reservation, CancellationToken cancellationToken) =>
        ExecuteAsync("""
            INSERT OR IGNORE INTO batch_objects (kind, id, tenant, key_name, reservation_id, reserved_usd)
            VALUES ($kind, $id, $tenant, $key, $reservation, $reserved)
            """,
            c => Bind(c, ("$kind", (int)kind), ("$id", id), ("$tenant", tenant), ("$key", keyName),
                ("$reservation", reservation?.Id.ToString("N")), ("$reserved", reservation?.Usd.ToString(CultureInfo.InvariantCulture))),
            c => c.ExecuteNonQuery(), cancellationToken);

    /// <inheritdoc />
    public Task<string?> FindAsync(BatchObjectKind kind, string id, string tenant, CancellationToken cancellationToken) =>
        ExecuteAsync("SELECT key_name FROM batch_objects WHERE kind = $kind AND id = $id AND tenant = $tenant",
            c => Bind(c, ("$kind", (int)kind), ("$id", id), ("$tenant", tenant)), c => c.ExecuteScalar() as string, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ListAsync(BatchObjectKind kind, string tenant, string? afterId, int limit, CancellationToken cancellationToken) =>
        ExecuteAsync("""
            SELECT id FROM batch_objects WHERE kind = $kind AND tenant = $tenant
              AND ($after IS NULL OR seq < (SELECT seq FROM batch_objects WHERE kind = $kind AND id = $after AND tenant = $tenant))
            ORDER BY seq DESC LIMIT $limit
            """,
            c => Bind(c, ("$kind", (int)kind), ("$tenant", tenant), ("$after", (object?)afterId ?? DBNull.Value), ("$limit", limit)), ReadIds, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ListBeforeAsync(BatchObjectKind kind, string tenant, string beforeId, int limit, CancellationToken cancellationToken)
    {
        var oldestFirst = await ExecuteAsync("""
            SELECT id FROM batch_objects WHERE kind = $kind AND tenant = $tenant
              AND seq > (SELECT seq FROM batch_objects WHERE kind = $kind AND id = $before AND tenant = $tenant)
            ORDER BY seq ASC LIMIT $limit
            """,
            c => Bind(c, ("$kind", (int)kind), ("$tenant", tenant), ("$before", beforeId), ("$limit", limit)), ReadIds, cancellationToken);
        return [.. oldestFirst.Reverse()];
    }

    /// <inheritdoc />
    public async Task<bool> ClaimBillingAsync(string batchId, CancellationToken cancellationToken) =>
        await ExecuteAsync("UPDATE batch_objects SET billed = 1 WHERE kind IN ($openai, $anthropic) AND id = $id AND billed = 0",
            c => Bind(c, ("$openai", (int)BatchObjectKind.OpenAIBatch), ("$anthropic", (int)BatchObjectKind.AnthropicBatch), ("$id", batchId)),
            c => c.ExecuteNonQuery(), cancellationToken) == 1;

    /// <inheritdoc />
    public Task<BatchReservation?> FindReservationAsync(string batchId, CancellationToken cancellationToken) =>
        ExecuteAsync("SELECT reservation_id, reserved_usd FROM batch_objects WHERE kind IN ($openai, $anthropic) AND id = $id AND reservation_id IS NOT NULL",
            c => Bind(c, ("$openai", (int)BatchObjectKind.OpenAIBatch), ("$anthropic", (int)BatchObjectKind.AnthropicBatch), ("$id", batchId)),
            ReadReservation, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<UnbilledBatch>> ListUnbilledAsync(long afterSeq, int limit, CancellationToken cancellationToken) =>
        ExecuteAsync("""
            SELECT seq, kind, id, tenant, key_name FROM batch_objects
            WHERE kind IN ($openai, $anthropic) AND billed = 0 AND seq > $after ORDER BY seq LIMIT $limit
            """,
            c => Bind(c, ("$openai", (int)BatchObjectKind.OpenAIBatch), ("$anthropic", (int)BatchObjectKind.AnthropicBatch), ("$after", afterSeq), ("$limit", limit)),
            ReadUnbilled, cancellationToken);

    /// <inheritdoc />
    public Task RemoveAsync(BatchObjectKind kind, string id, CancellationToken cancellationToken) =>
        ExecuteAsync("DELETE FROM batch_objects WHERE kind = $kind AND id = $id",
            c => Bind(c, ("$kind", (int)kind), ("$id", id)), c => c.ExecuteNonQuery(), cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            await _connection.DisposeAsync();
        }
        finally
        {
            _gate.Release();
            _gate.Dispose();
        }
    }

    // Files written before batches held reservations lack the two columns. Two processes may open such a file at once:
    // the one that adds a column second finds it there.
    private static void AddReservationColumns(SqliteConnection connection)
    {
        foreach (var column in new[] { "reservation_id", "reserved_usd" })
        {
            using var find = connection.CreateCommand();
            find.CommandText = "SELECT COUNT(*) FROM pragma_table_info('batch_objects') WHERE name = $column";
            find.Parameters.AddWithValue("$column", column);
            if (Convert.ToInt64(find.ExecuteScalar(), CultureInfo.InvariantCulture) > 0)
            {
                continue;
            }

            using var add = connection.CreateCommand();
            add.CommandText = $"ALTER TABLE batch_objects ADD COLUMN {column} TEXT";
            try
            {
                add.ExecuteNonQuery();
            }
            catch (SqliteException e) when (e.Message.Contains("duplicate column", StringComparison.OrdinalIgnoreCase))
            {
            }
        }
    }

    private static BatchReservation? ReadReservation(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        return reader.Read() && Guid.TryParseExact(reader.GetString(0), "N", out var id)
            && decimal.TryParse(reader.GetString(1), NumberStyles.Number, CultureInfo.InvariantCulture, out var usd)
            ? new BatchReservation(id, usd)
            : null;
    }

    private static IReadOnlyList<string> ReadIds(SqliteCommand command)
    {
        var ids = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private static IReadOnlyList<UnbilledBatch> ReadUnbilled(SqliteCommand command)
    {
        var batches = new List<UnbilledBatch>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            batches.Add(new UnbilledBatch(reader.GetInt64(0), (BatchObjectKind)reader.GetInt32(1), reader.GetString(2), reader.GetString(3), reader.GetString(4)));
        }

        return batches;
    }

    private static void Bind(SqliteCommand command, params (string Name, object? Value)[] parameters)
    {
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
    }

    private async Task<T> ExecuteAsync<T>(string sql, Action<SqliteCommand> bind, Func<SqliteCommand, T> run, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            using var command = _connection.CreateCommand();
            command.CommandText = sql;
            bind(command);
            return run(command);
        }
        finally
        {
            _gate.Release();
        }
    }
}
