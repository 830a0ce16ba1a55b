using Switchyard.Costs;
using Switchyard.Providers;

namespace Switchyard.Batching;

/// <summary>
/// Runs recorded jobs against one provider: submit, poll, collect, replay, cancel. Every provider call is preceded by
/// an intent and followed by its outcome in the <see cref="IBatchJobStore"/>, so running any verb again after a crash
/// continues where the job stands: nothing is created twice, no line is lost. Not thread-safe.
/// </summary>
public sealed partial class BatchJobRunner
{
    private readonly IBatchJobStore _store;
    private readonly IBatchProvider _provider;
    private readonly PriceBook _prices;
    private readonly BatchRunnerOptions _options;

    /// <summary>Creates a runner.</summary>
    public BatchJobRunner(IBatchJobStore store, IBatchProvider provider, PriceBook prices, BatchRunnerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(prices);
        _store = store;
        _provider = provider;
        _prices = prices;
        _options = options ?? new BatchRunnerOptions();
    }

    /// <summary>The job's status from the store, without asking the provider.</summary>
    /// <exception cref="KeyNotFoundException">No such job.</exception>
    public BatchJobStatus Status(string jobId)
    {
        var job = _store.FindJob(jobId) ?? throw new KeyNotFoundException($"No batch job '{jobId}' in this job store.");
        return new BatchJobStatus(job, _store.GetChunks(jobId), _store.GetTotals(jobId));
    }

    /// <summary>Asks the provider for every running chunk's status and records it.</summary>
    public async Task<BatchJobStatus> RefreshAsync(string jobId, CancellationToken cancellationToken)
    {
        foreach (var chunk in Status(jobId).Chunks.Where(c => c.State == BatchChunkState.Created))
        {
            var remote = await _provider.GetAsync(chunk.BatchId!, cancellationToken).ConfigureAwait(false);
            _store.UpdateChunk(WithRemote(chunk, remote));
        }

        return Status(jobId);
    }

    /// <summary>Polls until every chunk has ended, reporting each poll.</summary>
    public async Task<BatchJobStatus> WaitAsync(string jobId, IProgress<BatchJobStatus>? progress, CancellationToken cancellationToken)
    {
        while (true)
        {
            var status = await RefreshAsync(jobId, cancellationToken).ConfigureAwait(false);
            progress?.Report(status);
            if (status.Ended || status.HasUnsubmitted)
            {
                return status;
            }

            await Task.Delay(_options.PollInterval, _options.Time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stops the job: no further chunk is submitted, and running provider batches are cancelled.</summary>
    public async Task<BatchJobStatus> CancelAsync(string jobId, CancellationToken cancellationToken)
    {
        _ = Status(jobId);
        _store.RequestCancel(jobId);
        foreach (var chunk in _store.GetChunks(jobId).Where(c => c.State == BatchChunkState.Created))
        {
            var remote = await _provider.CancelAsync(chunk.BatchId!, cancellationToken).ConfigureAwait(false);
            _store.UpdateChunk(WithRemote(chunk, remote));
        }

        return Status(jobId);
    }

    private static BatchChunk WithRemote(BatchChunk chunk, RemoteBatch remote) => chunk with
    {
        BatchId = remote.Id,
        State = remote.Ended ? BatchChunkState.Ended : BatchChunkState.Created,
        RemoteStatus = remote.Status,
        RemoteDone = remote.Done,
        RemoteFailed = remote.Failed,
        Error = remote.Error,
    };

    private void Checkpoint(string name) => _options.Checkpoint?.Invoke(name);
}
