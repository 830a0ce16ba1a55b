using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Switchyard.AspNetCore.Auth;
using Switchyard.AspNetCore.FrontDoors;
using Switchyard.AspNetCore.Hosting;
using Switchyard.Costs;
using Switchyard.Failures;
using Switchyard.Hosting;
using Switchyard.Hosting.Auth;

namespace Switchyard.AspNetCore.Admin;

/// <summary>
/// The admin API. <c>GET /admin/spend</c> queries the spend ledger; <c>GET /admin/budgets</c> shows the budgets that apply
/// to the caller. Any virtual key may call them, but a tenant only ever sees its own spend: only keys marked
/// <c>Admin</c> may read other tenants', or the amounts of a global or route budget, which sum every tenant's.
/// </summary>
public static class AdminEndpoints
{
    /// <summary>Maps the admin endpoints.</summary>
    public static IEndpointRouteBuilder MapSwitchyardAdmin(this IEndpointRouteBuilder app, GatewayRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/admin/spend", context => SpendAsync(context, runtime));
        app.MapGet("/admin/budgets", context => BudgetsAsync(context, runtime));
        app.MapGet("/admin/breakers", context => ResilienceAdminEndpoint.HandleAsync(context, runtime));
        MemoryAdminEndpoints.Map(app, runtime);
        return app;
    }

    private static async Task SpendAsync(HttpContext context, GatewayRuntime runtime)
    {
        if (await AuthenticateAsync(context, runtime) is not { } caller)
        {
            return;
        }

        var q = context.Request.Query;
        if (!TryParseQuery(q, out var query, out var error))
        {
            await FailureResponder.WriteAsync(context, GatewayRuntime.OpenAICodec, new Failure(FailureKind.InvalidRequest, error), context.RequestAborted);
            return;
        }

        // Tenants never see each other's spend.
        query = caller.Admin ? query : query with { Tenant = caller.Tenant };
        var rows = await runtime.Ledger.QuerySpendAsync(query, context.RequestAborted);
        await WriteJsonAsync(context, writer =>
        {
            writer.WriteStartArray("rows");
            foreach (var row in rows)
            {
                writer.WriteStartObject();
                writer.WriteString("tenant", row.Tenant);
                writer.WriteString("key", row.KeyName);
                writer.WriteString("route", row.Route);
                writer.WriteString("provider", row.Provider);
                writer.WriteString("model", row.Model);
                writer.WriteString("day", row.Day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                writer.WriteNumber("requests", row.Requests);
                writer.WriteNumber("input_tokens", row.InputTokens);
                writer.WriteNumber("cached_input_tokens", row.CachedInputTokens);
                writer.WriteNumber("output_tokens", row.OutputTokens);
                writer.WriteNumber("cost_usd", row.CostUsd);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        });
    }

    private static async Task BudgetsAsync(HttpContext context, GatewayRuntime runtime)
    {
        if (await AuthenticateAsync(context, runtime) is not { } caller)
        {
            return;
        }

        var route = context.Request.Query["route"].ToString();
        var states = await runtime.Ledger.GetStatesAsync(caller.Tenant, caller.KeyName, route, context.RequestAborted);
        await WriteJsonAsync(context, writer =>
        {
            writer.WriteStartArray("budgets");
            foreach (var state in states)
            {
                writer.WriteStartObject();
                writer.WriteString("name", state.BudgetName);
                writer.WriteString("scope", state.Scope.ToString().ToLowerInvariant());
                writer.WriteString("subject", state.Subject);
                writer.WriteBoolean("hard", state.Hard);
                writer.WriteNumber("limit_usd", state.LimitUsd);
                if (state.SpansTenants && !caller.Admin)
                {
                    // A global or route budget sums every tenant's spend: its amounts would show a tenant what the
                    // others spend. Whether it still admits requests is all the caller needs, and its refusals say so anyway.
                    writer.WriteBoolean("exhausted", state.RemainingUsd <= 0);
                }
                else
                {
                    writer.WriteNumber("spent_usd", state.SpentUsd);
                    writer.WriteNumber("reserved_usd", state.ReservedUsd);
                    writer.WriteNumber("remaining_usd", state.RemainingUsd);
                    writer.WriteBoolean("exhausted", state.RemainingUsd <= 0);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        });
    }

    internal static async Task<Caller?> AuthenticateAsync(HttpContext context, GatewayRuntime runtime)
    {
        var key = ApiKeyReader.Read(context.Request);
        if (key is not null && runtime.Current.Keys.Find(key) is { } caller)
        {
            return caller;
        }

        await FailureResponder.WriteAsync(context, GatewayRuntime.OpenAICodec, new Failure(FailureKind.Unauthenticated, "A valid virtual key is required."), context.RequestAborted);
        return null;
    }

    private static bool TryParseQuery(IQueryCollection q, out SpendQuery query, out string error)
    {
        query = new SpendQuery();
        error = "";
        var grouping = SpendGrouping.None;
        foreach (var name in q["group_by"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<SpendGrouping>(name, ignoreCase: true, out var g) || name.Equals("none", StringComparison.OrdinalIgnoreCase))
            {
                error = $"group_by: unknown grouping '{name}' (use tenant, key, route, provider, model, day).";
                return false;
            }

            grouping |= g;
        }

        DateTimeOffset? from = null, to = null;
        if (q["from"].ToString() is { Length: > 0 } f)
        {
            if (!DateTimeOffset.TryParse(f, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                error = $"from: not a date or time ('{f}').";
                return false;
            }

            from = parsed;
        }

        if (q["to"].ToString() is { Length: > 0 } t)
        {
            if (!DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                error = $"to: not a date or time ('{t}').";
                return false;
            }

            to = parsed;
        }

        static string? Opt(IQueryCollection q, string name) => q[name].ToString() is { Length: > 0 } v ? v : null;
        query = new SpendQuery
        {
            GroupBy = grouping,
            From = from,
            To = to,
            Tenant = Opt(q, "tenant"),
            KeyName = Opt(q, "key"),
            Route = Opt(q, "route"),
            Provider = Opt(q, "provider"),
            Model = Opt(q, "model"),
        };
        return true;
    }

    /// <summary>Writes <c>{…}</c> with <paramref name="body"/> writing its properties.</summary>
    internal static async Task WriteJsonAsync(HttpContext context, Action<Utf8JsonWriter> body)
    {
        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        writer.WriteStartObject();
        body(writer);
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted);
    }
}
