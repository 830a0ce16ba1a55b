using Switchyard.Failures;

namespace Switchyard.Gateway;

/// <summary>What a token-count request came to: a count (from a provider, or the gateway's estimate) or a failure.</summary>
/// <param name="InputTokens">The count; null when <paramref name="Failure"/> is set.</param>
/// <param name="ServedBy">The provider that counted; null for the gateway's estimate (and for failures).</param>
/// <param name="Failure">Why there is no count: a request the gateway cannot route, or one a provider refused as invalid.</param>
public sealed record TokenCountOutcome(int? InputTokens, ServedBy? ServedBy, Failure? Failure)
{
    /// <summary>Every provider call made (or skipped for an open breaker), in order.</summary>
    public IReadOnlyList<AttemptSummary> Attempts { get; init; } = [];

    /// <summary>Whether the count is the gateway's own estimate because no provider answered.</summary>
    public bool Estimated => InputTokens is not null && ServedBy is null;
}
