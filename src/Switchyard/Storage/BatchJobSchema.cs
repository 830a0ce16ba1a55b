namespace Switchyard.Storage;

/// <summary>
/// The batch job store's tables: jobs, chunks (provider batches) and one row per input line. A job's line rows are
/// built from its placement log when first needed (<c>lines_loaded</c> says whether they are).
/// </summary>
internal static class BatchJobSchema
{
    public const string Create = """
        CREATE TABLE IF NOT EXISTS batch_jobs (
            id TEXT PRIMARY KEY,
            provider TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            directory TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            max_cost INTEGER NULL,
            estimated_cost INTEGER NOT NULL,
            lines INTEGER NOT NULL,
            cancel_requested INTEGER NOT NULL DEFAULT 0,
            lines_loaded INTEGER NOT NULL DEFAULT 1,
            batch_size INTEGER NULL);
        CREATE INDEX IF NOT EXISTS batch_jobs_fingerprint ON batch_jobs (fingerprint, created_at);
        CREATE TABLE IF NOT EXISTS batch_chunks (
            job_id TEXT NOT NULL,
            id INTEGER NOT NULL,
            round INTEGER NOT NULL,
            model TEXT NULL,
            path TEXT NOT NULL,
            requests INTEGER NOT NULL,
            bytes INTEGER NOT NULL,
            estimated_cost INTEGER NOT NULL,
            state INTEGER NOT NULL,
            marker TEXT NOT NULL,
            file_id TEXT NULL,
            batch_id TEXT NULL,
            create_intent_at INTEGER NULL,
            remote_status TEXT NULL,
            remote_done INTEGER NOT NULL DEFAULT 0,
            remote_failed INTEGER NOT NULL DEFAULT 0,
            error TEXT NULL,
            PRIMARY KEY (job_id, id)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS batch_lines (
            job_id TEXT NOT NULL,
            line INTEGER NOT NULL,
            custom_id TEXT NOT NULL,
            chunk_id INTEGER NOT NULL,
            offset INTEGER NOT NULL,
            length INTEGER NOT NULL,
            model TEXT NOT NULL,
            estimated_cost INTEGER NOT NULL,
            state INTEGER NOT NULL DEFAULT 0,
            attempts INTEGER NOT NULL DEFAULT 1,
            failure TEXT NULL,
            error TEXT NULL,
            result BLOB NULL,
            actual_cost INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (job_id, line));
        CREATE UNIQUE INDEX IF NOT EXISTS batch_lines_custom_id ON batch_lines (job_id, custom_id);
        CREATE INDEX IF NOT EXISTS batch_lines_chunk ON batch_lines (job_id, chunk_id, state);
        """;

    /// <summary>Files made before the placement log had every job's lines in the table: their jobs are loaded.</summary>
    public const string AddLinesLoaded = "ALTER TABLE batch_jobs ADD COLUMN lines_loaded INTEGER NOT NULL DEFAULT 1";

    /// <summary>Files made before jobs kept their <c>--batch-size</c>: their jobs replay at the provider's limit, as they did.</summary>
    public const string AddBatchSize = "ALTER TABLE batch_jobs ADD COLUMN batch_size INTEGER NULL";

    /// <summary>The failure classes replay may resubmit, as stored.</summary>
    public const string RetryableList = "('rate_limited', 'server_error', 'expired')";
}
