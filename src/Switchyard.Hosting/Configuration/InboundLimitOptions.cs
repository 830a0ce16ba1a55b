namespace Switchyard.Hosting.Configuration;

/// <summary>
/// Limits on what callers may send, under <c>Switchyard:InboundLimits</c>: per tenant and per key, requests and tokens
/// per minute (tokens = prompt estimate + the request's output limit, as OpenAI counts them). Unset means unlimited.
/// </summary>
public sealed class InboundLimitOptions
{
    /// <summary>Limits every tenant gets.</summary>
    public RateLimitPair Tenant { get; set; } = new();

    /// <summary>Limits every key gets.</summary>
    public RateLimitPair Key { get; set; } = new();

    /// <summary>Per-tenant overrides of <see cref="Tenant"/>, by tenant id.</summary>
    public Dictionary<string, RateLimitPair> Tenants { get; set; } = [];
}

/// <summary>Requests and tokens per minute; unset values are unlimited.</summary>
public sealed class RateLimitPair
{
    /// <summary>Requests per minute.</summary>
    public int? RequestsPerMinute { get; set; }

    /// <summary>Tokens per minute.</summary>
    public int? TokensPerMinute { get; set; }
}
