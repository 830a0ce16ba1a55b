namespace Switchyard.Batching;

/// <summary>Why <c>batch replay</c> resubmitted nothing although it was asked to; each has its own exit code.</summary>
public enum BatchReplayRefusal
{
    /// <summary>Nothing was refused.</summary>
    None,

    /// <summary>The replay's worst case does not fit under the job's cost bound.</summary>
    OverCostBound,

    /// <summary>The job was cancelled: it submits nothing more.</summary>
    Cancelled,

    /// <summary>Some results are not collected yet (run <c>wait</c> and <c>collect</c> first).</summary>
    NotCollected,
}
