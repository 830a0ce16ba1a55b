using Microsoft.AspNetCore.Http;
using Switchyard.AspNetCore.Admin;
using Switchyard.AspNetCore.FrontDoors;
using Switchyard.Failures;
using Switchyard.Hosting;
using Switchyard.Hosting.Configuration;

namespace Switchyard.AspNetCore.Observability;

/// <summary>
/// Who may scrape <c>GET /metrics</c>. Its series name every tenant and count each one's spend, and tenants never see each
/// other's: while the keys belong to one tenant there is nobody to hide it from, after that only an admin key reads it.
/// </summary>
internal sealed class MetricsAccess(GatewayRuntime runtime, ObservabilityOptions options)
{
    /// <summary>Runs the scrape when the caller may see it; otherwise answers 401 or 403 in OpenAI's format.</summary>
    public async Task GuardAsync(HttpContext context, RequestDelegate next)
    {
        var keys = runtime.Current.Keys;
        var manyTenants = keys.TenantCount > 1;
        if (!(options.MetricsRequireKey ?? manyTenants))
        {
            await next(context);
            return;
        }

        if (await AdminEndpoints.AuthenticateAsync(context, runtime) is not { } caller)
        {
            return;
        }

        if (manyTenants && !caller.Admin)
        {
            await FailureResponder.WriteAsync(
                context,
                GatewayRuntime.OpenAICodec,
                new Failure(FailureKind.PermissionDenied, "Reading /metrics needs an admin key: its series carry every tenant's spend."),
                context.RequestAborted);
            return;
        }

        await next(context);
    }
}
