using Switchyard.Batching;

namespace Switchyard.Storage;

public sealed partial class SqliteBatchJobStore
{
    // Rows per bulk statement while loading a placement log.
    private const int LoadRows = 32;

    // The load inserts into three B-trees, the custom_id one in custom_id order: a larger page cache for the load keeps
    // it from re-reading pages (about 32 MB of memory while loading; restored after).
    private const int LoadCacheKibibytes = 32 * 1024;

    /// <summary>
    /// Builds a planned job's per-line rows from its <see cref="BatchPlacementLog"/>, once, in one transaction: the
    /// planner records lines in that file instead of the table so that planning is not bound by one indexed row per
    /// line, and the rows are needed only once results come back (or a replay is planned). A load that stops halfway
    /// leaves nothing and is redone.
    /// </summary>
    /// <exception cref="InvalidDataException">The job's placement log is missing or damaged.</exception>
    private void EnsureLines(string jobId)
    {
        using (var pending = Command("SELECT directory FROM batch_jobs WHERE id = $a AND lines_loaded = 0", ("$a", jobId)))
        {
            if (pending.ExecuteScalar() is not string directory)
            {
                return;
            }

            var path = Path.Combine(directory, BatchPlacementLog.FileName);
            if (!File.Exists(path))
            {
                throw new InvalidDataException($"Batch job '{jobId}' has lost its placement log '{path}': its lines cannot be read.");
            }

            long previousCache;
            using (var cache = Command("PRAGMA cache_size"))
            {
                previousCache = (long)cache.ExecuteScalar()!;
            }

            Execute($"PRAGMA cache_size = -{LoadCacheKibibytes}");
            try
            {
                LoadLines(jobId, path);
            }
            finally
            {
                Execute($"PRAGMA cache_size = {previousCache}");
            }
        }
    }

    private void LoadLines(string jobId, string path)
    {
        using var transaction = _connection.BeginTransaction();
        using (var many = new BatchLineBulkInsert(_connection, LoadRows))
        using (var one = new BatchLineBulkInsert(_connection, 1))
        {
            var rows = new BatchLinePlacement[LoadRows];
            var count = 0;
            foreach (var line in BatchPlacementLog.Read(path))
            {
                rows[count++] = line;
                if (count == LoadRows)
                {
                    many.Insert(jobId, rows);
                    count = 0;
                }
            }

            for (var i = 0; i < count; i++)
            {
                one.Insert(jobId, rows.AsSpan(i, 1));
            }
        }

        using var loaded = Command("UPDATE batch_jobs SET lines_loaded = 1 WHERE id = $a", ("$a", jobId));
        loaded.Transaction = transaction;
        loaded.ExecuteNonQuery();
        transaction.Commit();
    }
}
