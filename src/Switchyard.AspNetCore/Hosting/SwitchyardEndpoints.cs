using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Switchyard.AspNetCore.Admin;
using Switchyard.AspNetCore.FrontDoors;
using Switchyard.AspNetCore.FrontDoors.Batches;
using Switchyard.AspNetCore.FrontDoors.Responses;
using Switchyard.Hosting;

namespace Switchyard.AspNetCore.Hosting;

/// <summary>Maps the gateway's HTTP surface.</summary>
public static class SwitchyardEndpoints
{
    /// <summary>Maps <c>POST /v1/chat/completions</c>, <c>POST /v1/messages</c>, the <c>/v1/responses</c> endpoints, the token counts (<c>POST /v1/messages/count_tokens</c>, <c>POST /v1/responses/input_tokens</c>), <c>POST /v1/embeddings</c>, <c>GET /v1/models</c> (and one model), the batch APIs (<c>/v1/files</c>, <c>/v1/batches</c>, <c>/v1/messages/batches</c>) and <c>GET /healthz</c>.</summary>
    public static IEndpointRouteBuilder MapSwitchyard(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var runtime = app.ServiceProvider.GetRequiredService<GatewayRuntime>();
        var loggers = app.ServiceProvider.GetRequiredService<ILoggerFactory>();
        var openAI = new ChatEndpoint(GatewayRuntime.OpenAICodec, runtime, loggers.CreateLogger<ChatEndpoint>());
        var anthropic = new ChatEndpoint(GatewayRuntime.AnthropicCodec, runtime, loggers.CreateLogger<ChatEndpoint>());
        var models = new ModelsEndpoint(runtime);
        var background = new BackgroundResponses();
        var storing = new StoringResponses();
        var responsesCreation = new ResponsesCreation(GatewayRuntime.ResponsesCodec, runtime, background, storing, loggers.CreateLogger<ResponsesCreation>());
        var responses = new ChatEndpoint(GatewayRuntime.ResponsesCodec, runtime, loggers.CreateLogger<ChatEndpoint>(), responsesCreation);
        var stored = new ResponsesEndpoint(GatewayRuntime.ResponsesCodec, runtime, background, storing);
        var countMessages = new TokenCountEndpoint(GatewayRuntime.AnthropicCountCodec, runtime, loggers.CreateLogger<TokenCountEndpoint>());
        var countResponses = new TokenCountEndpoint(GatewayRuntime.ResponsesCountCodec, runtime, loggers.CreateLogger<TokenCountEndpoint>());
        var embeddings = new EmbeddingsEndpoint(GatewayRuntime.EmbeddingCodec, runtime, loggers.CreateLogger<EmbeddingsEndpoint>());
        app.MapPost("/v1/chat/completions", openAI.HandleAsync);
        app.MapPost("/v1/messages", anthropic.HandleAsync);
        app.MapPost("/v1/messages/count_tokens", countMessages.HandleAsync);
        app.MapPost("/v1/responses", responses.HandleAsync);
        app.MapPost("/v1/responses/input_tokens", countResponses.HandleAsync);
        app.MapGet("/v1/responses/{id}", stored.GetAsync);
        app.MapPost("/v1/responses/{id}/cancel", stored.CancelAsync);
        app.MapDelete("/v1/responses/{id}", stored.DeleteAsync);
        app.MapGet("/v1/responses/{id}/input_items", stored.InputItemsAsync);
        app.MapPost("/v1/embeddings", embeddings.HandleAsync);
        app.MapGet("/v1/models", models.HandleAsync);
        app.MapGet("/v1/models/{id}", models.RetrieveAsync);
        MapBatches(app, runtime);
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapSwitchyardAdmin(runtime);
        return app;
    }

    /// <summary>The batch doors: OpenAI Files + Batches and Anthropic Message Batches, forwarded per tenant.</summary>
    private static void MapBatches(IEndpointRouteBuilder app, GatewayRuntime runtime)
    {
        var providers = runtime.Current.Options.Providers;
        var billing = new BatchBilling(runtime);
        var admission = new BatchAdmission(runtime);
        var openAI = new OpenAIBatchDoor(runtime, new BatchUpstream(runtime.BatchClient, providers.OpenAI, anthropic: false), billing, admission);
        var anthropic = new AnthropicBatchDoor(runtime, new BatchUpstream(runtime.BatchClient, providers.Anthropic, anthropic: true), billing, admission);
        StartBillingSweep(app, runtime, openAI, anthropic);
        app.MapPost("/v1/files", openAI.UploadAsync);
        app.MapGet("/v1/files/{id}", openAI.GetFileAsync);
        app.MapGet("/v1/files/{id}/content", openAI.ContentAsync);
        app.MapDelete("/v1/files/{id}", openAI.DeleteFileAsync);
        app.MapPost("/v1/batches", openAI.CreateAsync);
        app.MapGet("/v1/batches", openAI.ListAsync);
        app.MapGet("/v1/batches/{id}", openAI.GetAsync);
        app.MapPost("/v1/batches/{id}/cancel", openAI.CancelAsync);
        app.MapPost("/v1/messages/batches", anthropic.CreateAsync);
        app.MapGet("/v1/messages/batches", anthropic.ListAsync);
        app.MapGet("/v1/messages/batches/{id}", anthropic.GetAsync);
        app.MapPost("/v1/messages/batches/{id}/cancel", anthropic.CancelAsync);
        app.MapGet("/v1/messages/batches/{id}/results", anthropic.ResultsAsync);
        app.MapDelete("/v1/messages/batches/{id}", anthropic.DeleteAsync);
    }

    /// <summary>Starts the batch billing sweep with the host (unless <c>Costs:BatchBillingSweepSeconds</c> is 0); it stops with it.</summary>
    private static void StartBillingSweep(IEndpointRouteBuilder app, GatewayRuntime runtime, OpenAIBatchDoor openAI, AnthropicBatchDoor anthropic)
    {
        var seconds = runtime.Current.Options.Costs.BatchBillingSweepSeconds;
        if (seconds <= 0)
        {
            return;
        }

        var lifetime = app.ServiceProvider.GetRequiredService<IHostApplicationLifetime>();
        var logger = app.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger<BatchBillingSweeper>();
        var sweeper = new BatchBillingSweeper(runtime.BatchOwnership, openAI, anthropic, TimeSpan.FromSeconds(seconds), logger);
        lifetime.ApplicationStarted.Register(() => _ = sweeper.RunAsync(lifetime.ApplicationStopping));
    }
}
