namespace Switchyard.Batching;

/// <summary>What planning a job produced.</summary>
public sealed record BatchPlanResult
{
    /// <summary>Whether the job was recorded (false: invalid lines without skipping, or over the cost bound).</summary>
    public required bool Accepted { get; init; }

    /// <summary>The job, when accepted.</summary>
    public BatchJob? Job { get; init; }

    /// <summary>Requests (non-blank lines) read.</summary>
    public required long Lines { get; init; }

    /// <summary>Bytes read.</summary>
    public required long Bytes { get; init; }

    /// <summary>Invalid lines, the first <see cref="BatchPlanOptions.MaxReportedIssues"/> of them.</summary>
    public required IReadOnlyList<BatchLineIssue> Issues { get; init; }

    /// <summary>All invalid lines.</summary>
    public required long InvalidLines { get; init; }

    /// <summary>Worst-case cost at batch prices of the valid lines.</summary>
    public required decimal EstimatedCostUsd { get; init; }

    /// <summary>Whether the estimate is above the cost bound (nothing was recorded).</summary>
    public bool OverCostBound { get; init; }

    /// <summary>The chunks written, when accepted.</summary>
    public IReadOnlyList<BatchChunk> Chunks { get; init; } = [];
}
