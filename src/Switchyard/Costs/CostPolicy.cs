namespace Switchyard.Costs;

/// <summary>What the per-request cost cap does when a request's worst case exceeds it.</summary>
public enum RequestCapAction
{
    /// <summary>Refuse the request (429 <c>budget_exceeded</c>, not retryable).</summary>
    Reject,

    /// <summary>Lower the request's output-token limit until the worst case fits; refuse if even the prompt does not fit.</summary>
    ClampOutput,
}

/// <summary>Cost controls that apply to every request.</summary>
public sealed record CostPolicy
{
    /// <summary>Largest worst-case cost (USD) one request may have; null disables the cap. The default is null.</summary>
    public decimal? MaxRequestUsd { get; init; }

    /// <summary>What happens above <see cref="MaxRequestUsd"/>. The default is <see cref="RequestCapAction.Reject"/>.</summary>
    public RequestCapAction RequestCapAction { get; init; } = RequestCapAction.Reject;

    /// <summary>How long a reservation holds budget before it expires on its own (a dead gateway leaks none). The default is 10 minutes.</summary>
    public TimeSpan ReservationTtl { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Output tokens assumed for the worst case when the request sets no limit. The default is 4096.</summary>
    public int DefaultMaxOutputTokens { get; init; } = 4096;

    /// <summary>
    /// Whether to refuse a request whose route has a target without a price: its spend would count as nothing and no
    /// budget would see it (a model newer than the price book, a typo'd override). The default is false: such a target
    /// counts as free, which keeps serving.
    /// </summary>
    public bool RejectUnpricedModels { get; init; }
}
