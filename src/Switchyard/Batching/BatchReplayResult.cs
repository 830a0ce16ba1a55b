namespace Switchyard.Batching;

/// <summary>What <c>batch replay</c> did.</summary>
/// <param name="Lines">Lines resubmitted (0 when nothing was left to replay or the bound refused it).</param>
/// <param name="Chunks">Provider batches created for them.</param>
/// <param name="EstimatedCostUsd">Worst-case cost of the resubmitted lines.</param>
/// <param name="Refusal">Why nothing was resubmitted, when something could have been; null otherwise.</param>
/// <param name="Reason">Which kind of refusal <paramref name="Refusal"/> is.</param>
public sealed record BatchReplayResult(
    long Lines, int Chunks, decimal EstimatedCostUsd, string? Refusal = null, BatchReplayRefusal Reason = BatchReplayRefusal.None);
