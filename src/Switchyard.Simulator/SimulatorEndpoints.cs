using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Simulator.Hosting;
using Switchyard.Simulator.Runtime;

namespace Switchyard.Simulator;

/// <summary>Maps the simulator's provider and control endpoints into any ASP.NET Core app.</summary>
public static class SimulatorEndpoints
{
    /// <summary>
    /// Maps <c>/v1/chat/completions</c>, <c>/v1/responses</c> (and its <c>{id}</c>, <c>{id}/cancel</c>, <c>input_tokens</c> routes), <c>/v1/messages/count_tokens</c>, <c>/v1/models</c>, <c>/v1/embeddings</c>, <c>/v1/messages</c>, the batch APIs (<c>/v1/files</c>, <c>/v1/batches</c>, <c>/v1/messages/batches</c>) and <c>/_sim/*</c>.
    /// Uses the simulator registered with <see cref="SimulatorServiceCollectionExtensions.AddSimulator"/>,
    /// or a default one (<see cref="SimulatorOptions"/> defaults, <see cref="TimeProvider.System"/>) if none was.
    /// </summary>
    public static IEndpointRouteBuilder MapSimulator(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var runtime = app.ServiceProvider.GetService<SimulatorRuntime>()
            ?? new SimulatorRuntime(new SimulatorOptions(), app.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System);
        var provider = new ProviderEndpoint(runtime);
        var control = new ControlEndpoints(runtime);
        var responses = new ResponsesEndpoint(runtime);
        var batchHttp = new BatchHttp(runtime);
        var runner = new Batches.BatchRunner(runtime);
        var files = new FilesEndpoint(runtime, batchHttp);
        var openAIBatches = new OpenAIBatchesEndpoint(runtime, batchHttp, runner);
        var anthropicBatches = new AnthropicBatchesEndpoint(runtime, batchHttp, runner);
        var embeddings = new EmbeddingsEndpoint(runtime, batchHttp);
        var counting = new TokenCountEndpoint(runtime);

        app.MapPost("/v1/chat/completions", (HttpContext c) => provider.HandleAsync(c, SimulatorApi.OpenAIChatCompletions));
        app.MapPost("/v1/responses", responses.CreateAsync);
        app.MapPost("/v1/responses/input_tokens", counting.CountResponsesAsync);
        app.MapGet("/v1/responses/{id}", responses.GetAsync);
        app.MapPost("/v1/responses/{id}/cancel", responses.CancelAsync);
        app.MapDelete("/v1/responses/{id}", responses.DeleteAsync);
        app.MapPost("/v1/embeddings", embeddings.CreateAsync);
        app.MapPost("/v1/messages", (HttpContext c) => provider.HandleAsync(c, SimulatorApi.AnthropicMessages));
        app.MapPost("/v1/messages/count_tokens", counting.CountMessagesAsync);
        app.MapPost("/v1/files", files.UploadAsync);
        app.MapGet("/v1/files/{id}", files.GetAsync);
        app.MapGet("/v1/files/{id}/content", files.ContentAsync);
        app.MapDelete("/v1/files/{id}", files.DeleteAsync);
        app.MapPost("/v1/batches", openAIBatches.CreateAsync);
        app.MapGet("/v1/batches", openAIBatches.ListAsync);
        app.MapGet("/v1/batches/{id}", openAIBatches.GetAsync);
        app.MapPost("/v1/batches/{id}/cancel", openAIBatches.CancelAsync);
        app.MapPost("/v1/messages/batches", anthropicBatches.CreateAsync);
        app.MapGet("/v1/messages/batches", anthropicBatches.ListAsync);
        app.MapGet("/v1/messages/batches/{id}", anthropicBatches.GetAsync);
        app.MapPost("/v1/messages/batches/{id}/cancel", anthropicBatches.CancelAsync);
        app.MapGet("/v1/messages/batches/{id}/results", anthropicBatches.ResultsAsync);
        app.MapDelete("/v1/messages/batches/{id}", anthropicBatches.DeleteAsync);
        app.MapGet("/v1/models", ControlEndpoints.ListModelsAsync);
        app.MapPut("/_sim/scenario", control.PutScenarioAsync);
        app.MapGet("/_sim/scenario", control.GetScenarioAsync);
        app.MapGet("/_sim/stats", control.GetStatsAsync);
        app.MapGet("/_sim/requests", control.GetRequestsAsync);
        app.MapPost("/_sim/reset", control.ResetAsync);
        return app;
    }
}
