using Microsoft.Data.Sqlite;
using Switchyard.Batching;

namespace Switchyard.Storage;

public sealed partial class SqliteBatchJobStore
{
    /// <summary>One transaction applying a chunk's results; a crash before the commit leaves the chunk to collect again.</summary>
    private sealed class CollectSession : IBatchCollectSession
    {
        private readonly SqliteBatchJobStore _store;
        private readonly BatchChunk _chunk;
        private readonly SqliteTransaction _transaction;
        private readonly SqliteCommand _record;
        private bool _committed;

        public CollectSession(SqliteBatchJobStore store, BatchChunk chunk)
        {
            _store = store;
            _chunk = chunk;
            _transaction = store._connection.BeginTransaction();
            _record = SqliteFile.Prepare(store._connection, """
                UPDATE batch_lines SET state = $state, failure = $failure, error = $error, result = $result, actual_cost = $cost
                WHERE job_id = $job AND custom_id = $id AND chunk_id = $chunk AND state = 0
                """, "$state", "$failure", "$error", "$result", "$cost", "$job", "$id", "$chunk");
            _record.Transaction = _transaction;
        }

        public bool Record(string customId, BatchFailureClass? failure, ReadOnlySpan<byte> json, decimal actualCostUsd)
        {
            var p = _record.Parameters;
            p[0].Value = failure is null ? (int)BatchLineState.Succeeded : (int)BatchLineState.Failed;
            p[1].Value = failure is { } f ? f.ToWireName() : DBNull.Value;
            p[2].Value = failure is null ? DBNull.Value : System.Text.Encoding.UTF8.GetString(json);
            p[3].Value = failure is null ? json.ToArray() : DBNull.Value;
            p[4].Value = NanoDollars.FromUsd(actualCostUsd);
            p[5].Value = _chunk.JobId;
            p[6].Value = customId;
            p[7].Value = _chunk.Id;
            return _record.ExecuteNonQuery() == 1;
        }

        public int FailMissing(BatchFailureClass failure, string message)
        {
            using var command = _store.Command("""
                UPDATE batch_lines SET state = 2, failure = $failure, error = $error
                WHERE job_id = $job AND chunk_id = $chunk AND state = 0
                """,
                ("$failure", failure.ToWireName()), ("$error", System.Text.Json.JsonSerializer.Serialize(new { message })),
                ("$job", _chunk.JobId), ("$chunk", _chunk.Id));
            command.Transaction = _transaction;
            return command.ExecuteNonQuery();
        }

        public void Commit()
        {
            using var command = _store.Command(
                "UPDATE batch_chunks SET state = $state WHERE job_id = $job AND id = $id",
                ("$state", (int)BatchChunkState.Collected), ("$job", _chunk.JobId), ("$id", _chunk.Id));
            command.Transaction = _transaction;
            command.ExecuteNonQuery();
            _transaction.Commit();
            _committed = true;
        }

        public void Dispose()
        {
            _record.Dispose();
            if (!_committed)
            {
                _transaction.Rollback();
            }

            _transaction.Dispose();
        }
    }
}
