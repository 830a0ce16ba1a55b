using Microsoft.Data.Sqlite;

namespace Switchyard.Storage;

/// <summary>
/// How every Switchyard SQLite store opens its file: one long-lived connection without pooling (so disposing the store
/// really closes the file — tests delete it, a restarted gateway reopens it), WAL with <c>synchronous=NORMAL</c>, and a
/// busy timeout for another process holding the write lock; plus prepared commands for the hot paths.
/// </summary>
internal static class SqliteFile
{
    /// <summary>A connection string from a file path or a full connection string, with pooling off.</summary>
    public static string ConnectionString(string connectionStringOrPath)
    {
        var builder = connectionStringOrPath.Contains('=', StringComparison.Ordinal)
            ? new SqliteConnectionStringBuilder(connectionStringOrPath)
            : new SqliteConnectionStringBuilder { DataSource = connectionStringOrPath };
        builder.Pooling = false;
        return builder.ToString();
    }

    /// <summary>
    /// Opens the file (creating it when missing), applies <see cref="Configure"/> and runs the store's schema
    /// migration; a connection that fails any step is disposed, so a refused file stays closed.
    /// </summary>
    public static SqliteConnection Open(string connectionStringOrPath, Action<SqliteConnection> migrate)
    {
        var connection = new SqliteConnection(ConnectionString(connectionStringOrPath));
        try
        {
            connection.Open();
            Configure(connection);
            migrate(connection);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Applies the journal, durability and locking settings to an open connection.</summary>
    public static void Configure(SqliteConnection connection)
    {
        using var pragmas = connection.CreateCommand();
        pragmas.CommandText = "PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;";
        pragmas.ExecuteNonQuery();
    }

    /// <summary>A prepared command with the named parameters declared (values are set per call).</summary>
    public static SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }

    /// <summary>
    /// Throws a <see cref="SqliteException"/> with SQLite's message for a failed result code of a statement run through
    /// SQLitePCL directly (the positional bulk statements), the way Microsoft.Data.Sqlite reports its own.
    /// </summary>
    public static void Check(SqliteConnection connection, int resultCode)
    {
        if (resultCode is not SQLitePCL.raw.SQLITE_OK and not SQLitePCL.raw.SQLITE_DONE)
        {
            throw new SqliteException(SQLitePCL.raw.sqlite3_errmsg(connection.Handle).utf8_to_string(), resultCode);
        }
    }

    /// <summary>
    /// Runs a positional SQLitePCL statement that returns no rows, then resets it and clears its bindings for the next
    /// run; a failure throws as <see cref="Check"/> does.
    /// </summary>
    public static void Run(SqliteConnection connection, SQLitePCL.sqlite3_stmt statement)
    {
        var done = SQLitePCL.raw.sqlite3_step(statement);
        SQLitePCL.raw.sqlite3_reset(statement);
        SQLitePCL.raw.sqlite3_clear_bindings(statement);
        if (done != SQLitePCL.raw.SQLITE_DONE)
        {
            Check(connection, done);
        }
    }
}
