namespace Switchyard.Failures;

/// <summary>What a failure kind means for routing and for the caller. One exhaustive table, <see cref="Of"/>.</summary>
/// <param name="RetrySameTarget">Whether retrying the same target can help (subject to budgets and backoff).</param>
/// <param name="FallBack">Whether another target may succeed where this one failed.</param>
/// <param name="CallerStatus">The HTTP status the caller receives when this is the final outcome.</param>
/// <param name="CallerShouldRetry">The <c>x-should-retry</c> header value: whether an SDK retry can help.</param>
public readonly record struct FailureTraits(bool RetrySameTarget, bool FallBack, int CallerStatus, bool CallerShouldRetry)
{
    /// <summary>The traits of a kind. Exhaustive by construction: a new kind does not compile until it is listed here.</summary>
    public static FailureTraits Of(FailureKind kind) =>
#pragma warning disable CS8524 // Unnamed enum values are not a concern: the set is closed; missing named values still fail the build (CS8509).
        kind switch
        {
            FailureKind.InvalidRequest => new(false, false, 400, false),
            FailureKind.Unauthenticated => new(false, false, 401, false),
            FailureKind.PermissionDenied => new(false, false, 403, false),
            FailureKind.NotFound => new(false, false, 404, false),
            FailureKind.PayloadTooLarge => new(false, false, 413, false),
            // Another target may have a larger window; the router decides (later issue).
            FailureKind.ContextTooLong => new(false, true, 400, false),
            FailureKind.ContentFiltered => new(false, false, 400, false),
            FailureKind.RateLimited => new(true, true, 429, true),
            FailureKind.QuotaExhausted => new(false, true, 429, false),
            FailureKind.Overloaded => new(true, true, 503, true),
            FailureKind.ServerError => new(true, true, 502, true),
            FailureKind.ConnectFailed => new(true, true, 502, true),
            FailureKind.FirstTokenTimeout => new(true, true, 504, true),
            FailureKind.IdleTimeout => new(true, true, 504, true),
            FailureKind.DeadlineExceeded => new(false, false, 504, true),
            FailureKind.BudgetExceeded => new(false, false, 429, false),
            FailureKind.CircuitOpen => new(false, true, 503, true),
            FailureKind.StreamBroken => new(true, true, 502, true),
            // 499 is nginx's "client closed request": nobody reads it, but logs and metrics do.
            FailureKind.Cancelled => new(false, false, 499, false),
            FailureKind.IdempotencyMismatch => new(false, false, 422, false),
            FailureKind.Conflict => new(false, false, 409, true),
            // The same key fails the same way, so no retry; the caller did nothing wrong, so a 502 rather than a 401.
            FailureKind.ProviderAccessDenied => new(false, true, 502, false),
        };
#pragma warning restore CS8524
}
