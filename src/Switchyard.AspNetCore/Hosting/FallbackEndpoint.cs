using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Switchyard.AspNetCore.FrontDoors;
using Switchyard.Failures;
using Switchyard.Hosting;
using Switchyard.Providers;

namespace Switchyard.AspNetCore.Hosting;

/// <summary>
/// Requests that reached no endpoint, answered in the caller's wire format instead of with an empty body: a 405 with
/// <c>Allow</c> when the path is served under other methods, otherwise a 404.
/// </summary>
internal sealed class FallbackEndpoint(IEnumerable<EndpointDataSource> sources)
{
    // Built at the first request that falls through: every endpoint has been mapped by then.
    private ServedPaths? _served;

    /// <summary>Maps the fallback after every other endpoint of <paramref name="app"/>.</summary>
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapFallback(new FallbackEndpoint(app.DataSources).HandleAsync);

    /// <summary>The wire format a request that reached no door (or left it by an exception) is answered in.</summary>
    public static IWireCodec CallerCodec(HttpRequest request) =>
        request.Headers.ContainsKey("anthropic-version") || request.Path.StartsWithSegments("/v1/messages")
            ? GatewayRuntime.AnthropicCodec
            : GatewayRuntime.OpenAICodec;

    private Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var codec = CallerCodec(request);
        var allowed = (_served ??= ServedPaths.From(sources)).MethodsFor(request.Path);
        if (allowed.Count == 0)
        {
            var unknown = new Failure(FailureKind.NotFound, $"Unknown endpoint: {request.Method} {request.Path}.");
            return FailureResponder.WriteAsync(context, codec, unknown, context.RequestAborted);
        }

        var allow = string.Join(", ", allowed);
        context.Response.Headers.Allow = allow;
        var failure = new Failure(FailureKind.InvalidRequest, $"Method {request.Method} is not allowed on {request.Path}; it answers {allow}.");
        return FailureResponder.WriteAsync(context, codec, failure, StatusCodes.Status405MethodNotAllowed, context.RequestAborted);
    }
}
