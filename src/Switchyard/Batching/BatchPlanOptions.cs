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

    /// <summary>
    /// Model name → provider (<c>openai</c>, <c>anthropic</c>) for names the conventions do not cover, as the gateway's
    /// <c>Switchyard:Models</c>. A line whose model belongs to another provider than the job's is invalid. Empty by default.
    /// </summary>
    public IReadOnlyDictionary<string, string> ModelProviders { get; init; } = new Dictionary<string, string>();

    /// <summary>How many invalid lines are kept with their message (all are counted). The default is 1000.</summary>
    public int MaxReportedIssues { get; init; } = 1000;
}
