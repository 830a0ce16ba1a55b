using Switchyard.Failures;

namespace Switchyard.Providers.Anthropic;

/// <summary>
/// Anthropic <c>error.type</c> ⇄ <see cref="FailureKind"/> (PROTOCOLS.md §4.5). The same classification serves HTTP
/// error bodies and <c>error</c> events inside a 200 stream.
/// </summary>
internal static class AnthropicErrorTypes
{
    /// <summary>
    /// The caller-facing error type of a kind. Quota exhaustion is <c>billing_error</c>: it is what Anthropic sends when
    /// credit runs out, and unlike <c>rate_limit_error</c> it does not suggest that waiting helps.
    /// </summary>
    public static string ToWire(FailureKind kind) =>
#pragma warning disable CS8524 // Closed enum: a new named value still fails the build (CS8509).
        kind switch
        {
            FailureKind.InvalidRequest or FailureKind.ContextTooLong or FailureKind.ContentFiltered or FailureKind.IdempotencyMismatch or FailureKind.Conflict => "invalid_request_error",
            FailureKind.Unauthenticated => "authentication_error",
            FailureKind.PermissionDenied => "permission_error",
            FailureKind.NotFound => "not_found_error",
            FailureKind.PayloadTooLarge => "request_too_large",
            FailureKind.RateLimited or FailureKind.BudgetExceeded => "rate_limit_error",
            FailureKind.QuotaExhausted => "billing_error",
            FailureKind.Overloaded or FailureKind.CircuitOpen => "overloaded_error",
            FailureKind.ServerError or FailureKind.StreamBroken or FailureKind.ConnectFailed or FailureKind.ProviderAccessDenied => "api_error",
            FailureKind.FirstTokenTimeout or FailureKind.IdleTimeout or FailureKind.DeadlineExceeded => "timeout_error",
            // The caller is gone and will not read it; api_error is the neutral choice for logs.
            FailureKind.Cancelled => "api_error",
        };
#pragma warning restore CS8524

    /// <summary>
    /// Classifies an error. The type decides when it is known; the message refines <c>invalid_request_error</c> (context
    /// length, content policy, exhausted credit); otherwise the HTTP status decides; with neither, <paramref name="fallback"/>.
    /// </summary>
    public static FailureKind Classify(string? type, string? message, int? status, FailureKind fallback)
    {
        switch (type)
        {
            case "invalid_request_error":
                return RefineInvalidRequest(message);
            case "authentication_error":
                return FailureKind.Unauthenticated;
            case "permission_error":
                return FailureKind.PermissionDenied;
            case "not_found_error":
                return FailureKind.NotFound;
            case "request_too_large":
                return FailureKind.PayloadTooLarge;
            case "rate_limit_error":
                return FailureKind.RateLimited;
            case "billing_error":
                return FailureKind.QuotaExhausted;
            case "overloaded_error":
                return FailureKind.Overloaded;
            // A provider-side timeout is the provider failing, not one of our timeout tiers firing.
            case "api_error" or "timeout_error":
                return FailureKind.ServerError;
        }

        return status switch
        {
            400 or 422 => RefineInvalidRequest(message),
            401 => FailureKind.Unauthenticated,
            402 => FailureKind.QuotaExhausted,
            403 => FailureKind.PermissionDenied,
            404 => FailureKind.NotFound,
            413 => FailureKind.PayloadTooLarge,
            429 => FailureKind.RateLimited,
            503 or 529 => FailureKind.Overloaded,
            // 408: the provider gave up waiting for us or itself; another try may succeed.
            408 or >= 500 => FailureKind.ServerError,
            >= 400 => FailureKind.InvalidRequest,
            _ => fallback,
        };
    }

    private static FailureKind RefineInvalidRequest(string? message)
    {
        if (message is null)
        {
            return FailureKind.InvalidRequest;
        }

        // Recorded wordings: "prompt is too long: 210266 tokens > 200000 maximum",
        // "input length and `max_tokens` exceed context limit: …".
        if (message.Contains("prompt is too long", StringComparison.OrdinalIgnoreCase)
            || message.Contains("exceed context limit", StringComparison.OrdinalIgnoreCase)
            || message.Contains("context window", StringComparison.OrdinalIgnoreCase))
        {
            return FailureKind.ContextTooLong;
        }

        // "Your credit balance is too low to access the Anthropic API…" arrives as a 400.
        if (message.Contains("credit balance", StringComparison.OrdinalIgnoreCase))
        {
            return FailureKind.QuotaExhausted;
        }

        if (message.Contains("content filtering", StringComparison.OrdinalIgnoreCase)
            || message.Contains("usage policy", StringComparison.OrdinalIgnoreCase))
        {
            return FailureKind.ContentFiltered;
        }

        return FailureKind.InvalidRequest;
    }
}
