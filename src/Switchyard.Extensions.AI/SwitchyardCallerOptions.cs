using Switchyard.Hosting;

namespace Switchyard.Extensions.AI;

/// <summary>
/// Who an in-process client speaks for, and its defaults: what <see cref="SwitchyardChatClientOptions"/> and
/// <see cref="SwitchyardEmbeddingGeneratorOptions"/> share.
/// </summary>
public abstract record SwitchyardCallerOptions
{
    /// <summary>
    /// The tenant its requests count against (budgets, spend). In-process code is trusted: there is no key to check, so
    /// the tenant is whatever the host says. Default <c>default</c>, the tenant of the gateway's own process keys.
    /// </summary>
    public string Tenant { get; init; } = "default";

    /// <summary>The key name budgets per key see (never a secret). Default <c>library</c>.</summary>
    public string KeyName { get; init; } = "library";

    /// <summary>
    /// The model or route asked for when a call's options name none (<c>ChatOptions.ModelId</c>,
    /// <c>EmbeddingGenerationOptions.ModelId</c>).
    /// </summary>
    public string? DefaultModelId { get; init; }

    /// <summary>A timeout tier overriding the route's, as the gateway's <c>x-switchyard-timeout-tier</c> header.</summary>
    public string? TimeoutTier { get; init; }

    /// <summary>A total deadline that only ever shortens the tier's, as the gateway's <c>x-switchyard-deadline-ms</c> header.</summary>
    public TimeSpan? Deadline { get; init; }

    /// <summary>The caller as the engine's in-process embeddings path addresses it.</summary>
    internal EmbeddingsCaller Caller => new(Tenant, KeyName, TimeoutTier, Deadline);
}
