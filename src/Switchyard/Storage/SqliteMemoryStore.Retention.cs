using System.Globalization;
using Switchyard.Memory;

namespace Switchyard.Storage;

/// <summary>Retention purge and summarizer spend.</summary>
public sealed partial class SqliteMemoryStore
{
    /// <inheritdoc />
    public Task<IReadOnlyList<(MemorySessionKey Key, long Id)>> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        Locked(() =>
        {
            var cutoff = now.ToUnixTimeMilliseconds();
            using var transaction = _connection.BeginTransaction(deferred: false);
            var expired = new List<(MemorySessionKey, long)>();
            using (var select = _connection.CreateCommand())
            {
                select.Transaction = transaction;
                select.CommandText = "SELECT tenant, session, id FROM memory_items WHERE expires <= $now";
                select.Parameters.AddWithValue("$now", cutoff);
                using var reader = select.ExecuteReader();
                while (reader.Read())
                {
                    expired.Add((new MemorySessionKey(reader.GetString(0), reader.GetString(1)), reader.GetInt64(2)));
                }
            }

            using var delete = _connection.CreateCommand();
            delete.Transaction = transaction;
            delete.CommandText = """
                DELETE FROM memory_items WHERE expires <= $now;
                DELETE FROM memory_turns WHERE expires <= $now;
                DELETE FROM memory_summaries WHERE expires <= $now;
                DELETE FROM memory_sessions WHERE expires <= $now;
                """;
            delete.Parameters.AddWithValue("$now", cutoff);
            delete.ExecuteNonQuery();
            transaction.Commit();
            return (IReadOnlyList<(MemorySessionKey, long)>)expired;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<SummarizerSpend> GetSummarizerSpendAsync(MemorySessionKey key, DateOnly day, CancellationToken cancellationToken)
    {
        key.EnsureValid();
        return Locked(() =>
        {
            using var session = Command(null, "SELECT tokens, nano_usd FROM memory_summarizer_session_spend WHERE tenant = $t AND session = $s", key);
            var (sessionTokens, sessionNanos) = ReadSpend(session);
            using var daily = Command(null, "SELECT tokens, nano_usd FROM memory_summarizer_daily_spend WHERE tenant = $t AND day = $day", key);
            Set(daily, "$day", day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            var (dayTokens, dayNanos) = ReadSpend(daily);
            return new SummarizerSpend(sessionTokens, NanoDollars.ToUsd(sessionNanos), dayTokens, NanoDollars.ToUsd(dayNanos));
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task AddSummarizerSpendAsync(MemorySessionKey key, DateOnly day, long tokens, decimal usd, CancellationToken cancellationToken)
    {
        key.EnsureValid();
        return Locked(() =>
        {
            var nanos = NanoDollars.FromUsdCeiling(usd);
            using var transaction = _connection.BeginTransaction(deferred: false);
            using var session = Command(
                transaction,
                "INSERT INTO memory_summarizer_session_spend (tenant, session, tokens, nano_usd) VALUES ($t, $s, $tok, $usd) ON CONFLICT (tenant, session) DO UPDATE SET tokens = tokens + $tok, nano_usd = nano_usd + $usd",
                key);
            Set(session, "$tok", tokens);
            Set(session, "$usd", nanos);
            session.ExecuteNonQuery();
            using var daily = Command(
                transaction,
                "INSERT INTO memory_summarizer_daily_spend (tenant, day, tokens, nano_usd) VALUES ($t, $day, $tok, $usd) ON CONFLICT (tenant, day) DO UPDATE SET tokens = tokens + $tok, nano_usd = nano_usd + $usd",
                key);
            Set(daily, "$day", day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            Set(daily, "$tok", tokens);
            Set(daily, "$usd", nanos);
            daily.ExecuteNonQuery();
            transaction.Commit();
            return true;
        }, cancellationToken);
    }

    private static (long Tokens, long Nanos) ReadSpend(Microsoft.Data.Sqlite.SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0), reader.GetInt64(1)) : (0, 0);
    }
}
