namespace Switchyard.Resilience;

/// <summary>A deployment's rate limiter at one moment, for metrics and the admin API. Null means no limit is known.</summary>
/// <param name="Name">The deployment key.</param>
/// <param name="RequestsPerMinute">The request bucket's capacity in effect.</param>
/// <param name="RequestsAvailable">Requests that can go out now (negative while reservations are queued).</param>
/// <param name="TokensPerMinute">The token bucket's capacity in effect.</param>
/// <param name="TokensAvailable">Tokens available now (negative while reservations or under-estimates are being repaid).</param>
/// <param name="BlockedUntil">Until when the provider's <c>retry-after</c> holds every call back, if it does now.</param>
public sealed record RateLimiterSnapshot(
    string Name,
    double? RequestsPerMinute,
    double? RequestsAvailable,
    double? TokensPerMinute,
    double? TokensAvailable,
    DateTimeOffset? BlockedUntil);
