using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Microsoft.AspNetCore.Routing;
using Switchyard.Gateway;
using Switchyard.Hosting;
using Switchyard.Hosting.Configuration;
using Switchyard.Resilience;

namespace Switchyard.AspNetCore.Observability;

/// <summary>
/// OpenTelemetry for the gateway host: the Switchyard and runtime meters (plus, when asked, ASP.NET Core, HttpClient and Kestrel metrics) on a
/// Prometheus scrape endpoint, and OTLP export of metrics and traces when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
/// Without OTLP no tracer provider is built, so nothing listens to the gateway's activity source and spans cost nothing.
/// </summary>
internal static class GatewayObservability
{
    /// <summary>The scrape path.</summary>
    public const string MetricsPath = "/metrics";

    private static readonly string[] ScrapeMethods = [HttpMethods.Get, HttpMethods.Head];

    private static readonly HashSet<string> Unsampled = [MetricsPath, "/healthz", "/readyz"];

    /// <summary>Registers the meter provider (and, with an OTLP endpoint, the tracer provider).</summary>
    /// <param name="services">The host's services.</param>
    /// <param name="environment">The process environment (for <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>).</param>
    /// <param name="httpMetrics">Whether to collect the generic ASP.NET Core and HttpClient metrics (<see cref="ObservabilityOptions.HttpMetrics"/>).</param>
    public static void AddGatewayObservability(this IServiceCollection services, IReadOnlyDictionary<string, string?> environment, bool httpMetrics)
    {
        var otlp = !string.IsNullOrWhiteSpace(environment.GetValueOrDefault("OTEL_EXPORTER_OTLP_ENDPOINT"))
            || !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT"));
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("switchyard", serviceVersion: typeof(GatewayMetrics).Assembly.GetName().Version?.ToString()))
            .WithMetrics(metrics =>
            {
                metrics
                    .AddMeter(GatewayMetrics.MeterName, ResilienceMetrics.MeterName)
                    // The runtime's own observable instruments (GC, allocation, thread pool, CPU): read only when scraped.
                    .AddMeter("System.Runtime")
                    .AddPrometheusExporter();
                if (httpMetrics)
                {
                    metrics.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation();
                }

                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
        if (otlp)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(GatewayTelemetry.ActivitySourceName)
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !Unsampled.Contains(context.Request.Path.Value ?? ""))
                .AddHttpClientInstrumentation()
                .AddOtlpExporter());
        }
    }

    /// <summary>Maps <c>GET /metrics</c> (guarded as <see cref="MetricsAccess"/> says) and <c>GET /readyz</c>.</summary>
    public static void MapGatewayObservability(this WebApplication app, GatewayRuntime runtime, ObservabilityOptions options)
    {
        if (options.Prometheus)
        {
            // The guard runs in the scrape's own branch, so no other request pays for it. The exporter's endpoint answers
            // every method; a scrape is a GET (HEAD comes with it). Any other method falls through to the fallback, which
            // answers a 405 with Allow (ServedPaths), rather than a scrape.
            var access = new MetricsAccess(runtime, options);
            app.MapPrometheusScrapingEndpoint(MetricsPath, meterProvider: null, branch => branch.Use(access.GuardAsync), optionsName: null)
                .WithMetadata(new HttpMethodMetadata(ScrapeMethods));
        }

        var readiness = new ReadinessEndpoint(runtime);
        app.MapGet("/readyz", readiness.HandleAsync);
    }
}
