namespace Switchyard.Gateway;

/// <summary>Which provider and model served a request; reported to the caller in response headers.</summary>
/// <param name="Provider">Provider name.</param>
/// <param name="Model">Provider model name.</param>
/// <param name="ProviderRequestId">The provider's request id, if it sent one.</param>
/// <param name="Attempts">Upstream attempts made for this request.</param>
public sealed record ServedBy(string Provider, string Model, string? ProviderRequestId, int Attempts)
{
    /// <summary>The route that served the request (the model name for a plain provider model).</summary>
    public string? Route { get; init; }

    /// <summary>What the request cost in USD, when known at the time headers are sent (non-streaming answers).</summary>
    public decimal? CostUsd { get; init; }

    /// <summary>The tightest applicable budget's remaining USD after this request (its worst case, for streams).</summary>
    public decimal? BudgetRemainingUsd { get; init; }

    /// <summary>The delta-log id of the streamed answer (resume with <c>Last-Event-ID</c>); null when not logged.</summary>
    public string? StreamId { get; init; }

    /// <summary>A soft budget this request exceeded (warn-only budgets, or the reason for a downgrade).</summary>
    public string? BudgetWarning { get; init; }
}
