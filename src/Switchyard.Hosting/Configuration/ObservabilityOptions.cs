namespace Switchyard.Hosting.Configuration;

/// <summary>Metrics and traces (<c>Switchyard:Observability</c>); read once at start.</summary>
public sealed class ObservabilityOptions
{
    /// <summary>
    /// Whether <c>GET /metrics</c> needs a key. Its series carry every tenant's name and spend, so once the keys belong to
    /// more than one tenant the key must be an admin key. Unset (the default): open while the keys belong to one tenant
    /// (a Prometheus scrape needs no credentials), an admin key otherwise. <c>true</c>: always a key. <c>false</c>: always
    /// open, for a scrape port that tenants cannot reach.
    /// </summary>
    public bool? MetricsRequireKey { get; set; }

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
