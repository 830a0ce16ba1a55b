using Switchyard.Failures;
using Switchyard.Model;
using Switchyard.Routing;

namespace Switchyard.Gateway;

/// <summary>What happened to one request, for logs, metrics and billing.</summary>
/// <param name="ServedBy">Who served it; null when no attempt succeeded.</param>
/// <param name="Failure">The final failure, or null on success.</param>
/// <param name="Usage">Token usage of the answer the caller received, when the provider reported it.</param>
public sealed record ForwardOutcome(ServedBy? ServedBy, Failure? Failure, TokenUsage? Usage)
{
    /// <summary>Every upstream attempt, in the order they finished (all of them may have cost money).</summary>
    public IReadOnlyList<AttemptSummary> Attempts { get; init; } = [];

    /// <summary>How many continuations repaired the stream after upstream breaks.</summary>
    public int Continuations { get; init; }

    /// <summary>What the request cost in USD, all attempts included (zero when no price is known).</summary>
    public decimal CostUsd { get; init; }
}

/// <summary>One finished upstream attempt.</summary>
/// <param name="Target">Where it went.</param>
/// <param name="Failure">How it failed; null for the winner and for hedges cancelled because another won.</param>
/// <param name="ReachedProvider">Whether the provider accepted it (and may bill for it).</param>
/// <param name="Usage">Usage the provider reported, if any.</param>
/// <param name="Elapsed">Its duration.</param>
public sealed record AttemptSummary(RouteTarget Target, Failure? Failure, bool ReachedProvider, TokenUsage? Usage, TimeSpan Elapsed)
{
    /// <summary>Whether it was started as a hedge.</summary>
    public bool Hedge { get; init; }

    /// <summary>Characters of text and tool arguments streamed (for estimating output when usage never arrived).</summary>
    public long StreamedCharacters { get; init; }

    /// <summary>The provider's request id, when it answered.</summary>
    public string? ProviderRequestId { get; init; }

    /// <summary>Whether it continued a stream that broke after reaching the caller.</summary>
    public bool Continuation { get; init; }

    /// <summary>Whether its answer went to the caller.</summary>
    public bool Won { get; init; }
}
