namespace Switchyard.Batching;

/// <summary>One batch job as recorded in the job store. Immutable; the store returns a fresh copy per read.</summary>
public sealed record BatchJob
{
    /// <summary>The job id (<c>bj_…</c>), printed by <c>batch submit</c> and taken by every other verb.</summary>
    public required string Id { get; init; }

    /// <summary>The provider the job runs on: <c>openai</c> or <c>anthropic</c>.</summary>
    public required string Provider { get; init; }

    /// <summary>
    /// What identifies "the same submission" (input path, size and time, provider, model): running <c>submit</c> again
    /// with the same fingerprint continues this job instead of starting another.
    /// </summary>
    public required string Fingerprint { get; init; }

    /// <summary>The directory holding the job's chunk files.</summary>
    public required string Directory { get; init; }

    /// <summary>When the job was planned.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The cost bound in USD covering every round (replays included); null when unbounded.</summary>
    public decimal? MaxCostUsd { get; init; }

    /// <summary>Worst-case cost of the first round at batch prices.</summary>
    public decimal EstimatedCostUsd { get; init; }

    /// <summary>Requests in the job (valid input lines).</summary>
    public long Lines { get; init; }

    /// <summary>
    /// The job's <c>--batch-size</c>: most requests per provider batch, for its first round and every replay (below the
    /// provider's own limit either way); null for the provider's limit.
    /// </summary>
    public int? BatchSize { get; init; }

    /// <summary>Whether <c>batch cancel</c> was asked for; no chunk is submitted after it.</summary>
    public bool CancelRequested { get; init; }

    /// <summary>
    /// Whether the store has built the job's per-line record from its placement log (it does so when the lines are first
    /// read or collected; until then every line is pending).
    /// </summary>
    public bool LinesLoaded { get; init; } = true;
}
