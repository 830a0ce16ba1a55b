namespace Switchyard.Batching;

/// <summary>What <c>batch collect</c> wrote.</summary>
/// <param name="Finished">False when some chunk is still running (nothing was written).</param>
/// <param name="ResultsPath">The results file: one line per succeeded input line, in input order.</param>
/// <param name="FailuresPath">The failures file: one line per failed input line with its class, in input order.</param>
/// <param name="Succeeded">Lines in the results file.</param>
/// <param name="Failed">Lines in the failures file.</param>
/// <param name="RetryableFailed">Failed lines whose class is retryable.</param>
/// <param name="ActualCostUsd">Spend of the job so far from the providers' usage, at batch prices.</param>
public sealed record BatchCollectResult(
    bool Finished, string ResultsPath, string FailuresPath, long Succeeded, long Failed, long RetryableFailed, decimal ActualCostUsd);
