using Switchyard.Failures;
using Switchyard.Gateway;
using Switchyard.Model;
using Switchyard.Providers;

namespace Switchyard.Hosting;

/// <summary>
/// The embeddings door's path for callers in the same process (the library's embedding generator, memory's provider
/// embedder): the request is written as a client would send it to <c>POST /v1/embeddings</c>, read back by that door's
/// rules, and forwarded through the engine — route, admission and budgets, attempts with fallback, breakers, buckets and
/// retry budget, spend settled under the caller's tenant, key name and route — and the answer's vectors decoded.
/// Stateless and thread-safe.
/// </summary>
internal static class InProcessEmbeddings
{
    /// <summary>Embeds <paramref name="request"/>'s text inputs for the caller the other arguments name.</summary>
    /// <param name="engine">The forwarder of the configuration in force.</param>
    /// <param name="request">The model or route, the texts, and optionally the dimensions.</param>
    /// <param name="caller">Who it is billed to and its timeout choices, as a front door would address it.</param>
    /// <param name="cancellationToken">Cancels the call; what reached a provider is still settled.</param>
    public static async Task<InProcessEmbeddingsResult> EmbedAsync(ChatForwarder engine, EmbeddingRequest request, EmbeddingsCaller caller, CancellationToken cancellationToken)
    {
        var codec = GatewayRuntime.EmbeddingCodec;
        var body = codec.WriteEmbeddingRequest(request with { Base64 = true });
        var parsed = codec.ReadEmbeddingRequest(body);
        if (!parsed.IsSuccess)
        {
            return new InProcessEmbeddingsResult(null, null, parsed.Failure);
        }

        var gatewayRequest = GatewayRequest.ForEmbeddings(codec, parsed.Value, body) with
        {
            Tenant = caller.Tenant,
            KeyName = caller.KeyName,
            TierOverride = caller.Tier,
            DeadlineOverride = caller.Deadline,
        };
        var sink = new CapturingSink();
        var outcome = await engine.ForwardAsync(gatewayRequest, sink, cancellationToken).ConfigureAwait(false);
        if (outcome.Failure is not null || sink.Body is not { } answer)
        {
            return new InProcessEmbeddingsResult(outcome, null, outcome.Failure ?? sink.Failure ?? new Failure(FailureKind.ServerError, "The engine returned without an answer."));
        }

        var vectors = codec.ReadEmbeddingVectors(answer);
        return vectors.IsSuccess
            ? new InProcessEmbeddingsResult(outcome, vectors.Value, null)
            : new InProcessEmbeddingsResult(outcome, null, vectors.Failure);
    }
}

/// <summary>Who an in-process embeddings call is made for, as a front door would address it.</summary>
/// <param name="Tenant">The tenant budgets and spend rows see.</param>
/// <param name="KeyName">The key name budgets per key and spend rows see.</param>
/// <param name="Tier">A timeout tier overriding the route's, if any.</param>
/// <param name="Deadline">A total deadline that only ever shortens the tier's, if any.</param>
internal readonly record struct EmbeddingsCaller(string Tenant, string KeyName, string? Tier = null, TimeSpan? Deadline = null);

/// <summary>What an in-process embeddings call came to.</summary>
/// <param name="Outcome">What the engine did; null when the request was refused before it reached the engine.</param>
/// <param name="Answer">The vectors, in input order; null on failure.</param>
/// <param name="Failure">Why there are no vectors; null on success.</param>
internal sealed record InProcessEmbeddingsResult(ForwardOutcome? Outcome, EmbeddingVectors? Answer, Failure? Failure);
