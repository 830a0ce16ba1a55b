using Switchyard.Failures;

namespace Switchyard.Resilience;

/// <summary>What an attempt's outcome says about the health of the provider×model it went to.</summary>
public enum HealthVerdict
{
    /// <summary>The provider answered as a healthy provider does (a success, or a refusal of the request itself).</summary>
    Healthy,

    /// <summary>The provider failed, timed out, pushed back or broke the stream.</summary>
    Unhealthy,

    /// <summary>The outcome says nothing about the provider (the gateway or the caller ended it); not counted.</summary>
    Neutral,
}

/// <summary>The exhaustive mapping from failure kinds to <see cref="HealthVerdict"/>.</summary>
public static class HealthVerdicts
{
    /// <summary>
    /// The verdict of an attempt's outcome; null (success) is healthy. <c>RateLimited</c> counts as unhealthy with or
    /// without <c>retry-after</c>: a storm of 429s means this target cannot serve now and traffic should fall back;
    /// a 429 that carries <c>retry-after</c> additionally holds the breaker open until then. Client errors
    /// (<c>InvalidRequest</c>, <c>ContentFiltered</c>, <c>ContextTooLong</c>, <c>Unauthenticated</c>, …) and
    /// <c>QuotaExhausted</c> are healthy: the provider answered correctly, and waiting would not change the answer.
    /// </summary>
    public static HealthVerdict Of(Failure? failure) => failure is null ? HealthVerdict.Healthy : Of(failure.Kind);

    /// <summary>The verdict of a failure kind. Exhaustive: a new kind does not compile until it is listed here.</summary>
    public static HealthVerdict Of(FailureKind kind) =>
#pragma warning disable CS8524 // The set is closed; missing named values still fail the build (CS8509).
        kind switch
        {
            FailureKind.InvalidRequest => HealthVerdict.Healthy,
            FailureKind.Unauthenticated => HealthVerdict.Healthy,
            FailureKind.PermissionDenied => HealthVerdict.Healthy,
            FailureKind.NotFound => HealthVerdict.Healthy,
            FailureKind.PayloadTooLarge => HealthVerdict.Healthy,
            FailureKind.ContextTooLong => HealthVerdict.Healthy,
            FailureKind.ContentFiltered => HealthVerdict.Healthy,
            FailureKind.QuotaExhausted => HealthVerdict.Healthy,
            FailureKind.RateLimited => HealthVerdict.Unhealthy,
            FailureKind.Overloaded => HealthVerdict.Unhealthy,
            FailureKind.ServerError => HealthVerdict.Unhealthy,
            FailureKind.ConnectFailed => HealthVerdict.Unhealthy,
            FailureKind.FirstTokenTimeout => HealthVerdict.Unhealthy,
            FailureKind.IdleTimeout => HealthVerdict.Unhealthy,
            FailureKind.StreamBroken => HealthVerdict.Unhealthy,
            // Every call fails the same way until someone fixes the key: open the breaker rather than ask each time.
            FailureKind.ProviderAccessDenied => HealthVerdict.Unhealthy,
            // The request's own deadline, budget or the caller ended it: nothing is known about the provider.
            FailureKind.DeadlineExceeded => HealthVerdict.Neutral,
            FailureKind.BudgetExceeded => HealthVerdict.Neutral,
            FailureKind.CircuitOpen => HealthVerdict.Neutral,
            FailureKind.Cancelled => HealthVerdict.Neutral,

            // Decided by the gateway before any provider call.
            FailureKind.IdempotencyMismatch => HealthVerdict.Neutral,
            FailureKind.Conflict => HealthVerdict.Neutral,
        };
#pragma warning restore CS8524
}
