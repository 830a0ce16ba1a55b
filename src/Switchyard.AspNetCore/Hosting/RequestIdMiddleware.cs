using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace Switchyard.AspNetCore.Hosting;

/// <summary>
/// Gives every response a gateway request id under both SDKs' header names (<c>x-request-id</c> for OpenAI,
/// <c>request-id</c> for Anthropic), so a support ticket can name the exact request.
/// </summary>
internal sealed class RequestIdMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var id = "req_sy_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        context.TraceIdentifier = id;
        context.Response.Headers["x-request-id"] = id;
        context.Response.Headers["request-id"] = id;
        return next(context);
    }
}
