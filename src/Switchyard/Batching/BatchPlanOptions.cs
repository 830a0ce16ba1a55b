namespace Switchyard.Batching;

/// <summary>How <see cref="BatchPlanner"/> reads and bounds a job's input.</summary>
public sealed record BatchPlanOptions
{
    /// <summary>A model that replaces every line's model; null keeps each line's own.</summary>
    public string? Model { get; init; }

    /// <summary>Whether to submit the valid lines when some are invalid. The default is false: nothing is submitted.</summary>
    public bool SkipInvalid { get; init; }

    /// <summary>Refuse the job when its worst-case cost at batch prices is above this (USD); null for no bound.</summary>
    public decimal? MaxCostUsd { get; init; }

    /// <summary>
    /// Output limit written into requests that have none, so that every request's cost has a bound. The default is 4096.
    /// </summary>
    public int DefaultMaxOutputTokens { get; init; } = 4096;

    /// <summary>How many invalid lines are kept with their message (all are counted). The default is 1000.</summary>
    public int MaxReportedIssues { get; init; } = 1000;
}
