using Microsoft.Data.Sqlite;
using Switchyard.Storage;
using static SQLitePCL.raw;

namespace Switchyard.Streaming;

/// <summary>
/// The delta log writer's batch transaction as prepared <c>BEGIN IMMEDIATE</c>, <c>COMMIT</c> and <c>ROLLBACK</c>
/// statements run through SQLitePCL: <see cref="SqliteConnection.BeginTransaction(bool)"/> allocates a transaction object
/// and runs its statements through fresh commands, once per batch, which for a stream slower than the flush interval is
/// once per event. Only for a connection whose transactions are all begun under the same lock, and never through
/// Microsoft.Data.Sqlite while this one is open (it does not know about it).
/// </summary>
internal sealed class DeltaBatchTransaction : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SQLitePCL.sqlite3_stmt _begin;
    private readonly SQLitePCL.sqlite3_stmt _commit;
    private readonly SQLitePCL.sqlite3_stmt _rollback;

    public DeltaBatchTransaction(SqliteConnection connection)
    {
        _connection = connection;
        Check(sqlite3_prepare_v2(connection.Handle, "BEGIN IMMEDIATE;", out _begin));
        Check(sqlite3_prepare_v2(connection.Handle, "COMMIT;", out _commit));
        Check(sqlite3_prepare_v2(connection.Handle, "ROLLBACK;", out _rollback));
    }

    /// <summary>Begins a write transaction (taking the file's write lock now, as Microsoft.Data.Sqlite's non-deferred one does).</summary>
    /// <exception cref="SqliteException">SQLite refused (busy past the busy timeout, I/O error).</exception>
    public void Begin() => Check(Step(_begin));

    /// <summary>Commits the open transaction.</summary>
    /// <exception cref="SqliteException">SQLite refused; the transaction may still be open (<see cref="RollBackIfOpen"/>).</exception>
    public void Commit() => Check(Step(_commit));

    /// <summary>
    /// Rolls back what a failed batch left open. Never throws: SQLite may already have rolled back on the error, and the
    /// batch's own error is the one to report.
    /// </summary>
    public void RollBackIfOpen()
    {
        if (sqlite3_get_autocommit(_connection.Handle) == 0)
        {
            Step(_rollback);
        }
    }

    public void Dispose()
    {
        _begin.Dispose();
        _commit.Dispose();
        _rollback.Dispose();
    }

    private static int Step(SQLitePCL.sqlite3_stmt statement)
    {
        var rc = sqlite3_step(statement);
        sqlite3_reset(statement);
        return rc;
    }

    private void Check(int rc) => SqliteFile.Check(_connection, rc);
}
