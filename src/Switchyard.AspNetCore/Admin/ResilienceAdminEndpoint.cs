using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Switchyard.AspNetCore.Hosting;
using Switchyard.Hosting;

namespace Switchyard.AspNetCore.Admin;

/// <summary>
/// <c>GET /admin/breakers</c>: storm-control state — every circuit breaker (state, open-until, counts), every client-side
/// rate limiter (limits learned and configured, what is available) and every retry budget. Any virtual key may read it:
/// it holds provider health, not tenant data.
/// </summary>
internal static class ResilienceAdminEndpoint
{
    public static async Task HandleAsync(HttpContext context, GatewayRuntime runtime)
    {
        if (await AdminEndpoints.AuthenticateAsync(context, runtime) is null)
        {
            return;
        }

        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        writer.WriteStartObject();
        var registry = runtime.Resilience;
        writer.WriteBoolean("enabled", registry is not null);
        writer.WriteStartArray("breakers");
        foreach (var b in registry?.BreakerSnapshots() ?? [])
        {
            writer.WriteStartObject();
            writer.WriteString("name", b.Name);
            writer.WriteString("state", b.State.ToString().ToLowerInvariant());
            writer.WriteString("open_until", b.OpenUntil?.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteNumber("calls", b.Calls);
            writer.WriteNumber("failures", b.Failures);
            writer.WriteNumber("consecutive_connect_failures", b.ConsecutiveConnectFailures);
            writer.WriteNumber("probes_in_flight", b.ProbesInFlight);
            writer.WriteNumber("times_opened", b.TimesOpened);
            writer.WriteString("last_reason", b.LastReason);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("rate_limiters");
        foreach (var r in registry?.RateLimiterSnapshots() ?? [])
        {
            writer.WriteStartObject();
            writer.WriteString("name", r.Name);
            WriteNumberOrNull(writer, "requests_per_minute", r.RequestsPerMinute);
            WriteNumberOrNull(writer, "requests_available", r.RequestsAvailable);
            WriteNumberOrNull(writer, "tokens_per_minute", r.TokensPerMinute);
            WriteNumberOrNull(writer, "tokens_available", r.TokensAvailable);
            writer.WriteString("blocked_until", r.BlockedUntil?.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartObject("retry_budgets");
        foreach (var (name, budget) in registry?.RetryBudgetSnapshots() ?? new Dictionary<string, Resilience.RetryBudgetSnapshot>())
        {
            writer.WriteStartObject(name);
            writer.WriteNumber("requests", budget.Requests);
            writer.WriteNumber("retries", budget.Retries);
            writer.WriteNumber("available", budget.Available);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted);
    }

    private static void WriteNumberOrNull(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, Math.Round(v, 3));
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
