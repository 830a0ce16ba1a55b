using Microsoft.Data.Sqlite;
using Switchyard.Batching;

namespace Switchyard.Storage;

/// <summary>
/// <see cref="IBatchJobStore"/> on one SQLite file (WAL, <c>synchronous=NORMAL</c>; chunk state changes are committed one
/// by one, so an intent is on disk before the provider call it announces). A job and its chunks are recorded in one
/// transaction, so a plan that stops halfway leaves nothing; its lines are loaded from the job's placement log into the
/// line table in one transaction when first needed (<see cref="EnsureLines"/>). Not thread-safe; one process owns the
/// file at a time.
/// </summary>
public sealed partial class SqliteBatchJobStore : IBatchJobStore
{
    private readonly SqliteConnection _connection;

    /// <summary>Opens (creating when missing) the store.</summary>
    /// <param name="path">A database file path, or a SQLite connection string (contains <c>=</c>).</param>
    public SqliteBatchJobStore(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _connection = new SqliteConnection(SqliteFile.ConnectionString(path));
        try
        {
            _connection.Open();
            SqliteFile.Configure(_connection);
            Execute(BatchJobSchema.Create);
            if (!HasColumn("batch_jobs", "lines_loaded"))
            {
                Execute(BatchJobSchema.AddLinesLoaded);
            }

            if (!HasColumn("batch_jobs", "batch_size"))
            {
                Execute(BatchJobSchema.AddBatchSize);
            }
        }
        catch
        {
            _connection.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public IBatchPlanSession BeginPlan(BatchJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new PlanSession(this, job);
    }

    /// <inheritdoc />
    public IBatchPlanSession BeginReplay(string jobId)
    {
        EnsureLines(jobId);
        return new PlanSession(this, jobId);
    }

    /// <inheritdoc />
    public BatchJob? FindJob(string jobId) => ReadJob("WHERE id = $a", jobId);

    /// <inheritdoc />
    public BatchJob? FindByFingerprint(string fingerprint) =>
        ReadJob("WHERE fingerprint = $a ORDER BY created_at DESC LIMIT 1", fingerprint);

    /// <inheritdoc />
    public void RequestCancel(string jobId) =>
        Execute("UPDATE batch_jobs SET cancel_requested = 1 WHERE id = $a", ("$a", jobId));

    /// <inheritdoc />
    public BatchJobTotals GetTotals(string jobId)
    {
        if (FindJob(jobId) is { LinesLoaded: false } planned)
        {
            // Nothing has come back yet: every line is pending (the rows are built on the first read or collect).
            return new BatchJobTotals(planned.Lines, planned.Lines, 0, 0, 0, 0m, planned.EstimatedCostUsd);
        }

        using var command = Command($"""
            SELECT count(*), total(state = 0), total(state = 1), total(state = 2),
                   total(state = 2 AND failure IN {BatchJobSchema.RetryableList}),
                   total(actual_cost), total(CASE WHEN state = 0 THEN estimated_cost ELSE 0 END)
            FROM batch_lines WHERE job_id = $a
            """, ("$a", jobId));
        using var reader = command.ExecuteReader();
        reader.Read();
        return new BatchJobTotals(
            reader.GetInt64(0), (long)reader.GetDouble(1), (long)reader.GetDouble(2), (long)reader.GetDouble(3), (long)reader.GetDouble(4),
            NanoDollars.ToUsd((long)reader.GetDouble(5)), NanoDollars.ToUsd((long)reader.GetDouble(6)));
    }

    /// <inheritdoc />
    public IEnumerable<BatchLineRecord> ReadLines(string jobId)
    {
        EnsureLines(jobId);
        using var command = Command(
            "SELECT line, custom_id, state, failure, error, result, attempts FROM batch_lines WHERE job_id = $a ORDER BY line",
            ("$a", jobId));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return new BatchLineRecord(
                reader.GetInt64(0),
                reader.GetString(1),
                (BatchLineState)reader.GetInt32(2),
                reader.IsDBNull(3) ? null : BatchFailureClasses.FromWireName(reader.GetString(3)),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : (byte[])reader.GetValue(5),
                reader.GetInt32(6));
        }
    }

    /// <inheritdoc />
    public IEnumerable<BatchLinePlacement> ReadReplayable(string jobId, int maxAttempts)
    {
        EnsureLines(jobId);
        using var command = Command($"""
            SELECT line, custom_id, chunk_id, offset, length, model, estimated_cost FROM batch_lines
            WHERE job_id = $a AND state = 2 AND failure IN {BatchJobSchema.RetryableList} AND attempts < $b ORDER BY line
            """, ("$a", jobId), ("$b", maxAttempts));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return new BatchLinePlacement(
                reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt32(4), reader.GetString(5),
                NanoDollars.ToUsd(reader.GetInt64(6)));
        }
    }

    /// <inheritdoc />
    public IBatchCollectSession BeginCollect(BatchChunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        EnsureLines(chunk.JobId);
        return new CollectSession(this, chunk);
    }

    /// <inheritdoc />
    public void Dispose() => _connection.Dispose();

    private BatchJob? ReadJob(string where, string value)
    {
        using var command = Command(
            $"SELECT id, provider, fingerprint, directory, created_at, max_cost, estimated_cost, lines, cancel_requested, lines_loaded, batch_size FROM batch_jobs {where}",
            ("$a", value));
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        return new BatchJob
        {
            Id = reader.GetString(0),
            Provider = reader.GetString(1),
            Fingerprint = reader.GetString(2),
            Directory = reader.GetString(3),
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)),
            MaxCostUsd = reader.IsDBNull(5) ? null : NanoDollars.ToUsd(reader.GetInt64(5)),
            EstimatedCostUsd = NanoDollars.ToUsd(reader.GetInt64(6)),
            Lines = reader.GetInt64(7),
            CancelRequested = reader.GetInt64(8) != 0,
            LinesLoaded = reader.GetInt64(9) != 0,
            BatchSize = reader.IsDBNull(10) ? null : reader.GetInt32(10),
        };
    }

    private SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private bool HasColumn(string table, string column)
    {
        using var command = Command($"SELECT count(*) FROM pragma_table_info('{table}') WHERE name = $a", ("$a", column));
        return (long)command.ExecuteScalar()! > 0;
    }

    private void Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        command.ExecuteNonQuery();
    }
}
