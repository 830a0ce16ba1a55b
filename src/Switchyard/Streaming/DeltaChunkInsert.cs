using Microsoft.Data.Sqlite;
using Switchyard.Storage;
using static SQLitePCL.raw;

namespace Switchyard.Streaming;

/// <summary>
/// The delta log writer's chunk insert, bound by position through SQLitePCL (the library under Microsoft.Data.Sqlite)
/// from spans: Microsoft.Data.Sqlite boxes every integer parameter and takes blobs only as arrays, which made each
/// committed row allocate on the writer thread; this statement allocates nothing per row. Runs inside the connection's
/// open transaction.
/// </summary>
internal sealed class DeltaChunkInsert : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SQLitePCL.sqlite3_stmt _statement;

    public DeltaChunkInsert(SqliteConnection connection)
    {
        _connection = connection;
        Check(sqlite3_prepare_v2(connection.Handle, DeltaLogSchema.InsertChunkPositional, out _statement));
    }

    /// <summary>Inserts one chunk row.</summary>
    /// <param name="streamId">The stream id as UTF-8.</param>
    /// <param name="first">The chunk's first sequence number.</param>
    /// <param name="last">Its last sequence number.</param>
    /// <param name="data">The sealed chunk (<see cref="EventChunk"/>).</param>
    public void Insert(ReadOnlySpan<byte> streamId, long first, long last, ReadOnlySpan<byte> data)
    {
        Check(sqlite3_bind_text(_statement, 1, streamId));
        Check(sqlite3_bind_int64(_statement, 2, first));
        Check(sqlite3_bind_int64(_statement, 3, last));
        Check(sqlite3_bind_blob(_statement, 4, data));
        SqliteFile.Run(_connection, _statement);
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int rc) => SqliteFile.Check(_connection, rc);
}
