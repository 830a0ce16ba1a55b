using System.Text;
using Microsoft.Data.Sqlite;
using Switchyard.Costs;
using static SQLitePCL.raw;

namespace Switchyard.Storage;

/// <summary>
/// The spend writer's row: the reservation it settles deleted, the spend row and its hourly sum added, through
/// statements bound by position via SQLitePCL (the library under Microsoft.Data.Sqlite). Microsoft.Data.Sqlite binds by
/// name on every execution and boxes every integer: about 2.8 KB and a few microseconds per request (allocation trace,
/// docs/benchmarks.md); these statements allocate nothing per row. Runs inside the connection's open transaction, on
/// the ledger's gate (not thread-safe on its own).
/// </summary>
internal sealed class SpendRowInsert : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SQLitePCL.sqlite3_stmt _deleteReservation;
    private readonly SQLitePCL.sqlite3_stmt _spend;
    private readonly SQLitePCL.sqlite3_stmt _hourly;
    private byte[] _utf8 = new byte[256];

    public SpendRowInsert(SqliteConnection connection)
    {
        _connection = connection;
        Check(sqlite3_prepare_v2(connection.Handle, SqliteLedgerSchema.DeleteReservationPositional, out _deleteReservation));
        Check(sqlite3_prepare_v2(connection.Handle, SqliteLedgerSchema.InsertSpendPositional, out _spend));
        Check(sqlite3_prepare_v2(connection.Handle, SqliteLedgerSchema.AddSpendHourlyPositional, out _hourly));
    }

    /// <summary>Writes one settle (with <paramref name="reservationId"/>) or record (without).</summary>
    public void Write(Guid? reservationId, SpendRecord actual, long atMs, long hourMs, long costNanos)
    {
        if (reservationId is { } id)
        {
            Span<byte> idBytes = stackalloc byte[16];
            id.TryWriteBytes(idBytes); // the layout of Guid.ToByteArray, which reservations are stored with
            Check(sqlite3_bind_blob(_deleteReservation, 1, idBytes));
            Step(_deleteReservation);
        }

        Check(sqlite3_bind_int64(_spend, 1, atMs));
        BindText(_spend, 2, actual.Tenant);
        BindText(_spend, 3, actual.KeyName);
        BindText(_spend, 4, actual.Route);
        BindText(_spend, 5, actual.Provider);
        BindText(_spend, 6, actual.Model);
        Check(sqlite3_bind_int64(_spend, 7, actual.Usage.InputTokens));
        Check(sqlite3_bind_int64(_spend, 8, actual.Usage.CachedInputTokens));
        Check(sqlite3_bind_int64(_spend, 9, actual.Usage.CacheWriteTokens));
        Check(sqlite3_bind_int64(_spend, 10, actual.Usage.OutputTokens));
        Check(sqlite3_bind_int64(_spend, 11, actual.Usage.ReasoningTokens));
        Check(sqlite3_bind_int64(_spend, 12, costNanos));
        Check(sqlite3_bind_int64(_spend, 13, actual.Batch ? 1 : 0));
        Step(_spend);

        Check(sqlite3_bind_int64(_hourly, 1, hourMs));
        BindText(_hourly, 2, actual.Tenant);
        BindText(_hourly, 3, actual.KeyName);
        BindText(_hourly, 4, actual.Route);
        Check(sqlite3_bind_int64(_hourly, 5, costNanos));
        Step(_hourly);
    }

    public void Dispose()
    {
        _deleteReservation.Dispose();
        _spend.Dispose();
        _hourly.Dispose();
    }

    // SQLite copies bound text (SQLITE_TRANSIENT in SQLitePCL's span overload), so one scratch buffer serves every bind.
    private void BindText(SQLitePCL.sqlite3_stmt statement, int index, string value)
    {
        var length = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (_utf8.Length < length)
        {
            _utf8 = new byte[Math.Max(length, _utf8.Length * 2)];
        }

        var written = Encoding.UTF8.GetBytes(value, _utf8);
        Check(sqlite3_bind_text(statement, index, _utf8.AsSpan(0, written)));
    }

    private void Step(SQLitePCL.sqlite3_stmt statement) => SqliteFile.Run(_connection, statement);

    private void Check(int rc) => SqliteFile.Check(_connection, rc);
}
