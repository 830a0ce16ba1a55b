using System.Text.Json;
using Microsoft.Extensions.Logging;
using Switchyard.Storage;

namespace Switchyard.AspNetCore.FrontDoors.Batches;

/// <summary>
/// Bills batches nobody asks about: every interval it looks up (at most <see cref="PerSweep"/> of) the forwarded batches
/// not billed yet and bills the ended ones through the doors' usual observation, which claims billing once. Without it a
/// batch is billed only when a client sees it ended, and a client that never looks again would leave its spend out of the
/// ledger. A sweep continues where the last one stopped, so a gateway with many open batches still reaches them all.
/// </summary>
internal sealed partial class BatchBillingSweeper(
    IBatchOwnership ownership, OpenAIBatchDoor openAI, AnthropicBatchDoor anthropic, TimeSpan interval, ILogger logger)
{
    /// <summary>Batches looked up per sweep (one provider GET each).</summary>
    public const int PerSweep = 100;

    private long _after;

    /// <summary>Sweeps every interval until <paramref name="stopping"/>.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                await SweepOnceAsync(stopping);
            }
        }
        catch (Exception e) when (stopping.IsCancellationRequested && e is OperationCanceledException or ObjectDisposedException)
        {
            // Shutting down.
        }
    }

    /// <summary>Looks up the next batches not billed yet; bills each that has ended.</summary>
    public async Task SweepOnceAsync(CancellationToken cancellationToken)
    {
        var batches = await ownership.ListUnbilledAsync(_after, PerSweep, cancellationToken);
        _after = batches.Count == PerSweep ? batches[^1].Seq : 0;
        foreach (var batch in batches)
        {
            try
            {
                await (batch.Kind == BatchObjectKind.OpenAIBatch
                    ? openAI.SweepAsync(batch, cancellationToken)
                    : anthropic.SweepAsync(batch, cancellationToken));
            }
            catch (Exception e) when (e is BatchUpstreamException or HttpRequestException or JsonException or IOException)
            {
                // The next sweep tries again; the batch stays unbilled until it is seen ended.
                LogSweepFailed(logger, batch.Id, e.GetType().Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Billing sweep could not look up batch {BatchId} ({Error}); it is tried again next sweep.")]
    private static partial void LogSweepFailed(ILogger logger, string batchId, string error);
}
