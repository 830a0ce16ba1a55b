namespace Switchyard.Resilience;

/// <summary>The answer of <see cref="ProviderRateLimiter.AcquireAsync"/>: admitted (after <see cref="Waited"/>) or refused.</summary>
public readonly record struct RateLease
{
    /// <summary>Whether the call may go out.</summary>
    public bool IsAcquired { get; init; }

    /// <summary>The tokens taken from the token bucket (the estimate); correct them after the call.</summary>
    public int Tokens { get; init; }

    /// <summary>How long the admitted call waited for the buckets.</summary>
    public TimeSpan Waited { get; init; }

    /// <summary>When refused: how long the wait would have been (beyond the allowed wait), for a retry-after or shedding.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>An admitted lease.</summary>
    public static RateLease Acquired(int tokens, TimeSpan waited) => new() { IsAcquired = true, Tokens = tokens, Waited = waited };

    /// <summary>A refused lease.</summary>
    public static RateLease Refused(TimeSpan retryAfter) => new() { RetryAfter = retryAfter };
}
