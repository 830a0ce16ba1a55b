namespace Switchyard.Simulator;

/// <summary>How a scripted batch line fails. The first three kinds and <see cref="Expired"/> are transient; see <see cref="BatchLineFault.Times"/>.</summary>
public enum BatchFaultKind
{
    /// <summary>HTTP 429 <c>rate_limit_exceeded</c> / <c>rate_limit_error</c>; retryable.</summary>
    RateLimited,

    /// <summary>HTTP 500 <c>server_error</c> / <c>api_error</c>; retryable.</summary>
    ServerError,

    /// <summary>HTTP 400 <c>invalid_request_error</c>; fails on every execution.</summary>
    InvalidRequest,

    /// <summary>HTTP 400 content policy rejection; fails on every execution.</summary>
    ContentFiltered,

    /// <summary>The line is not run before the window ends (OpenAI <c>batch_expired</c>, Anthropic <c>expired</c>); retryable.</summary>
    Expired,
}
