namespace Switchyard.Hosting.Configuration;

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

    /// <summary>
    /// Whether the generic ASP.NET Core and <c>HttpClient</c> metrics (<c>http.server.request.duration</c>,
    /// <c>http.client.request.duration</c>, Kestrel and connection series) are collected too. The default is false:
    /// they cost about 14 % of the gateway's CPU per request at full load (docs/benchmarks.md), and
    /// <c>gen_ai.client.operation.duration</c> already times every request by route, provider, model and outcome.
    /// </summary>
    public bool HttpMetrics { get; set; }
}
