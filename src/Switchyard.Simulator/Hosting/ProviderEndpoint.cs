using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Switchyard.Simulator.Generation;
using Switchyard.Simulator.Requests;
using Switchyard.Simulator.Runtime;
using Switchyard.Simulator.Wire;

namespace Switchyard.Simulator.Hosting;

/// <summary>
/// Handles <c>POST /v1/chat/completions</c> and <c>POST /v1/messages</c>: auth, validation, fault
/// selection, then a streamed or whole response. Errors become provider-format responses here, at the edge.
/// </summary>
internal sealed class ProviderEndpoint(SimulatorRuntime runtime)
{
    public async Task HandleAsync(HttpContext context, SimulatorApi api)
    {
        var started = runtime.Time.GetTimestamp();
        var provider = api == SimulatorApi.AnthropicMessages ? "anthropic" : "openai";
        var path = context.Request.Path.Value ?? string.Empty;
        runtime.Stats.RecordArrival(provider, path);
        runtime.Stats.RecordGeneration(api);
        var requestId = api == SimulatorApi.AnthropicMessages ? Ids.AnthropicRequestId() : Ids.OpenAIRequestId();
        var ct = context.RequestAborted;
        try
        {
            var parsed = await ParseAsync(context, api, ct);
            if (parsed.Error is { } error)
            {
                await RespondErrorAsync(context, api, error, requestId, started, null, ct);
                return;
            }

            var request = parsed.Request!;
            runtime.Stats.RecordModel(request.Model, request.Stream);
            var fault = runtime.State.Select(provider, SimulatorStats.ApiName(api), request.Model, path, request.Stream, runtime.Time.GetUtcNow(), runtime.Seed);
            if (fault is not null)
            {
                runtime.Stats.RecordFault(fault.Kind);
            }

            switch (fault?.Kind)
            {
                case FaultKind.Reset:
                    context.Abort();
                    return;
                case FaultKind.Status:
                    await RespondErrorAsync(context, api, FaultErrors.For(api, fault, request.Model), requestId, started, fault.RetryAfterSeconds, ct);
                    return;
            }

            var plan = runtime.PromptCache.Apply(
                ResponsePlanner.Plan(request, runtime.Seed, runtime.Options, fault?.Kind == FaultKind.Overlap ? fault.Chars : 0), request, ApiKeys.Of(context.Request, api));
            var limits = Limits(api).Consume(plan.PromptTokens, plan.CompletionTokens);
            ProviderHeaders.Apply(context.Response, api, requestId, limits, runtime.Time.GetElapsedTime(started), null);
            var latency = runtime.State.Scenario.Latency;
            var pacer = new Pacer(runtime.Time, TimeSpan.FromMilliseconds(latency.FirstTokenMs), fault?.Kind == FaultKind.Slow ? fault.TokensPerSecond : latency.TokensPerSecond);
            if (request.Stream)
            {
                await StreamAsync(context, request, plan, fault, pacer, ct);
            }
            else
            {
                await RespondWholeAsync(context, request, plan, fault, pacer, requestId, started, ct);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && ct.IsCancellationRequested)
        {
            runtime.Stats.RecordCancelled();
        }
    }

    private async Task<ParseResult> ParseAsync(HttpContext context, SimulatorApi api, CancellationToken ct)
    {
        if (ApiKeys.Check(context.Request, api, runtime.Options) is { } keyError)
        {
            return ParseResult.Fail(keyError);
        }

        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: ct);
            runtime.Requests.Record(context.Request.Path.Value ?? string.Empty, document.RootElement);
            return api == SimulatorApi.AnthropicMessages ? AnthropicRequestParser.Parse(document.RootElement) : OpenAIRequestParser.Parse(document.RootElement);
        }
        catch (JsonException e)
        {
            return ParseResult.Fail(api == SimulatorApi.AnthropicMessages
                ? new WireError(400, "invalid_request_error", $"There was an issue with the request body: invalid JSON ({e.Message})")
                : new WireError(400, "invalid_request_error", "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)"));
        }
    }

    private RateLimitWindow Limits(SimulatorApi api) => api == SimulatorApi.AnthropicMessages ? runtime.AnthropicLimits : runtime.OpenAILimits;

    private async Task RespondErrorAsync(HttpContext context, SimulatorApi api, WireError error, string requestId, long started, int? retryAfter, CancellationToken ct)
    {
        var limits = Limits(api).Consume(0, 0);
        if (error.Status == 429)
        {
            limits = limits with { RequestsRemaining = 0 };
        }

        ProviderHeaders.Apply(context.Response, api, requestId, limits, runtime.Time.GetElapsedTime(started), retryAfter);
        runtime.Stats.RecordStatus(error.Status);
        await ErrorResponses.WriteAsync(context.Response, api, error, requestId, ct);
    }

    private async Task StreamAsync(HttpContext context, SimRequest request, ResponsePlan plan, FaultSpec? fault, Pacer pacer, CancellationToken ct)
    {
        var anthropic = request.Api == SimulatorApi.AnthropicMessages;
        var created = runtime.Time.GetUtcNow().ToUnixTimeSeconds();
        var frames = anthropic
            ? AnthropicStreamWriter.Frames(plan, Ids.MessageId(), request.Model)
            : new OpenAIStreamWriter(Ids.ChatCompletionId(), created, request.Model, request.IncludeUsage, request.IncludeObfuscation).Frames(plan);
        var errorFrame = anthropic ? AnthropicStreamWriter.ErrorFrame(fault?.ErrorType, fault?.Message) : OpenAIStreamWriter.ErrorFrame(fault?.ErrorType, fault?.Message);
        context.Response.StatusCode = 200;
        context.Response.ContentType = anthropic ? "text/event-stream" : "text/event-stream; charset=utf-8";
        context.Response.Headers.CacheControl = "no-cache";
        runtime.Stats.RecordStatus(200);
        var streamFault = fault?.Kind is FaultKind.Stall or FaultKind.Cut or FaultKind.ErrorEvent or FaultKind.Duplicate ? fault : null;
        await StreamPump.RunAsync(context, frames, errorFrame, streamFault, pacer, ct);
    }

    private async Task RespondWholeAsync(HttpContext context, SimRequest request, ResponsePlan plan, FaultSpec? fault, Pacer pacer, string requestId, long started, CancellationToken ct)
    {
        if (fault?.Kind == FaultKind.Stall)
        {
            await pacer.StallAsync(TimeSpan.FromSeconds(fault.Seconds), ct);
        }

        // A real non-streaming response arrives once the whole output has been generated.
        await pacer.WaitAsync(plan.CompletionTokens, ct);
        switch (fault?.Kind)
        {
            case FaultKind.Cut:
                context.Abort();
                return;
            case FaultKind.ErrorEvent:
                var anthropic = request.Api == SimulatorApi.AnthropicMessages;
                var error = anthropic
                    ? new WireError(529, fault.ErrorType ?? "overloaded_error", fault.Message ?? "Overloaded")
                    : new WireError(500, fault.ErrorType ?? "server_error", fault.Message ?? "The server had an error while processing your request. Sorry about that!");
                await RespondErrorAsync(context, request.Api, error, requestId, started, null, ct);
                return;
        }

        var body = request.Api == SimulatorApi.AnthropicMessages
            ? AnthropicResponseWriter.Body(plan, Ids.MessageId(), request.Model)
            : OpenAIResponseWriter.Body(plan, Ids.ChatCompletionId(), runtime.Time.GetUtcNow().ToUnixTimeSeconds(), request.Model);
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        runtime.Stats.RecordStatus(200);
        await context.Response.Body.WriteAsync(body, ct);
    }
}
