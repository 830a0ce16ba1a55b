using Microsoft.Data.Sqlite;
using Switchyard.Memory;
using Switchyard.Model;

namespace Switchyard.Storage;

/// <summary>
/// <see cref="IMemoryStore"/> on one SQLite file (WAL). Thread-safe: one connection and one gate serialize this
/// instance's operations; writes run in transactions. Every statement filters by tenant and session
/// (<see cref="SqliteMemorySchema"/>). Cancellation is observed only while waiting for the gate.
/// </summary>
public sealed partial class SqliteMemoryStore : IMemoryStore, IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _disposed;

    /// <summary>Opens (creating when missing) the store and its tables.</summary>
    /// <param name="connectionStringOrPath">A SQLite connection string (contains <c>=</c>) or a database file path.</param>
    /// <param name="time">The clock that decides what has expired.</param>
    public SqliteMemoryStore(string connectionStringOrPath, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionStringOrPath);
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _connection = new SqliteConnection(SqliteFile.ConnectionString(connectionStringOrPath));
        try
        {
            _connection.Open();
            SqliteFile.Configure(_connection);
            using var create = _connection.CreateCommand();
            create.CommandText = SqliteMemorySchema.Create;
            create.ExecuteNonQuery();
        }
        catch
        {
            _connection.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<MemoryTurn>> AppendTurnsAsync(MemorySessionKey key, IReadOnlyList<ChatMessage> messages, IReadOnlyList<int> tokens, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        key.EnsureValid();
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(tokens);
        if (messages.Count != tokens.Count)
        {
            throw new ArgumentException("One token count per message is needed.", nameof(tokens));
        }

        return Locked(() =>
        {
            var now = _time.GetUtcNow();
            using var transaction = _connection.BeginTransaction(deferred: false);
            var last = Convert.ToInt64(
                Scalar(transaction, "SELECT last_seq FROM memory_sessions WHERE tenant = $t AND session = $s", key) ?? 0L,
                System.Globalization.CultureInfo.InvariantCulture);
            var turns = new List<MemoryTurn>(messages.Count);
            using var insert = Command(
                transaction,
                "INSERT INTO memory_turns (tenant, session, seq, message, tokens, at, expires) VALUES ($t, $s, $seq, $m, $tok, $at, $exp)",
                key);
            for (var i = 0; i < messages.Count; i++)
            {
                var turn = new MemoryTurn(++last, messages[i], tokens[i], now, expiresAt);
                Set(insert, "$seq", turn.Sequence);
                Set(insert, "$m", MemoryMessageCodec.Serialize(turn.Message));
                Set(insert, "$tok", turn.Tokens);
                Set(insert, "$at", now.ToUnixTimeMilliseconds());
                Set(insert, "$exp", expiresAt.ToUnixTimeMilliseconds());
                insert.ExecuteNonQuery();
                turns.Add(turn);
            }

            using var session = Command(
                transaction,
                "INSERT INTO memory_sessions (tenant, session, last_seq, expires) VALUES ($t, $s, $seq, $exp) ON CONFLICT (tenant, session) DO UPDATE SET last_seq = $seq, expires = max(expires, $exp)",
                key);
            Set(session, "$seq", last);
            Set(session, "$exp", expiresAt.ToUnixTimeMilliseconds());
            session.ExecuteNonQuery();
            transaction.Commit();
            return (IReadOnlyList<MemoryTurn>)turns;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<MemoryTurn>> GetTurnsAsync(MemorySessionKey key, long afterSequence, CancellationToken cancellationToken)
    {
        key.EnsureValid();
        return Locked(() =>
        {
            using var command = Command(
                null,
                "SELECT seq, message, tokens, at, expires FROM memory_turns WHERE tenant = $t AND session = $s AND seq > $after AND expires > $now ORDER BY seq",
                key);
            Set(command, "$after", afterSequence);
            Set(command, "$now", _time.GetUtcNow().ToUnixTimeMilliseconds());
            using var reader = command.ExecuteReader();
            var turns = new List<MemoryTurn>();
            while (reader.Read())
            {
                turns.Add(new MemoryTurn(
                    reader.GetInt64(0),
                    MemoryMessageCodec.Deserialize(reader.GetString(1)),
                    reader.GetInt32(2),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4))));
            }

            return (IReadOnlyList<MemoryTurn>)turns;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<SessionSummary?> GetSummaryAsync(MemorySessionKey key, CancellationToken cancellationToken)
    {
        key.EnsureValid();
        return Locked(() =>
        {
            using var command = Command(
                null,
                "SELECT version, text, tokens, through_seq, at FROM memory_summaries WHERE tenant = $t AND session = $s AND expires > $now ORDER BY version DESC LIMIT 1",
                key);
            Set(command, "$now", _time.GetUtcNow().ToUnixTimeMilliseconds());
            using var reader = command.ExecuteReader();
            return reader.Read()
                ? new SessionSummary(reader.GetInt32(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt64(3), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)))
                : null;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> SaveSummaryAsync(MemorySessionKey key, SessionSummary summary, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        key.EnsureValid();
        ArgumentNullException.ThrowIfNull(summary);
        return Locked(() =>
        {
            using var transaction = _connection.BeginTransaction(deferred: false);
            var newest = Convert.ToInt32(
                Scalar(transaction, "SELECT coalesce(max(version), 0) FROM memory_summaries WHERE tenant = $t AND session = $s", key),
                System.Globalization.CultureInfo.InvariantCulture);
            if (summary.Version != newest + 1)
            {
                return false;
            }

            using var insert = Command(
                transaction,
                "INSERT INTO memory_summaries (tenant, session, version, text, tokens, through_seq, at, expires) VALUES ($t, $s, $v, $text, $tok, $through, $at, $exp)",
                key);
            Set(insert, "$v", summary.Version);
            Set(insert, "$text", summary.Text);
            Set(insert, "$tok", summary.Tokens);
            Set(insert, "$through", summary.ThroughSequence);
            Set(insert, "$at", summary.CreatedAt.ToUnixTimeMilliseconds());
            Set(insert, "$exp", expiresAt.ToUnixTimeMilliseconds());
            insert.ExecuteNonQuery();
            transaction.Commit();
            return true;
        }, cancellationToken);
    }

    /// <summary>Closes the file.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _connection.Dispose();
        _gate.Dispose();
    }

    private async Task<T> Locked<T>(Func<T> work, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return work();
        }
        finally
        {
            _gate.Release();
        }
    }

    private SqliteCommand Command(SqliteTransaction? transaction, string sql, MemorySessionKey key)
    {
        var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$t", key.Tenant);
        command.Parameters.AddWithValue("$s", key.SessionId);
        return command;
    }

    private object? Scalar(SqliteTransaction? transaction, string sql, MemorySessionKey key)
    {
        using var command = Command(transaction, sql, key);
        return command.ExecuteScalar();
    }

    private static void Set(SqliteCommand command, string name, object value)
    {
        if (command.Parameters.Contains(name))
        {
            command.Parameters[name].Value = value;
        }
        else
        {
            command.Parameters.AddWithValue(name, value);
        }
    }
}
