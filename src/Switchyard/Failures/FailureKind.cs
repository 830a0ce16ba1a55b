namespace Switchyard.Failures;

/// <summary>
/// The closed vocabulary of ways a request can fail. Every provider error, transport error, timeout and
/// gateway refusal is classified into exactly one kind; <see cref="FailureTraits"/> says what each kind means.
/// </summary>
public enum FailureKind
{
    /// <summary>The request is malformed or violates the API's rules (400).</summary>
    InvalidRequest,

    /// <summary>Missing or wrong credentials (401).</summary>
    Unauthenticated,

    /// <summary>Credentials are valid but not allowed to do this (403).</summary>
    PermissionDenied,

    /// <summary>The model or resource does not exist (404).</summary>
    NotFound,

    /// <summary>The request body is over the size limit (413).</summary>
    PayloadTooLarge,

    /// <summary>The prompt does not fit the model's context window.</summary>
    ContextTooLong,

    /// <summary>The provider refused the input on policy grounds.</summary>
    ContentFiltered,

    /// <summary>A rate limit was hit; waiting helps (429).</summary>
    RateLimited,

    /// <summary>The account's quota or credit is exhausted; waiting does not help (429 <c>insufficient_quota</c>, 402).</summary>
    QuotaExhausted,

    /// <summary>The provider is overloaded (503, Anthropic 529).</summary>
    Overloaded,

    /// <summary>The provider failed internally (500, 502, 504).</summary>
    ServerError,

    /// <summary>No connection could be made, or it was reset before a response.</summary>
    ConnectFailed,

    /// <summary>No first token within the tier's time-to-first-token.</summary>
    FirstTokenTimeout,

    /// <summary>A stream went quiet for longer than the tier's idle limit.</summary>
    IdleTimeout,

    /// <summary>The request's total deadline passed.</summary>
    DeadlineExceeded,

    /// <summary>A hard budget would be exceeded.</summary>
    BudgetExceeded,

    /// <summary>The target's circuit breaker is open.</summary>
    CircuitOpen,

    /// <summary>A stream broke after it started: cut connection, error event, or no terminal event.</summary>
    StreamBroken,

    /// <summary>The caller went away.</summary>
    Cancelled,

    /// <summary>An <c>Idempotency-Key</c> was reused with a different request body (HTTP 422).</summary>
    IdempotencyMismatch,

    /// <summary>The request with this <c>Idempotency-Key</c> is still in progress and has nothing to replay yet (HTTP 409).</summary>
    Conflict,

    /// <summary>
    /// A provider refused the gateway's own access: it rejected the configured provider key (401) or does not let it do
    /// this (403). The gateway's configuration is at fault, not the caller's request, so another provider may serve it.
    /// </summary>
    ProviderAccessDenied,
}
