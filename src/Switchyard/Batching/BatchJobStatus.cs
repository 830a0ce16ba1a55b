namespace Switchyard.Batching;

/// <summary>A job with its chunks and line counts, as <c>batch status</c> shows it.</summary>
/// <param name="Job">The job.</param>
/// <param name="Chunks">Its chunks (provider batches), all rounds.</param>
/// <param name="Totals">Line counts and money.</param>
public sealed record BatchJobStatus(BatchJob Job, IReadOnlyList<BatchChunk> Chunks, BatchJobTotals Totals)
{
    /// <summary>Requests of the chunks submitted so far, all rounds.</summary>
    public long Requests => Chunks.Sum(c => (long)c.Requests);

    /// <summary>Requests the provider reports finished, all rounds.</summary>
    public long Done => Chunks.Sum(c => c.State >= BatchChunkState.Ended ? c.Requests : (long)c.RemoteDone);

    /// <summary>Whether no chunk is waiting for submission or for the provider.</summary>
    public bool Ended => Chunks.All(c => c.State >= BatchChunkState.Ended || (Job.CancelRequested && c.State < BatchChunkState.Created));

    /// <summary>Whether every chunk's results are in the store.</summary>
    public bool Collected => Chunks.All(c => c.State == BatchChunkState.Collected);

    /// <summary>Whether some chunk is not yet created at the provider (an interrupted submit or replay).</summary>
    public bool HasUnsubmitted => !Job.CancelRequested && Chunks.Any(c => c.State < BatchChunkState.Created);
}
