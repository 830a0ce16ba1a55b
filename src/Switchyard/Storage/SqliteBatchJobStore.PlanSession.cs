using Microsoft.Data.Sqlite;
using Switchyard.Batching;

namespace Switchyard.Storage;

public sealed partial class SqliteBatchJobStore
{
    /// <summary>
    /// One transaction holding a new job's lines and chunks, or a replay round's moves. New lines are checked against a
    /// <see cref="SeenIdFilter"/> first: a custom_id certainly not seen is queued and inserted with others in one
    /// multi-row statement on a second thread (<see cref="BackgroundLineInserter"/>); only a "maybe seen" id takes the
    /// exact path through the unique index, after the queue is written. The session's other statements run only after a
    /// drain, so the connection is never used by two threads at once.
    /// </summary>
    private sealed class PlanSession : IBatchPlanSession
    {
        // The plan's inserts touch four B-trees in custom_id order, not key order: a larger page cache for the session
        // keeps them from re-reading pages (about 32 MB of memory while planning; restored after).
        private const int PlanCacheKibibytes = 32 * 1024;

        private readonly SqliteBatchJobStore _store;
        private readonly SqliteTransaction _transaction;
        private readonly BatchJob? _job;
        private readonly string _jobId;
        private readonly SqliteCommand _insert;
        private readonly SqliteCommand _findDuplicate;
        private BatchLinePlacement[] _queue = new BatchLinePlacement[BatchLineBulkInsert.Rows];
        private readonly long _previousCacheSize;
        private BackgroundLineInserter? _insertMany;
        private SeenIdFilter? _seen;
        private int _queued;
        private SqliteCommand? _move;
        private bool _committed;

        public PlanSession(SqliteBatchJobStore store, BatchJob job)
            : this(store, job.Id) => _job = job;

        public PlanSession(SqliteBatchJobStore store, string jobId)
        {
            _store = store;
            _jobId = jobId;
            using (var cache = store._connection.CreateCommand())
            {
                cache.CommandText = "PRAGMA cache_size";
                _previousCacheSize = (long)cache.ExecuteScalar()!;
                cache.CommandText = $"PRAGMA cache_size = -{PlanCacheKibibytes}";
                cache.ExecuteNonQuery();
            }

            _transaction = store._connection.BeginTransaction();
            _insert = Prepare("""
                INSERT OR IGNORE INTO batch_lines (job_id, line, custom_id, chunk_id, offset, length, model, estimated_cost)
                VALUES ($job, $line, $id, $chunk, $offset, $length, $model, $cost)
                """, "$job", "$line", "$id", "$chunk", "$offset", "$length", "$model", "$cost");
            _findDuplicate = Prepare("SELECT line FROM batch_lines WHERE job_id = $job AND custom_id = $id", "$job", "$id");
            using var next = Prepare("SELECT coalesce(max(id), 0) + 1 FROM batch_chunks WHERE job_id = $job", "$job");
            next.Parameters["$job"].Value = jobId;
            NextChunkId = (long)next.ExecuteScalar()!;
        }

        public long NextChunkId { get; }

        public long? TryAddLine(in BatchLinePlacement line)
        {
            _seen ??= new SeenIdFilter();
            if (!_seen.AddAndCheck(line.CustomId))
            {
                _queue[_queued++] = line;
                if (_queued == BatchLineBulkInsert.Rows)
                {
                    InsertQueued();
                }

                return null;
            }

            WriteQueue();
            return TryInsert(line);
        }

        private long? TryInsert(in BatchLinePlacement line)
        {
            var p = _insert.Parameters;
            p[0].Value = _jobId;
            p[1].Value = line.LineNumber;
            p[2].Value = line.CustomId;
            p[3].Value = line.ChunkId;
            p[4].Value = line.Offset;
            p[5].Value = line.Length;
            p[6].Value = line.Model;
            p[7].Value = NanoDollars.FromUsdCeiling(line.EstimatedCostUsd);
            if (_insert.ExecuteNonQuery() == 1)
            {
                return null;
            }

            _findDuplicate.Parameters[0].Value = _jobId;
            _findDuplicate.Parameters[1].Value = line.CustomId;
            return (long)_findDuplicate.ExecuteScalar()!;
        }

        /// <summary>Writes every queued line, so the connection is free and the index complete.</summary>
        private void WriteQueue()
        {
            _insertMany?.Drain();

            for (var i = 0; i < _queued; i++)
            {
                if (TryInsert(_queue[i]) is not null)
                {
                    throw new InvalidOperationException("A custom_id the filter had never seen is already in the job.");
                }
            }

            _queued = 0;
        }

        private void InsertQueued()
        {
            _insertMany ??= new BackgroundLineInserter(_store._connection, _jobId);

            // A plain INSERT: a row the filter called new that is not would be a bug, and must fail the plan loudly.
            _insertMany.Enqueue(_queue);
            _queue = new BatchLinePlacement[BatchLineBulkInsert.Rows];
            _queued = 0;
        }

        public void MoveLine(in BatchLinePlacement line)
        {
            WriteQueue();
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
            WriteQueue();
            _store.InsertChunk(_transaction, chunk);
        }

        public void Commit(decimal estimatedCostUsd, long lines)
        {
            WriteQueue();
            if (_job is not null)
            {
                using var insert = _store.Command("""
                    INSERT INTO batch_jobs (id, provider, fingerprint, directory, created_at, max_cost, estimated_cost, lines)
                    VALUES ($id, $provider, $fingerprint, $directory, $created, $max, $estimate, $lines)
                    """,
                    ("$id", _job.Id), ("$provider", _job.Provider), ("$fingerprint", _job.Fingerprint), ("$directory", _job.Directory),
                    ("$created", _job.CreatedAt.ToUnixTimeMilliseconds()),
                    ("$max", _job.MaxCostUsd is { } max ? NanoDollars.FromUsd(max) : null),
                    ("$estimate", NanoDollars.FromUsdCeiling(estimatedCostUsd)), ("$lines", lines));
                insert.Transaction = _transaction;
                insert.ExecuteNonQuery();
            }

            _transaction.Commit();
            _committed = true;
        }

        public void Dispose()
        {
            _insertMany?.Dispose();
            _insert.Dispose();
            _findDuplicate.Dispose();
            _move?.Dispose();
            if (!_committed)
            {
                _transaction.Rollback();
            }

            _transaction.Dispose();
            using var cache = _store._connection.CreateCommand();
            cache.CommandText = $"PRAGMA cache_size = {_previousCacheSize}";
            cache.ExecuteNonQuery();
        }

        private SqliteCommand Prepare(string sql, params string[] parameters)
        {
            var command = SqliteFile.Prepare(_store._connection, sql, parameters);
            command.Transaction = _transaction;
            return command;
        }
    }
}
