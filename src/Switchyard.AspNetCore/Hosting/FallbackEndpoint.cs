using Microsoft.AspNetCore.Http;
using Switchyard.AspNetCore.FrontDoors;
using Switchyard.Failures;
using Switchyard.Hosting;
using Switchyard.Providers;

namespace Switchyard.AspNetCore.Hosting;

/// <summary>Unknown paths get a 404 in the caller's wire format instead of an empty body.</summary>
internal static class FallbackEndpoint
{
    public static Task HandleAsync(HttpContext context)
    {
        var codec = CallerCodec(context.Request);
        var failure = new Failure(FailureKind.NotFound, $"Unknown endpoint: {context.Request.Method} {context.Request.Path}.");
        return FailureResponder.WriteAsync(context, codec, failure, context.RequestAborted);
    }

    /// <summary>The wire format a request that reached no door (or left it by an exception) is answered in.</summary>
    public static IWireCodec CallerCodec(HttpRequest request) =>
        request.Headers.ContainsKey("anthropic-version") || request.Path.StartsWithSegments("/v1/messages")
            ? GatewayRuntime.AnthropicCodec
            : GatewayRuntime.OpenAICodec;
}
