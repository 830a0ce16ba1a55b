using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Switchyard.AspNetCore.Limits;
using Switchyard.Costs;
using Switchyard.Failures;
using Switchyard.Gateway;
using Switchyard.Hosting;
using Switchyard.Providers;

namespace Switchyard.AspNetCore.FrontDoors;

/// <summary>
/// The OpenAI embeddings front door, <c>POST /v1/embeddings</c>: authenticates and limits like the chat door, reads the
/// body by the embeddings API's rules, and hands it to the engine, which routes it to the route's OpenAI targets with
/// fallback, retries, breakers and budgets as for chat (<see cref="GatewayRequest.ForEmbeddings"/>). The answer is the
/// provider's body unchanged, with the chat door's <c>x-switchyard-*</c> headers. Every refusal is an OpenAI error.
/// </summary>
internal sealed partial class EmbeddingsEndpoint(IEmbeddingCodec codec, GatewayRuntime runtime, ILogger<EmbeddingsEndpoint> logger)
{
    public async Task HandleAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var cancellationToken = context.RequestAborted;
        var snapshot = runtime.Current;
        if (await FrontDoorEntry.ReadRequestAsync(context, codec, snapshot, codec.ReadEmbeddingRequest) is not (var caller, var bytes, var embeddings))
        {
            return;
        }

        // Token limits take the inputs' tokens, as the provider counts them for its own limits (an embedding has no output).
        if (!await InboundLimitGate.AdmitAsync(context, codec, snapshot.Options, runtime.Inbound, caller, () => TokenEstimator.EstimateEmbeddingTokens(embeddings, embeddings.Model)))
        {
            return;
        }

        if (!TimeoutHeaders.TryRead(context.Request, out var tier, out var deadline, out var headerError))
        {
            await FailureResponder.WriteAsync(context, codec, headerError, cancellationToken);
            return;
        }

        var request = GatewayRequest.ForEmbeddings(codec, embeddings, bytes) with
        {
            Tenant = caller.Tenant,
            KeyName = caller.KeyName,
            TierOverride = tier,
            DeadlineOverride = deadline,
        };
        var outcome = await snapshot.Forwarder.ForwardAsync(request, new HttpChatResponseSink(context, codec), cancellationToken);
        var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        LogCompleted(logger, caller.Tenant, embeddings.Model, embeddings.Inputs.Count, outcome.ServedBy?.Provider ?? "-", outcome.Usage?.InputTokens, context.Response.StatusCode, outcome.Failure?.Kind, elapsedMs);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Embeddings request tenant={Tenant} model={Model} inputs={Inputs} provider={Provider} input_tokens={InputTokens} status={Status} failure={FailureKind} in {ElapsedMs:F1} ms")]
    private static partial void LogCompleted(ILogger logger, string tenant, string model, int inputs, string provider, int? inputTokens, int status, FailureKind? failureKind, double elapsedMs);
}
