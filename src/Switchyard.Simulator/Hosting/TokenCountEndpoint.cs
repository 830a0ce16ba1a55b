using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Switchyard.Simulator.Requests;
using Switchyard.Simulator.Runtime;
using Switchyard.Simulator.Wire;

namespace Switchyard.Simulator.Hosting;

/// <summary>
/// The token-counting endpoints (PROTOCOLS §8): Anthropic <c>POST /v1/messages/count_tokens</c> → <c>{"input_tokens":N}</c>
/// and OpenAI <c>POST /v1/responses/input_tokens</c> → <c>{"object":"response.input_tokens","input_tokens":N}</c>.
/// A body is read by the same parser as its generation endpoint (without <c>max_tokens</c> for Anthropic), so the count
/// is exactly the prompt usage that endpoint reports for it. Scenario rules apply as to any call of the provider
/// (their <c>api</c> is <c>count_tokens</c> / <c>input_tokens</c>; see <see cref="WholeAnswerFaults"/>).
/// </summary>
internal sealed class TokenCountEndpoint(SimulatorRuntime runtime)
{
    public Task CountMessagesAsync(HttpContext context) => CountAsync(context, SimulatorApi.AnthropicMessages);

    public Task CountResponsesAsync(HttpContext context) => CountAsync(context, SimulatorApi.OpenAIResponses);

    private async Task CountAsync(HttpContext context, SimulatorApi api)
    {
        var anthropic = api == SimulatorApi.AnthropicMessages;
        var provider = anthropic ? "anthropic" : "openai";
        var apiName = anthropic ? "count_tokens" : "input_tokens";
        var path = context.Request.Path.Value ?? string.Empty;
        var requestId = anthropic ? Ids.AnthropicRequestId() : Ids.OpenAIRequestId();
        runtime.Stats.RecordArrival(provider, path);
        runtime.Stats.RecordApiCall(apiName);
        var ct = context.RequestAborted;
        try
        {
            var (model, tokens, error) = await ParseAsync(context, api, ct);
            if (error is not null)
            {
                await RespondErrorAsync(context, api, error, requestId, null, ct);
                return;
            }

            if (await WholeAnswerFaults.ApplyAsync(context, runtime, api, apiName, model!, (faultError, retryAfter) => RespondErrorAsync(context, api, faultError, requestId, retryAfter, ct)))
            {
                return;
            }

            var body = JsonBytes.Write(w =>
            {
                w.WriteStartObject();
                if (!anthropic)
                {
                    w.WriteString("object", "response.input_tokens");
                }

                w.WriteNumber("input_tokens", tokens);
                w.WriteEndObject();
            });
            ApplyHeaders(context.Response, anthropic, requestId, null);
            runtime.Stats.RecordStatus(200);
            context.Response.StatusCode = 200;
            context.Response.ContentType = anthropic ? "application/json" : "application/json; charset=utf-8";
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body, ct);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && ct.IsCancellationRequested)
        {
            runtime.Stats.RecordCancelled();
        }
    }

    private async Task<(string? Model, int Tokens, WireError? Error)> ParseAsync(HttpContext context, SimulatorApi api, CancellationToken ct)
    {
        if (ApiKeys.Check(context.Request, api, runtime.Options) is { } keyError)
        {
            return (null, 0, keyError);
        }

        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: ct);
            runtime.Requests.Record(context.Request.Path.Value ?? string.Empty, document.RootElement);
            if (api == SimulatorApi.AnthropicMessages)
            {
                var parsed = AnthropicRequestParser.Parse(document.RootElement, requireMaxTokens: false);
                return (parsed.Request?.Model, parsed.Request?.Conversation.PromptTokens ?? 0, parsed.Error);
            }

            var responses = ResponsesRequestParser.Parse(document.RootElement, id => runtime.Responses.Get(id)?.ConversationItems());
            return (responses.Request?.Sim.Model, responses.Request?.Sim.Conversation.PromptTokens ?? 0, responses.Error);
        }
        catch (JsonException e)
        {
            return (null, 0, api == SimulatorApi.AnthropicMessages
                ? new WireError(400, "invalid_request_error", $"There was an issue with the request body: invalid JSON ({e.Message})")
                : new WireError(400, "invalid_request_error", "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)"));
        }
    }

    private async Task RespondErrorAsync(HttpContext context, SimulatorApi api, WireError error, string requestId, int? retryAfter, CancellationToken ct)
    {
        ApplyHeaders(context.Response, api == SimulatorApi.AnthropicMessages, requestId, retryAfter);
        runtime.Stats.RecordStatus(error.Status);
        await ErrorResponses.WriteAsync(context.Response, api, error, requestId, ct);
    }

    // Counting has its own request limits at both providers, which the simulator does not emulate: no rate-limit headers.
    private static void ApplyHeaders(HttpResponse response, bool anthropic, string requestId, int? retryAfter)
    {
        if (anthropic)
        {
            ProviderHeaders.ApplyAnthropicBase(response, requestId);
        }
        else
        {
            ProviderHeaders.ApplyOpenAIBase(response, requestId, TimeSpan.Zero);
        }

        if (retryAfter is { } seconds)
        {
            response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }
    }
}
