using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Switchyard.AspNetCore.Hosting;
using Switchyard.Costs;
using Switchyard.Hosting;

namespace Switchyard.AspNetCore.Observability;

/// <summary>
/// <c>GET /readyz</c>: 200 when the configuration is loaded, the spend ledger and the delta log answer a trivial query,
/// and at least one provider is configured; otherwise 503. Either way the body names every check and its state, e.g.
/// <c>{"status":"not_ready","checks":{"configuration":"ok","ledger":"ok","delta_log":"off","providers":"none configured"}}</c>.
/// No key needed: the body names no tenant, key or secret. <c>GET /healthz</c> stays a pure liveness probe.
/// </summary>
internal sealed class ReadinessEndpoint(GatewayRuntime runtime)
{
    // A store that takes longer than this to answer a one-row query is not ready to serve traffic.
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(2);

    public async Task HandleAsync(HttpContext context)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        timeout.CancelAfter(CheckTimeout);
        var checks = new List<(string Name, string State, bool Ready)>
        {
            runtime.Current is { } current
                ? ("configuration", $"ok ({current.Forwarder.Routes.Routes.Count()} route(s))", true)
                : ("configuration", "not loaded", false),
            await CheckAsync("ledger", () => runtime.Ledger.QuerySpendAsync(new SpendQuery { Tenant = "_readyz" }, timeout.Token)),
            runtime.DeltaLog is { } log
                ? await CheckAsync("delta_log", () => log.GetStateAsync("_readyz", "_readyz", timeout.Token))
                : ("delta_log", "off", true),
            runtime.Providers.Count > 0
                ? ("providers", string.Join(", ", runtime.Providers.Select(p => p.Name)), true)
                : ("providers", "none configured", false),
        };

        var ready = checks.TrueForAll(c => c.Ready);
        context.Response.StatusCode = ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        writer.WriteStartObject();
        writer.WriteString("status", ready ? "ready" : "not_ready");
        writer.WriteStartObject("checks");
        foreach (var (name, state, _) in checks)
        {
            writer.WriteString(name, state);
        }

        writer.WriteEndObject();
        writer.WriteStartArray("not_ready");
        foreach (var (name, _, _) in checks.Where(c => !c.Ready))
        {
            writer.WriteStringValue(name);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted);
    }

    private static async Task<(string Name, string State, bool Ready)> CheckAsync<T>(string name, Func<Task<T>> probe)
    {
        try
        {
            await probe();
            return (name, "ok", true);
        }
        catch (OperationCanceledException)
        {
            return (name, $"no answer within {CheckTimeout.TotalSeconds:0} s", false);
        }
#pragma warning disable CA1031 // Any store failure means not ready; the probe must answer, not throw.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            // The exception type only: messages may name file paths, which a public probe need not show.
            return (name, "error: " + ex.GetType().Name, false);
        }
    }
}
