namespace Switchyard.Resilience;

/// <summary>Storm-control settings: one section per primitive, plus rate limits per deployment.</summary>
public sealed record ResilienceOptions
{
    /// <summary>Backoff between retries of the same target. The default is <see cref="BackoffOptions"/>' defaults.</summary>
    public BackoffOptions Backoff { get; init; } = new();

    /// <summary>The retry budget of each deployment. The default is <see cref="RetryBudgetOptions"/>' defaults.</summary>
    public RetryBudgetOptions RetryBudget { get; init; } = new();

    /// <summary>The breaker of each deployment × model. The default is <see cref="CircuitBreakerOptions"/>' defaults.</summary>
    public CircuitBreakerOptions CircuitBreaker { get; init; } = new();

    /// <summary>Rate limits of deployments not listed in <see cref="Deployments"/>. The default learns everything from headers.</summary>
    public ProviderRateLimitOptions RateLimits { get; init; } = new();

    /// <summary>Rate limits by deployment key (<c>provider/account/family</c>, see <see cref="DeploymentKey"/>). The default is none.</summary>
    public IReadOnlyDictionary<string, ProviderRateLimitOptions> Deployments { get; init; } = new Dictionary<string, ProviderRateLimitOptions>();

    /// <summary>Every problem with these options, all at once, each prefixed with its config path.</summary>
    public IReadOnlyList<string> Validate(string path = "Resilience")
    {
        var errors = new List<string>();
        errors.AddRange(Backoff?.Validate($"{path}:Backoff") ?? [$"{path}:Backoff: is required."]);
        errors.AddRange(RetryBudget?.Validate($"{path}:RetryBudget") ?? [$"{path}:RetryBudget: is required."]);
        errors.AddRange(CircuitBreaker?.Validate($"{path}:CircuitBreaker") ?? [$"{path}:CircuitBreaker: is required."]);
        errors.AddRange(RateLimits?.Validate($"{path}:RateLimits") ?? [$"{path}:RateLimits: is required."]);
        foreach (var (key, limits) in Deployments ?? new Dictionary<string, ProviderRateLimitOptions>())
        {
            if (key.Split('/') is not [{ Length: > 0 }, { Length: > 0 }, { Length: > 0 }])
            {
                errors.Add($"{path}:Deployments:{key}: the key must be provider/account/family.");
            }

            errors.AddRange(limits?.Validate($"{path}:Deployments:{key}") ?? [$"{path}:Deployments:{key}: is null."]);
        }

        return errors;
    }
}
