using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Switchyard.Simulator.Generation;
using Switchyard.Simulator.Requests;
using Switchyard.Simulator.Runtime;
using Switchyard.Simulator.Wire;

namespace Switchyard.Simulator.Hosting;

/// <summary>
/// OpenAI <c>POST /v1/embeddings</c>: deterministic vectors (<see cref="HashedEmbedding"/>) at the requested length,
/// usage counted with the simulator's tokenizer, OpenAI errors for bad input. Scenario rules apply as to any OpenAI
/// call (their <c>api</c> is <c>embeddings</c>; see <see cref="WholeAnswerFaults"/>).
/// </summary>
internal sealed class EmbeddingsEndpoint(SimulatorRuntime runtime, BatchHttp http)
{
    private const string Route = "/v1/embeddings";

    public async Task CreateAsync(HttpContext context)
    {
        if (await http.BeginAsync(context, SimulatorApi.OpenAIChatCompletions, Route) is not { } requestId)
        {
            return;
        }

        EmbeddingsRequest? request;
        WireError? error;
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            runtime.Requests.Record(Route, document.RootElement);
            (request, error) = EmbeddingsRequest.Parse(document.RootElement);
        }
        catch (JsonException)
        {
            (request, error) = (null, new WireError(400, "invalid_request_error", "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)"));
        }

        if (request is null)
        {
            await http.ErrorAsync(context, SimulatorApi.OpenAIChatCompletions, requestId, error!);
            return;
        }

        runtime.Stats.RecordApiCall("embeddings");
        try
        {
            if (await WholeAnswerFaults.ApplyAsync(context, runtime, SimulatorApi.OpenAIChatCompletions, "embeddings", request.Model, (fault, retryAfter) => FailAsync(context, requestId, fault, retryAfter)))
            {
                return;
            }

            await http.JsonAsync(context, Write(request));
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && context.RequestAborted.IsCancellationRequested)
        {
            runtime.Stats.RecordCancelled();
        }
    }

    private Task FailAsync(HttpContext context, string requestId, WireError error, int? retryAfterSeconds)
    {
        if (retryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        return http.ErrorAsync(context, SimulatorApi.OpenAIChatCompletions, requestId, error);
    }

    private static byte[] Write(EmbeddingsRequest request) => JsonBytes.Write(w =>
    {
        var tokens = 0;
        w.WriteStartObject();
        w.WriteString("object", "list");
        w.WriteStartArray("data");
        for (var i = 0; i < request.Inputs.Count; i++)
        {
            var input = request.Inputs[i];
            var vector = input.Text is { } text ? HashedEmbedding.Of(text, request.Dimensions) : HashedEmbedding.OfTokens(input.Tokens!, request.Dimensions);
            tokens += input.Text is { } t ? Math.Max(1, TokenCounter.Count(t)) : input.Tokens!.Count;
            w.WriteStartObject();
            w.WriteString("object", "embedding");
            w.WriteNumber("index", i);
            if (request.Base64)
            {
                // Little-endian float32, as OpenAI encodes it.
                w.WriteBase64String("embedding", MemoryMarshal.AsBytes(vector.AsSpan()));
            }
            else
            {
                w.WriteStartArray("embedding");
                foreach (var value in vector)
                {
                    w.WriteNumberValue(value);
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString("model", request.Model);
        w.WriteStartObject("usage");
        w.WriteNumber("prompt_tokens", tokens);
        w.WriteNumber("total_tokens", tokens);
        w.WriteEndObject();
        w.WriteEndObject();
    });
}
