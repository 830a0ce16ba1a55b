using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using Switchyard.Memory;

namespace Switchyard.Storage;

/// <summary>Long-term memories: add, read by ids, list, vectors for index rebuilds, delete.</summary>
public sealed partial class SqliteMemoryStore
{
    private const string ItemColumns = "id, kind, text, tokens, source_seq, at, expires";

    /// <inheritdoc />
    public Task<IReadOnlyList<MemoryItem>> AddMemoriesAsync(MemorySessionKey key, IReadOnlyList<NewMemory> memories, DateTimeOffset createdAt, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        key.EnsureValid();
        ArgumentNullException.ThrowIfNull(memories);
        return Locked(() =>
        {
            using var transaction = _connection.BeginTransaction(deferred: false);
            using var insert = Command(
                transaction,
                "INSERT INTO memory_items (tenant, session, kind, text, tokens, source_seq, at, expires, vector) VALUES ($t, $s, $k, $text, $tok, $src, $at, $exp, $vec) RETURNING id",
                key);
            var items = new List<MemoryItem>(memories.Count);
            foreach (var memory in memories)
            {
                Set(insert, "$k", (int)memory.Kind);
                Set(insert, "$text", memory.Text);
                Set(insert, "$tok", memory.Tokens);
                Set(insert, "$src", memory.SourceSequence);
                Set(insert, "$at", createdAt.ToUnixTimeMilliseconds());
                Set(insert, "$exp", expiresAt.ToUnixTimeMilliseconds());
                Set(insert, "$vec", MemoryMarshal.AsBytes(memory.Vector.AsSpan()).ToArray());
                var id = Convert.ToInt64(insert.ExecuteScalar(), CultureInfo.InvariantCulture);
                items.Add(new MemoryItem(id, key, memory.Kind, memory.Text, memory.Tokens, memory.SourceSequence, createdAt, expiresAt));
            }

            transaction.Commit();
            return (IReadOnlyList<MemoryItem>)items;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<MemoryItem>> GetMemoriesAsync(MemorySessionKey key, IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        key.EnsureValid();
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<MemoryItem>>([]);
        }

        return Locked(() =>
        {
            // The ids come from the session's own index, but the tenant and session filter stays: isolation must not
            // depend on the index being right.
            var list = string.Join(',', ids.Select(id => id.ToString(CultureInfo.InvariantCulture)));
            using var command = Command(
                null,
                $"SELECT {ItemColumns} FROM memory_items WHERE tenant = $t AND session = $s AND expires > $now AND id IN ({list})",
                key);
            Set(command, "$now", _time.GetUtcNow().ToUnixTimeMilliseconds());
            return (IReadOnlyList<MemoryItem>)ReadItems(command, key);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<MemoryItem>> ListMemoriesAsync(MemorySessionKey key, long afterId, int limit, CancellationToken cancellationToken)
    {
        key.EnsureValid();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return Locked(() =>
        {
            using var command = Command(
                null,
                $"SELECT {ItemColumns} FROM memory_items WHERE tenant = $t AND session = $s AND expires > $now AND id > $after ORDER BY id LIMIT $limit",
                key);
            Set(command, "$now", _time.GetUtcNow().ToUnixTimeMilliseconds());
            Set(command, "$after", afterId);
            Set(command, "$limit", limit);
            return (IReadOnlyList<MemoryItem>)ReadItems(command, key);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<int> CountMemoriesAsync(MemorySessionKey key, CancellationToken cancellationToken)
    {
        key.EnsureValid();
        return Locked(() =>
        {
            using var command = Command(null, "SELECT count(*) FROM memory_items WHERE tenant = $t AND session = $s AND expires > $now", key);
            Set(command, "$now", _time.GetUtcNow().ToUnixTimeMilliseconds());
            return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<(long Id, float[] Vector)>> GetVectorsAsync(MemorySessionKey key, CancellationToken cancellationToken)
    {
        key.EnsureValid();
        return Locked(() =>
        {
            using var command = Command(null, "SELECT id, vector FROM memory_items WHERE tenant = $t AND session = $s AND expires > $now ORDER BY id", key);
            Set(command, "$now", _time.GetUtcNow().ToUnixTimeMilliseconds());
            using var reader = command.ExecuteReader();
            var vectors = new List<(long, float[])>();
            while (reader.Read())
            {
                var bytes = (byte[])reader.GetValue(1);
                vectors.Add((reader.GetInt64(0), MemoryMarshal.Cast<byte, float>(bytes).ToArray()));
            }

            return (IReadOnlyList<(long, float[])>)vectors;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> DeleteMemoryAsync(MemorySessionKey key, long id, CancellationToken cancellationToken)
    {
        key.EnsureValid();
        return Locked(() =>
        {
            using var command = Command(null, "DELETE FROM memory_items WHERE tenant = $t AND session = $s AND id = $id", key);
            Set(command, "$id", id);
            return command.ExecuteNonQuery() > 0;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<SessionDeletion> DeleteSessionAsync(MemorySessionKey key, CancellationToken cancellationToken)
    {
        key.EnsureValid();
        return Locked(() =>
        {
            using var transaction = _connection.BeginTransaction(deferred: false);
            var turns = Delete(transaction, "memory_turns", key);
            var summaries = Delete(transaction, "memory_summaries", key);
            var memories = Delete(transaction, "memory_items", key);
            Delete(transaction, "memory_summarizer_session_spend", key);
            Delete(transaction, "memory_sessions", key);
            transaction.Commit();
            return new SessionDeletion(turns, summaries, memories);
        }, cancellationToken);
    }

    private int Delete(SqliteTransaction transaction, string table, MemorySessionKey key)
    {
        using var command = Command(transaction, $"DELETE FROM {table} WHERE tenant = $t AND session = $s", key);
        return command.ExecuteNonQuery();
    }

    private static List<MemoryItem> ReadItems(SqliteCommand command, MemorySessionKey key)
    {
        using var reader = command.ExecuteReader();
        var items = new List<MemoryItem>();
        while (reader.Read())
        {
            items.Add(new MemoryItem(
                reader.GetInt64(0),
                key,
                (MemoryKind)reader.GetInt32(1),
                reader.GetString(2),
                reader.GetInt32(3),
                reader.GetInt64(4),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6))));
        }

        return items;
    }
}
