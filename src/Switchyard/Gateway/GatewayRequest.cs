using Switchyard.Model;
using Switchyard.Providers;

namespace Switchyard.Gateway;

/// <summary>One validated client request as it enters the engine: a chat request, or an embeddings request (<see cref="Embeddings"/>).</summary>
/// <param name="FrontDoor">The codec of the caller's wire format: responses, streams and errors go out in it.</param>
/// <param name="Request">The parsed canonical request (for embeddings, only the model and no output: see <see cref="ForEmbeddings"/>).</param>
/// <param name="RawBody">The body exactly as received, for same-format passthrough.</param>
public sealed record GatewayRequest(IWireCodec FrontDoor, ChatRequest Request, ReadOnlyMemory<byte> RawBody)
{
    /// <summary>
    /// An embeddings request: <see cref="Request"/> carries its model and user and no output (no messages, zero output
    /// tokens, so that cost admission and client-side token buckets count its input only), and <paramref name="rawBody"/>
    /// goes to each target with its model spliced in.
    /// </summary>
    public static GatewayRequest ForEmbeddings(IWireCodec frontDoor, EmbeddingRequest embeddings, ReadOnlyMemory<byte> rawBody)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        var request = new ChatRequest { Model = embeddings.Model, Messages = [], MaxOutputTokens = 0, User = embeddings.User };
        return new GatewayRequest(frontDoor, request, rawBody) { Embeddings = embeddings };
    }

    /// <summary>Set for an embeddings request (<see cref="ForEmbeddings"/>): served by targets with an embeddings API only.</summary>
    public EmbeddingRequest? Embeddings { get; init; }

    /// <summary>The GenAI operation name of metrics and traces: <c>embeddings</c> or <c>chat</c>.</summary>
    public string OperationName => Embeddings is null ? "chat" : "embeddings";

    /// <summary>Client headers worth forwarding on same-format routes (e.g. <c>anthropic-beta</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ForwardedHeaders { get; init; } = [];

    /// <summary>The tenant the caller's key belongs to.</summary>
    public string Tenant { get; init; } = "default";

    /// <summary>The display name of the caller's key (budgets per key; never the key).</summary>
    public string KeyName { get; init; } = "default";

    /// <summary>Timeout tier the client asked for (<c>x-switchyard-timeout-tier</c>), overriding the route's.</summary>
    public string? TierOverride { get; init; }

    /// <summary>Total deadline the client asked for (<c>x-switchyard-deadline-ms</c>); only ever shortens the tier's.</summary>
    public TimeSpan? DeadlineOverride { get; init; }

    /// <summary>Why the request was served by another route than asked (a soft budget), for the caller's headers.</summary>
    public string? BudgetWarning { get; init; }

    /// <summary>
    /// The id the caller sees for this answer, replacing the provider's: the gateway's own <c>resp_…</c> id on the Responses
    /// front door (also the stream's id in the delta log). Null keeps the provider's id.
    /// </summary>
    public string? ClientResponseId { get; init; }

    /// <summary>The <c>Idempotency-Key</c> the caller sent, if any (scoped to <see cref="Tenant"/>).</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>An output-token limit the gateway imposes (per-request cost cap clamp), replacing the client's.</summary>
    public int? MaxOutputTokensOverride { get; init; }
}
