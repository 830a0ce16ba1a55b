namespace Switchyard.Batching;

/// <summary>Counts and money of one job.</summary>
/// <param name="Lines">Requests in the job.</param>
/// <param name="Pending">Lines submitted (or about to be) without an outcome.</param>
/// <param name="Succeeded">Lines with a result.</param>
/// <param name="Failed">Lines with a failure (any class).</param>
/// <param name="RetryableFailed">Failed lines whose class is retryable.</param>
/// <param name="ActualCostUsd">Spend reported by the provider's usage, at batch prices.</param>
/// <param name="PendingEstimateUsd">Worst-case cost of the pending lines.</param>
public sealed record BatchJobTotals(long Lines, long Pending, long Succeeded, long Failed, long RetryableFailed, decimal ActualCostUsd, decimal PendingEstimateUsd);
