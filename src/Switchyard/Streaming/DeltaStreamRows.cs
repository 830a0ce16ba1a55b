using Microsoft.Data.Sqlite;
using Switchyard.Storage;
using static SQLitePCL.raw;

namespace Switchyard.Streaming;

/// <summary>
/// The delta log writer's stream rows, bound by position through SQLitePCL as <see cref="DeltaChunkInsert"/> is: a stream
/// row is written once per stream (and its end once more when the stream outlives the batch that created it), and
/// Microsoft.Data.Sqlite's <c>ExecuteNonQuery</c> builds a data reader and boxes each integer every time. Runs inside the
/// connection's open transaction.
/// </summary>
internal sealed class DeltaStreamRows : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SQLitePCL.sqlite3_stmt _insert;
    private readonly SQLitePCL.sqlite3_stmt _end;

    public DeltaStreamRows(SqliteConnection connection)
    {
        _connection = connection;
        Check(sqlite3_prepare_v2(connection.Handle, DeltaLogSchema.InsertStreamPositional, out _insert));
        Check(sqlite3_prepare_v2(connection.Handle, DeltaLogSchema.EndStreamPositional, out _end));
    }

    /// <summary>
    /// Inserts the stream's row: open, or already ended when its end is committed in the same batch as its start (most
    /// streams shorter than the flush interval), which saves the update.
    /// </summary>
    public void Insert(LiveStream stream, bool ended)
    {
        var header = stream.Header;
        Check(sqlite3_bind_text(_insert, 1, stream.StreamIdUtf8));
        Check(sqlite3_bind_text(_insert, 2, header.Tenant));
        Check(sqlite3_bind_text(_insert, 3, header.FrontDoor));
        Check(sqlite3_bind_int64(_insert, 4, header.CreatedAt.ToUnixTimeMilliseconds()));
        if (ended)
        {
            Check(sqlite3_bind_int(_insert, 5, (int)stream.State));
            Check(sqlite3_bind_int64(_insert, 6, stream.EndedAt.ToUnixTimeMilliseconds()));
        }
        else
        {
            Check(sqlite3_bind_int(_insert, 5, (int)StreamState.Open));
            Check(sqlite3_bind_null(_insert, 6));
        }

        SqliteFile.Run(_connection, _insert);
    }

    /// <summary>Records the end of a stream whose row an earlier batch inserted.</summary>
    public void End(LiveStream stream)
    {
        Check(sqlite3_bind_text(_end, 1, stream.StreamIdUtf8));
        Check(sqlite3_bind_int(_end, 2, (int)stream.State));
        Check(sqlite3_bind_int64(_end, 3, stream.EndedAt.ToUnixTimeMilliseconds()));
        SqliteFile.Run(_connection, _end);
    }

    public void Dispose()
    {
        _insert.Dispose();
        _end.Dispose();
    }

    private void Check(int rc) => SqliteFile.Check(_connection, rc);
}
