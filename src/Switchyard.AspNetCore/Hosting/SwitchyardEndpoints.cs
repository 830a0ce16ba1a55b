using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Switchyard.AspNetCore.Admin;
using Switchyard.AspNetCore.FrontDoors;
using Switchyard.AspNetCore.FrontDoors.Responses;

namespace Switchyard.AspNetCore.Hosting;

/// <summary>Maps the gateway's HTTP surface.</summary>
public static class SwitchyardEndpoints
{
    /// <summary>Maps <c>POST /v1/chat/completions</c>, <c>POST /v1/messages</c>, the <c>/v1/responses</c> endpoints, <c>GET /v1/models</c> and <c>GET /healthz</c>.</summary>
    public static IEndpointRouteBuilder MapSwitchyard(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var runtime = app.ServiceProvider.GetRequiredService<GatewayRuntime>();
        var loggers = app.ServiceProvider.GetRequiredService<ILoggerFactory>();
        var openAI = new ChatEndpoint(GatewayRuntime.OpenAICodec, runtime, loggers.CreateLogger<ChatEndpoint>());
        var anthropic = new ChatEndpoint(GatewayRuntime.AnthropicCodec, runtime, loggers.CreateLogger<ChatEndpoint>());
        var models = new ModelsEndpoint(runtime);
        var background = new BackgroundResponses();
        var responsesCreation = new ResponsesCreation(GatewayRuntime.ResponsesCodec, runtime, background, loggers.CreateLogger<ResponsesCreation>());
        var responses = new ChatEndpoint(GatewayRuntime.ResponsesCodec, runtime, loggers.CreateLogger<ChatEndpoint>(), responsesCreation);
        var stored = new ResponsesEndpoint(GatewayRuntime.ResponsesCodec, runtime, background);
        app.MapPost("/v1/chat/completions", openAI.HandleAsync);
        app.MapPost("/v1/messages", anthropic.HandleAsync);
        app.MapPost("/v1/responses", responses.HandleAsync);
        app.MapGet("/v1/responses/{id}", stored.GetAsync);
        app.MapPost("/v1/responses/{id}/cancel", stored.CancelAsync);
        app.MapDelete("/v1/responses/{id}", stored.DeleteAsync);
        app.MapGet("/v1/models", models.HandleAsync);
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapSwitchyardAdmin(runtime);
        return app;
    }
}
