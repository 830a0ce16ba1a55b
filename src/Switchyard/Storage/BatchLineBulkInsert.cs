using Microsoft.Data.Sqlite;
using Switchyard.Batching;
using static SQLitePCL.raw;

namespace Switchyard.Storage;

/// <summary>
/// Inserts new batch lines <see cref="Rows"/> at a time in one prepared statement, bound by position through SQLitePCL
/// (the library under Microsoft.Data.Sqlite). Microsoft.Data.Sqlite binds every parameter by name, a scan of the
/// statement's names per parameter, which made a many-row statement cost more than the rows it saved; loading a
/// million lines is dominated by this insert. Runs inside the connection's open transaction.
/// </summary>
internal sealed class BatchLineBulkInsert : IDisposable
{
    private const int Columns = 7;

    private readonly SqliteConnection _connection;
    private readonly SQLitePCL.sqlite3_stmt _statement;

    /// <summary>Prepares the statement for <paramref name="rows"/> lines at a time.</summary>
    public BatchLineBulkInsert(SqliteConnection connection, int rows)
    {
        _connection = connection;
        Rows = rows;
        var sql = new System.Text.StringBuilder("INSERT INTO batch_lines (job_id, line, custom_id, chunk_id, offset, length, model, estimated_cost) VALUES ");
        for (var i = 0; i < Rows; i++)
        {
            var at = 2 + (i * Columns);
            sql.Append(i == 0 ? "" : ",").Append(System.Globalization.CultureInfo.InvariantCulture,
                $"(?1,?{at},?{at + 1},?{at + 2},?{at + 3},?{at + 4},?{at + 5},?{at + 6})");
        }

        Check(sqlite3_prepare_v2(connection.Handle, sql.ToString(), out _statement));
    }

    /// <summary>Rows per statement.</summary>
    public int Rows { get; }

    /// <summary>Inserts exactly <see cref="Rows"/> lines of <paramref name="jobId"/>.</summary>
    public void Insert(string jobId, ReadOnlySpan<BatchLinePlacement> lines)
    {
        if (lines.Length != Rows)
        {
            throw new ArgumentException($"Exactly {Rows} lines are inserted at a time.", nameof(lines));
        }

        Check(sqlite3_bind_text(_statement, 1, jobId));
        for (var i = 0; i < Rows; i++)
        {
            ref readonly var line = ref lines[i];
            var at = 2 + (i * Columns);
            Check(sqlite3_bind_int64(_statement, at, line.LineNumber));
            Check(sqlite3_bind_text(_statement, at + 1, line.CustomId));
            Check(sqlite3_bind_int64(_statement, at + 2, line.ChunkId));
            Check(sqlite3_bind_int64(_statement, at + 3, line.Offset));
            Check(sqlite3_bind_int64(_statement, at + 4, line.Length));
            Check(sqlite3_bind_text(_statement, at + 5, line.Model));
            Check(sqlite3_bind_int64(_statement, at + 6, NanoDollars.FromUsdCeiling(line.EstimatedCostUsd)));
        }

        SqliteFile.Run(_connection, _statement);
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int rc) => SqliteFile.Check(_connection, rc);
}
