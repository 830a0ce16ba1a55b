using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.AspNetCore.FrontDoors;
using Switchyard.Failures;
using Switchyard.Hosting;

namespace Switchyard.AspNetCore.Hosting;

/// <summary>Unknown paths get a 404 in the caller's wire format instead of an empty body.</summary>
internal static class FallbackEndpoint
{
    public static Task HandleAsync(HttpContext context)
    {
        var runtime = context.RequestServices.GetRequiredService<GatewayRuntime>();
        var codec = context.Request.Headers.ContainsKey("anthropic-version") || context.Request.Path.StartsWithSegments("/v1/messages")
            ? GatewayRuntime.AnthropicCodec
            : GatewayRuntime.OpenAICodec;
        var failure = new Failure(FailureKind.NotFound, $"Unknown endpoint: {context.Request.Method} {context.Request.Path}.");
        return FailureResponder.WriteAsync(context, codec, failure, context.RequestAborted);
    }
}
