using Microsoft.Data.Sqlite;
using Switchyard.Batching;

namespace Switchyard.Storage;

public sealed partial class SqliteBatchJobStore
{
    private const string ChunkColumns =
        "job_id, id, round, model, path, requests, bytes, estimated_cost, state, marker, file_id, batch_id, create_intent_at, remote_status, remote_done, remote_failed, error";

    /// <inheritdoc />
    public IReadOnlyList<BatchChunk> GetChunks(string jobId)
    {
        using var command = Command($"SELECT {ChunkColumns} FROM batch_chunks WHERE job_id = $a ORDER BY id", ("$a", jobId));
        using var reader = command.ExecuteReader();
        var chunks = new List<BatchChunk>();
        while (reader.Read())
        {
            chunks.Add(new BatchChunk
            {
                JobId = reader.GetString(0),
                Id = reader.GetInt64(1),
                Round = reader.GetInt32(2),
                Model = reader.IsDBNull(3) ? null : reader.GetString(3),
                Path = reader.GetString(4),
                Requests = reader.GetInt32(5),
                Bytes = reader.GetInt64(6),
                EstimatedCostUsd = NanoDollars.ToUsd(reader.GetInt64(7)),
                State = (BatchChunkState)reader.GetInt32(8),
                Marker = reader.GetString(9),
                FileId = reader.IsDBNull(10) ? null : reader.GetString(10),
                BatchId = reader.IsDBNull(11) ? null : reader.GetString(11),
                CreateIntentAt = reader.IsDBNull(12) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(12)),
                RemoteStatus = reader.IsDBNull(13) ? null : reader.GetString(13),
                RemoteDone = reader.GetInt32(14),
                RemoteFailed = reader.GetInt32(15),
                Error = reader.IsDBNull(16) ? null : reader.GetString(16),
            });
        }

        return chunks;
    }

    /// <inheritdoc />
    public void UpdateChunk(BatchChunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        using var command = Command("""
            UPDATE batch_chunks SET state = $state, file_id = $file, batch_id = $batch, create_intent_at = $intent,
                remote_status = $status, remote_done = $done, remote_failed = $failed, error = $error
            WHERE job_id = $job AND id = $id
            """,
            ("$state", (int)chunk.State), ("$file", chunk.FileId), ("$batch", chunk.BatchId),
            ("$intent", chunk.CreateIntentAt?.ToUnixTimeMilliseconds()), ("$status", chunk.RemoteStatus),
            ("$done", chunk.RemoteDone), ("$failed", chunk.RemoteFailed), ("$error", chunk.Error),
            ("$job", chunk.JobId), ("$id", chunk.Id));
        command.ExecuteNonQuery();
    }

    private void InsertChunk(SqliteTransaction transaction, BatchChunk chunk)
    {
        using var command = Command($"""
            INSERT INTO batch_chunks ({ChunkColumns})
            VALUES ($job, $id, $round, $model, $path, $requests, $bytes, $cost, $state, $marker, NULL, NULL, NULL, NULL, 0, 0, NULL)
            """,
            ("$job", chunk.JobId), ("$id", chunk.Id), ("$round", chunk.Round), ("$model", chunk.Model), ("$path", chunk.Path),
            ("$requests", chunk.Requests), ("$bytes", chunk.Bytes), ("$cost", NanoDollars.FromUsdCeiling(chunk.EstimatedCostUsd)),
            ("$state", (int)chunk.State), ("$marker", chunk.Marker));
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }
}
