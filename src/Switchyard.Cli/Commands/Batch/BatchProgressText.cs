using System.Globalization;
using Switchyard.Batching;

namespace Switchyard.Cli.Commands.Batch;

/// <summary>Plain-text renderings of a job's progress (for logs and redirected output).</summary>
internal static class BatchProgressText
{
    public static string Bar(long done, long total, int width = 30)
    {
        var fraction = total == 0 ? 1d : Math.Clamp(done / (double)total, 0, 1);
        var filled = (int)Math.Round(fraction * width);
        return string.Create(CultureInfo.InvariantCulture, $"[{new string('#', filled)}{new string('-', width - filled)}] {fraction:P0}");
    }

    public static string Summary(BatchJobStatus status)
    {
        var chunks = status.Chunks;
        var t = status.Totals;
        return I($"{status.Job.Id} ({status.Job.Provider}): {Bar(status.Done, status.Requests)} {status.Done}/{status.Requests} requests done; ")
            + I($"batches: {chunks.Count(c => c.State < BatchChunkState.Created)} unsubmitted, {chunks.Count(c => c.State == BatchChunkState.Created)} running, ")
            + I($"{chunks.Count(c => c.State >= BatchChunkState.Ended)} ended; lines: {t.Succeeded} succeeded, {t.Failed} failed ")
            + I($"({t.RetryableFailed} retryable), {t.Pending} pending")
            + (status.Job.CancelRequested ? "; cancelled" : string.Empty);
    }

    public static IEnumerable<string> Details(BatchJobStatus status)
    {
        var job = status.Job;
        var t = status.Totals;
        yield return I($"cost: estimate ${job.EstimatedCostUsd:0.######}, actual ${t.ActualCostUsd:0.######}, pending estimate ${t.PendingEstimateUsd:0.######}")
            + (job.MaxCostUsd is { } max ? I($", bound ${max:0.######}") : ", no bound");
        foreach (var chunk in status.Chunks)
        {
            yield return I($"  chunk {chunk.Id} round {chunk.Round}{(chunk.Model is null ? string.Empty : " " + chunk.Model)}: {chunk.Requests} requests, ")
                + I($"{chunk.State.ToString().ToLowerInvariant()}{(chunk.BatchId is null ? string.Empty : " " + chunk.BatchId)}")
                + I($"{(chunk.RemoteStatus is null ? string.Empty : " (" + chunk.RemoteStatus + ")")}{(chunk.Error is null ? string.Empty : ": " + chunk.Error)}");
        }
    }

    private static string I(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
