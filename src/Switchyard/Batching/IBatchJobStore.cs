namespace Switchyard.Batching;

/// <summary>
/// Durable record of batch jobs: jobs, their chunks (provider batches) and every input line's placement and outcome.
/// The runner writes an intent before and an outcome after each provider call, so a process that stops anywhere can
/// be run again without submitting twice. A new job's lines arrive as its <see cref="BatchPlacementLog"/> (in the job
/// directory); the store builds its per-line record from that file when the lines are first read or collected.
/// Synchronous on purpose: the embedded implementation is a local SQLite file. Not thread-safe; one runner uses one store.
/// </summary>
public interface IBatchJobStore : IDisposable
{
    /// <summary>
    /// Starts recording a new job whose lines are in the <see cref="BatchPlacementLog"/> of its directory; nothing is
    /// visible until <see cref="IBatchPlanSession.Commit"/>, which must come after the log is complete.
    /// </summary>
    IBatchPlanSession BeginPlan(BatchJob job);

    /// <summary>Starts a replay round of an existing job; nothing is visible until <see cref="IBatchPlanSession.Commit"/>.</summary>
    IBatchPlanSession BeginReplay(string jobId);

    /// <summary>The job, or null.</summary>
    BatchJob? FindJob(string jobId);

    /// <summary>The newest job with this fingerprint, or null.</summary>
    BatchJob? FindByFingerprint(string fingerprint);

    /// <summary>Marks the job cancelled: no further chunk is submitted.</summary>
    void RequestCancel(string jobId);

    /// <summary>The job's chunks in order.</summary>
    IReadOnlyList<BatchChunk> GetChunks(string jobId);

    /// <summary>Writes a chunk's new state (an intent or an outcome) durably before returning.</summary>
    void UpdateChunk(BatchChunk chunk);

    /// <summary>Starts recording the results of one ended chunk; applied atomically on <see cref="IBatchCollectSession.Commit"/>.</summary>
    IBatchCollectSession BeginCollect(BatchChunk chunk);

    /// <summary>Line counts and money of the job.</summary>
    BatchJobTotals GetTotals(string jobId);

    /// <summary>Every line with its outcome, in input order, streamed.</summary>
    IEnumerable<BatchLineRecord> ReadLines(string jobId);

    /// <summary>The failed, retryable lines submitted fewer than <paramref name="maxAttempts"/> times, in input order.</summary>
    IEnumerable<BatchLinePlacement> ReadReplayable(string jobId, int maxAttempts);

}

/// <summary>Recording of a plan or a replay round: chunks (and a replay's moved lines), committed together.</summary>
public interface IBatchPlanSession : IDisposable
{
    /// <summary>The id the next chunk of this session should take (1 for a new job).</summary>
    long NextChunkId { get; }

    /// <summary>Moves a failed line into a chunk of the new round (state pending, one more attempt).</summary>
    void MoveLine(in BatchLinePlacement line);

    /// <summary>Records a chunk.</summary>
    void AddChunk(BatchChunk chunk);

    /// <summary>Makes everything recorded durable at once. Disposing without committing discards it.</summary>
    void Commit(decimal estimatedCostUsd, long lines);
}

/// <summary>Recording of one chunk's results.</summary>
public interface IBatchCollectSession : IDisposable
{
    /// <summary>Records a line's outcome, if the line is in this chunk. Returns false for a custom_id not in the chunk.</summary>
    bool Record(string customId, BatchFailureClass? failure, ReadOnlySpan<byte> json, decimal actualCostUsd);

    /// <summary>Fails every line of the chunk that got no outcome. Returns how many.</summary>
    int FailMissing(BatchFailureClass failure, string message);

    /// <summary>Applies the outcomes and marks the chunk collected, atomically.</summary>
    void Commit();
}
