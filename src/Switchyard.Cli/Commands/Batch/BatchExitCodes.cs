namespace Switchyard.Cli.Commands.Batch;

/// <summary>Exit codes of the <c>batch</c> verbs (documented in docs/batches.md).</summary>
internal static class BatchExitCodes
{
    /// <summary>Done.</summary>
    public const int Ok = 0;

    /// <summary>A provider call failed; running the same command again continues.</summary>
    public const int ProviderError = 1;

    /// <summary>Bad usage: unknown job, missing key, unreadable file, bad configuration, replaying a cancelled job.</summary>
    public const int Usage = 2;

    /// <summary>Invalid input lines; nothing was submitted.</summary>
    public const int InvalidInput = 3;

    /// <summary>The estimate is above <c>--max-cost</c>; nothing was submitted.</summary>
    public const int OverCostBound = 4;

    /// <summary>The job is still running (collect before it ended), or its results are not collected (replay before collect).</summary>
    public const int NotFinished = 5;
}
