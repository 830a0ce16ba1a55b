namespace Switchyard.Costs;

/// <summary>One row of a spend report. Group keys are null when not grouped by them.</summary>
/// <param name="Tenant">Tenant, when grouped by tenant.</param>
/// <param name="KeyName">Key name, when grouped by key.</param>
/// <param name="Route">Route, when grouped by route.</param>
/// <param name="Provider">Provider, when grouped by provider.</param>
/// <param name="Model">Model, when grouped by model.</param>
/// <param name="Day">UTC day, when grouped by day.</param>
/// <param name="Requests">Settled requests.</param>
/// <param name="InputTokens">Input tokens (cached and cache-write included).</param>
/// <param name="OutputTokens">Output tokens.</param>
/// <param name="CostUsd">Total cost.</param>
public sealed record SpendRow(
    string? Tenant,
    string? KeyName,
    string? Route,
    string? Provider,
    string? Model,
    DateOnly? Day,
    int Requests,
    long InputTokens,
    long OutputTokens,
    decimal CostUsd)
{
    /// <summary>Cache-read input tokens (part of <see cref="InputTokens"/>).</summary>
    public long CachedInputTokens { get; init; }

    /// <summary>Cache-write input tokens (part of <see cref="InputTokens"/>).</summary>
    public long CacheWriteTokens { get; init; }
}
