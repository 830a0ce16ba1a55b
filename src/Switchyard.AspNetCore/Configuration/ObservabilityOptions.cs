namespace Switchyard.AspNetCore.Configuration;

/// <summary>Metrics and traces (<c>Switchyard:Observability</c>); read once at start.</summary>
public sealed class ObservabilityOptions
{
    /// <summary>
    /// Whether <c>GET /metrics</c> needs a virtual key (as the admin API does). The default is false: Prometheus scrapes
    /// without credentials, and the series carry no secrets (tenant, route, provider and model names only).
    /// </summary>
    public bool MetricsRequireKey { get; set; }

    /// <summary>Whether <c>GET /metrics</c> is served at all. The default is true.</summary>
    public bool Prometheus { get; set; } = true;
}
