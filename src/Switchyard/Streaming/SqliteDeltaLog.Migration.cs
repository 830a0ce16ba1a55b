using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Switchyard.Streaming;

public sealed partial class SqliteDeltaLog
{
    // Brings the file to DeltaLogSchema.Version in one transaction (a failed migration leaves it as it was), then marks
    // streams a stopped process left open as interrupted.
    private static void Migrate(SqliteConnection connection, long nowMs)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA user_version;";
        var version = Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        if (version > DeltaLogSchema.Version)
        {
            throw new NotSupportedException($"The delta log file has schema version {version}; this build knows up to {DeltaLogSchema.Version}.");
        }

        if (version == 0)
        {
            command.CommandText = DeltaLogSchema.Create;
            command.ExecuteNonQuery();
        }
        else if (version == 1)
        {
            MigrateFromV1(connection, transaction);
        }

        command.CommandText = DeltaLogSchema.FailOrphans;
        command.Parameters.AddWithValue("$now", nowMs);
        command.ExecuteNonQuery();
        transaction.Commit();
    }

    // Version 1 had one row per event; each becomes a chunk of one record, which reads the same as any other chunk.
    private static void MigrateFromV1(SqliteConnection connection, SqliteTransaction transaction)
    {
        using (var setUp = connection.CreateCommand())
        {
            setUp.Transaction = transaction;
            setUp.CommandText = DeltaLogSchema.MigrateV1;
            setUp.ExecuteNonQuery();
        }

        using (var select = connection.CreateCommand())
        using (var insert = connection.CreateCommand())
        {
            select.Transaction = transaction;
            select.CommandText = DeltaLogSchema.SelectV1Events;
            insert.Transaction = transaction;
            insert.CommandText = DeltaLogSchema.InsertChunk;
            var id = insert.Parameters.Add("$id", SqliteType.Text);
            var first = insert.Parameters.Add("$first", SqliteType.Integer);
            var last = insert.Parameters.Add("$last", SqliteType.Integer);
            var data = insert.Parameters.Add("$data", SqliteType.Blob);
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                var sequence = reader.GetInt64(1);
                var record = new StreamEventRecord(sequence, reader.IsDBNull(2) ? null : reader.GetString(2), (byte[])reader.GetValue(3));
                id.Value = reader.GetString(0);
                first.Value = sequence;
                last.Value = sequence;
                data.Value = EventChunk.Pack([record]);
                insert.ExecuteNonQuery();
            }
        }

        using var finish = connection.CreateCommand();
        finish.Transaction = transaction;
        finish.CommandText = DeltaLogSchema.FinishV1;
        finish.ExecuteNonQuery();
    }
}
