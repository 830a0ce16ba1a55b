using System.Globalization;

namespace Switchyard.Batching;

public sealed partial class BatchJobRunner
{
    /// <summary>
    /// Resubmits the lines that failed with a retryable class and were submitted fewer than
    /// <paramref name="maxAttempts"/> times, as a new round of chunks — never a line that succeeded — provided the job's
    /// actual spend, the pending estimate and the replay's estimate fit under its cost bound. A round that a stopped
    /// run left unsubmitted is submitted instead of planning another.
    /// </summary>
    public async Task<BatchReplayResult> ReplayAsync(string jobId, int maxAttempts, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        var status = Status(jobId);
        if (status.HasUnsubmitted)
        {
            var interrupted = status.Chunks.Where(c => c.State < BatchChunkState.Created).ToList();
            await SubmitAsync(jobId, cancellationToken).ConfigureAwait(false);
            return new BatchReplayResult(interrupted.Sum(c => (long)c.Requests), interrupted.Count, interrupted.Sum(c => c.EstimatedCostUsd));
        }

        if (status.Job.CancelRequested)
        {
            return new BatchReplayResult(0, 0, 0m, "the job was cancelled", BatchReplayRefusal.Cancelled);
        }

        if (!status.Collected)
        {
            // A state of the job, not a failed call: the caller says so with its own exit code.
            return new BatchReplayResult(0, 0, 0m, "some results are not collected yet: run 'batch wait' and 'batch collect' before 'batch replay'", BatchReplayRefusal.NotCollected);
        }

        var lines = _store.ReadReplayable(jobId, maxAttempts).ToList();
        if (lines.Count == 0)
        {
            return new BatchReplayResult(0, 0, 0m);
        }

        var estimate = lines.Sum(l => l.EstimatedCostUsd);
        var committed = status.Totals.ActualCostUsd + status.Totals.PendingEstimateUsd;
        if (status.Job.MaxCostUsd is { } max && committed + estimate > max)
        {
            return new BatchReplayResult(0, 0, estimate, string.Create(CultureInfo.InvariantCulture,
                $"replaying {lines.Count} lines could cost up to ${estimate:0.######}, and the job has ${committed:0.######} of its ${max:0.######} bound spent or committed"),
                BatchReplayRefusal.OverCostBound);
        }

        var chunks = PlanRound(status, lines);
        await SubmitAsync(jobId, cancellationToken).ConfigureAwait(false);
        return new BatchReplayResult(lines.Count, chunks, estimate);
    }

    // A replay round is split like the first: the job's --batch-size, within the provider's limits.
    private BatchLimits Limits(BatchJob job) => job.BatchSize is { } size
        ? _provider.Limits with { MaxRequests = Math.Min(size, _provider.Limits.MaxRequests) }
        : _provider.Limits;

    private int PlanRound(BatchJobStatus status, List<BatchLinePlacement> lines)
    {
        var sources = status.Chunks.ToDictionary(c => c.Id, c => c.Path);
        var round = status.Chunks.Max(c => c.Round) + 1;
        var readers = new Dictionary<long, FileStream>();
        using var session = _store.BeginReplay(status.Job.Id);
        using var writer = new BatchChunkWriter(status.Job.Directory, status.Job.Id, round, Limits(status.Job), session.NextChunkId);
        try
        {
            var buffer = new byte[64 * 1024];
            foreach (var line in lines)
            {
                if (!readers.TryGetValue(line.ChunkId, out var source))
                {
                    source = new FileStream(sources[line.ChunkId], FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
                    readers[line.ChunkId] = source;
                }

                if (buffer.Length < line.Length)
                {
                    buffer = new byte[line.Length];
                }

                source.Position = line.Offset;
                source.ReadExactly(buffer, 0, line.Length);
                var (chunkId, offset) = writer.Append(line.Model, buffer.AsSpan(0, line.Length), line.EstimatedCostUsd);
                session.MoveLine(line with { ChunkId = chunkId, Offset = offset });
            }

            var chunks = writer.Finish();
            foreach (var chunk in chunks)
            {
                session.AddChunk(chunk);
            }

            session.Commit(chunks.Sum(c => c.EstimatedCostUsd), lines.Count);
            return chunks.Count;
        }
        finally
        {
            foreach (var reader in readers.Values)
            {
                reader.Dispose();
            }
        }
    }
}
