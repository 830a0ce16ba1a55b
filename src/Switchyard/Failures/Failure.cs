namespace Switchyard.Failures;

/// <summary>
/// A classified failure: the value carried from a failed attempt to the caller (hot paths return these, never throw).
/// </summary>
/// <param name="Kind">The classification.</param>
/// <param name="Message">A human-readable message safe to show the caller (never contains secrets).</param>
public sealed record Failure(FailureKind Kind, string Message)
{
    /// <summary>HTTP status the provider answered with, if any.</summary>
    public int? ProviderStatus { get; init; }

    /// <summary>The provider's own error type (<c>rate_limit_error</c>, <c>insufficient_quota</c>, …).</summary>
    public string? ProviderErrorType { get; init; }

    /// <summary>The provider's error code, if any (OpenAI <c>code</c>).</summary>
    public string? ProviderErrorCode { get; init; }

    /// <summary>The offending parameter, if known (OpenAI <c>param</c>).</summary>
    public string? Param { get; init; }

    /// <summary>How long the provider asked us to wait (<c>retry-after-ms</c> / <c>retry-after</c>).</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The provider's request id, for support tickets.</summary>
    public string? ProviderRequestId { get; init; }

    /// <summary>The provider that failed (<c>openai</c>, <c>anthropic</c>), or null for gateway-side failures.</summary>
    public string? Provider { get; init; }

    /// <summary>Every upstream attempt of the request, when the gateway tried more than one target or retried.</summary>
    public IReadOnlyList<AttemptRecord>? Attempts { get; init; }

    /// <summary>The caller-facing traits of <see cref="Kind"/>.</summary>
    public FailureTraits Traits => FailureTraits.Of(Kind);
}
