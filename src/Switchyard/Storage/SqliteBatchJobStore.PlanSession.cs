using Microsoft.Data.Sqlite;
using Switchyard.Batching;

namespace Switchyard.Storage;

public sealed partial class SqliteBatchJobStore
{
    /// <summary>
    /// One transaction holding a new job and its chunks (its lines are in the job's placement log, loaded later by
    /// <see cref="EnsureLines"/>), or a replay round's chunks and moved lines.
    /// </summary>
    private sealed class PlanSession : IBatchPlanSession
    {
        private readonly SqliteBatchJobStore _store;
        private readonly SqliteTransaction _transaction;
        private readonly BatchJob? _job;
        private readonly string _jobId;
        private SqliteCommand? _move;
        private bool _committed;

        public PlanSession(SqliteBatchJobStore store, BatchJob job)
            : this(store, job.Id) => _job = job;

        public PlanSession(SqliteBatchJobStore store, string jobId)
        {
            _store = store;
            _jobId = jobId;
            _transaction = store._connection.BeginTransaction();
            using var next = Prepare("SELECT coalesce(max(id), 0) + 1 FROM batch_chunks WHERE job_id = $job", "$job");
            next.Parameters["$job"].Value = jobId;
            NextChunkId = (long)next.ExecuteScalar()!;
        }

        public long NextChunkId { get; }

        public void MoveLine(in BatchLinePlacement line)
        {
            _move ??= Prepare("""
                UPDATE batch_lines SET chunk_id = $chunk, offset = $offset, length = $length, state = 0, attempts = attempts + 1,
                    failure = NULL, error = NULL
                WHERE job_id = $job AND line = $line AND state = 2
                """, "$chunk", "$offset", "$length", "$job", "$line");
            var p = _move.Parameters;
            p[0].Value = line.ChunkId;
            p[1].Value = line.Offset;
            p[2].Value = line.Length;
            p[3].Value = _jobId;
            p[4].Value = line.LineNumber;
            _move.ExecuteNonQuery();
        }

        public void AddChunk(BatchChunk chunk)
        {
            _store.InsertChunk(_transaction, chunk);
        }

        public void Commit(decimal estimatedCostUsd, long lines)
        {
            if (_job is not null)
            {
                using var insert = _store.Command("""
                    INSERT INTO batch_jobs (id, provider, fingerprint, directory, created_at, max_cost, estimated_cost, lines, lines_loaded, batch_size)
                    VALUES ($id, $provider, $fingerprint, $directory, $created, $max, $estimate, $lines, 0, $size)
                    """,
                    ("$id", _job.Id), ("$provider", _job.Provider), ("$fingerprint", _job.Fingerprint), ("$directory", _job.Directory),
                    ("$created", _job.CreatedAt.ToUnixTimeMilliseconds()),
                    ("$max", _job.MaxCostUsd is { } max ? NanoDollars.FromUsd(max) : null),
                    ("$estimate", NanoDollars.FromUsdCeiling(estimatedCostUsd)), ("$lines", lines), ("$size", _job.BatchSize));
                insert.Transaction = _transaction;
                insert.ExecuteNonQuery();
            }

            _transaction.Commit();
            _committed = true;
        }

        public void Dispose()
        {
            _move?.Dispose();
            if (!_committed)
            {
                _transaction.Rollback();
            }

            _transaction.Dispose();
        }

        private SqliteCommand Prepare(string sql, params string[] parameters)
        {
            var command = SqliteFile.Prepare(_store._connection, sql, parameters);
            command.Transaction = _transaction;
            return command;
        }
    }
}
