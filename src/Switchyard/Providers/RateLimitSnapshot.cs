namespace Switchyard.Providers;

/// <summary>One rate-limit window as a provider reported it.</summary>
/// <param name="Limit">The window's capacity, if reported.</param>
/// <param name="Remaining">What is left in the window, if reported.</param>
/// <param name="ResetsAt">When the window is fully refilled, as an absolute time (OpenAI's relative durations are converted).</param>
public readonly record struct RateLimitWindow(long? Limit, long? Remaining, DateTimeOffset? ResetsAt)
{
    /// <summary>Whether any field was present.</summary>
    public bool HasValue => Limit is not null || Remaining is not null || ResetsAt is not null;
}

/// <summary>
/// Both providers' rate-limit headers in one typed shape (OpenAI <c>x-ratelimit-*</c>, Anthropic
/// <c>anthropic-ratelimit-*</c>). Windows a provider does not report are null.
/// </summary>
public sealed record RateLimitSnapshot
{
    /// <summary>An empty snapshot (no headers).</summary>
    public static RateLimitSnapshot Empty { get; } = new();

    /// <summary>Requests per window.</summary>
    public RateLimitWindow? Requests { get; init; }

    /// <summary>Tokens per window (Anthropic: the most restrictive token limit in effect).</summary>
    public RateLimitWindow? Tokens { get; init; }

    /// <summary>Input tokens per window (Anthropic only).</summary>
    public RateLimitWindow? InputTokens { get; init; }

    /// <summary>Output tokens per window (Anthropic only).</summary>
    public RateLimitWindow? OutputTokens { get; init; }

    /// <summary>The provider's <c>retry-after-ms</c> / <c>retry-after</c>, if sent.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
