using Switchyard.Costs;
using Switchyard.Providers;

namespace Switchyard.Batching;

public sealed partial class BatchJobRunner
{
    /// <summary>
    /// Reads the results of every ended chunk into the store (one transaction per chunk; a line without a result is
    /// failed by the batch's end: cancelled, expired, or server_error) and writes the results and failures files in
    /// input order. Does nothing while a chunk is still running.
    /// </summary>
    /// <param name="jobId">The job.</param>
    /// <param name="resultsPath">The results file; the failures file is written beside it (<c>*.failures.jsonl</c>).</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    public async Task<BatchCollectResult> CollectAsync(string jobId, string resultsPath, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(resultsPath);
        var failuresPath = BatchResultsWriter.FailuresPathFor(resultsPath);
        var status = await RefreshAsync(jobId, cancellationToken).ConfigureAwait(false);
        if (!status.Ended)
        {
            return new BatchCollectResult(false, resultsPath, failuresPath, 0, 0, 0, status.Totals.ActualCostUsd);
        }

        foreach (var chunk in status.Chunks.Where(c => c.State is not BatchChunkState.Collected))
        {
            await CollectChunkAsync(chunk, cancellationToken).ConfigureAwait(false);
            Checkpoint(BatchCheckpoints.AfterChunkCollected);
        }

        var (succeeded, failed) = BatchResultsWriter.Write(
            _store.ReadLines(jobId), BatchSkippedLog.Read(status.Job.Directory), resultsPath, failuresPath);
        var totals = _store.GetTotals(jobId);
        return new BatchCollectResult(true, resultsPath, failuresPath, succeeded, failed, totals.RetryableFailed, totals.ActualCostUsd);
    }

    private async Task CollectChunkAsync(BatchChunk chunk, CancellationToken cancellationToken)
    {
        using var session = _store.BeginCollect(chunk);
        if (chunk.State < BatchChunkState.Created)
        {
            // Never submitted: the job was cancelled first.
            session.FailMissing(BatchFailureClass.Cancelled, "The job was cancelled before this request was submitted.");
            session.Commit();
            return;
        }

        var remote = await _provider.GetAsync(chunk.BatchId!, cancellationToken).ConfigureAwait(false);
        if (remote.Rejected)
        {
            session.FailMissing(BatchFailureClass.InvalidRequest, $"The provider rejected the whole batch: {remote.Error ?? remote.Status}");
            session.Commit();
            return;
        }

        var read = 0;
        await foreach (var line in _provider.ReadResultsAsync(remote, cancellationToken).ConfigureAwait(false))
        {
            session.Record(line.CustomId, line.Failure, line.Json, ActualCost(line, chunk));
            if (++read == Math.Max(1, chunk.Requests / 2))
            {
                Checkpoint(BatchCheckpoints.MidCollect);
            }
        }

        var missing = remote.Cancelled ? BatchFailureClass.Cancelled
            : remote.Expired ? BatchFailureClass.Expired
            : BatchFailureClass.ServerError;
        session.FailMissing(missing, $"The provider returned no result for this request (batch {remote.Id} ended as {remote.Status}).");
        session.Commit();
    }

    private decimal ActualCost(BatchResultLine line, BatchChunk chunk)
    {
        if (line.Failure is not null || line.Usage is not { } usage)
        {
            return 0m;
        }

        var model = line.Model ?? chunk.Model;
        return model is not null && _prices.Find(model) is { } price ? PriceBook.Cost(price, usage, batch: true) : 0m;
    }
}
