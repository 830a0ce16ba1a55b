using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Switchyard.Costs;

namespace Switchyard.Storage;

public sealed partial class SqliteBudgetLedger
{
    private static readonly int EpochDayNumber = new DateOnly(1970, 1, 1).DayNumber;

    /// <inheritdoc />
    /// <remarks>
    /// Runs on its own short-lived connection (a WAL reader), so a long report never holds up reservations.
    /// With <see cref="SpendGrouping.None"/> the result is a single total row, zero when nothing matches.
    /// </remarks>
    public async Task<IReadOnlyList<SpendRow>> QuerySpendAsync(SpendQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await FlushAsync(cancellationToken).ConfigureAwait(false);

        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = BuildReport(query, command.Parameters);

        var rows = new List<SpendRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new SpendRow(
                Text(reader, 0),
                Text(reader, 1),
                Text(reader, 2),
                Text(reader, 3),
                Text(reader, 4),
                reader.IsDBNull(5) ? null : DateOnly.FromDayNumber(EpochDayNumber + reader.GetInt32(5)),
                reader.GetInt32(6),
                reader.GetInt64(7),
                reader.GetInt64(8),
                NanoDollars.ToUsd(reader.GetInt64(9)))
            {
                CachedInputTokens = reader.GetInt64(10),
                CacheWriteTokens = reader.GetInt64(11),
            });
        }

        return rows;
    }

    private static string? Text(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    // Every column name and fragment below is a constant; user values travel only as parameters.
    private static string BuildReport(SpendQuery query, SqliteParameterCollection parameters)
    {
        (SpendGrouping Flag, string Expression)[] keys =
        [
            (SpendGrouping.Tenant, "tenant"),
            (SpendGrouping.Key, "key_name"),
            (SpendGrouping.Route, "route"),
            (SpendGrouping.Provider, "provider"),
            (SpendGrouping.Model, "model"),
            (SpendGrouping.Day, "at_ms / 86400000"),
        ];

        var select = new StringBuilder("SELECT ");
        var groupBy = new List<string>();
        for (var i = 0; i < keys.Length; i++)
        {
            var grouped = query.GroupBy.HasFlag(keys[i].Flag);
            select.Append(grouped ? keys[i].Expression : "NULL").Append(CultureInfo.InvariantCulture, $" AS g{i}, ");
            if (grouped)
            {
                groupBy.Add($"g{i}");
            }
        }

        select.Append("""
            COUNT(*), COALESCE(SUM(input_tokens), 0), COALESCE(SUM(output_tokens), 0), COALESCE(SUM(cost_nanos), 0),
            COALESCE(SUM(cached_tokens), 0), COALESCE(SUM(cache_write_tokens), 0) FROM spend
            """);

        var where = new List<string>();
        AddFilter(where, parameters, "at_ms >= $from", "$from", query.From?.ToUnixTimeMilliseconds());
        AddFilter(where, parameters, "at_ms < $to", "$to", query.To?.ToUnixTimeMilliseconds());
        AddFilter(where, parameters, "tenant = $tenant", "$tenant", query.Tenant);
        AddFilter(where, parameters, "key_name = $key", "$key", query.KeyName);
        AddFilter(where, parameters, "route = $route", "$route", query.Route);
        AddFilter(where, parameters, "provider = $provider", "$provider", query.Provider);
        AddFilter(where, parameters, "model = $model", "$model", query.Model);
        if (where.Count > 0)
        {
            select.Append(" WHERE ").AppendJoin(" AND ", where);
        }

        if (groupBy.Count > 0)
        {
            select.Append(" GROUP BY ").AppendJoin(", ", groupBy).Append(" ORDER BY ").AppendJoin(", ", groupBy);
        }

        return select.Append(';').ToString();
    }

    private static void AddFilter(List<string> where, SqliteParameterCollection parameters, string condition, string name, object? value)
    {
        if (value is not null)
        {
            where.Add(condition);
            parameters.AddWithValue(name, value);
        }
    }
}
