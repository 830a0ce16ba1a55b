namespace Switchyard.Streaming;

/// <summary>What the store holds for one (tenant, key).</summary>
/// <param name="Tenant">The tenant the key belongs to.</param>
/// <param name="Key">The <c>Idempotency-Key</c> value.</param>
/// <param name="State">Whether the owner is still generating.</param>
/// <param name="CreatedAt">When the key was first claimed.</param>
/// <param name="ExpiresAt">When the record stops counting and may be purged.</param>
public sealed record IdempotencyRecord(string Tenant, string Key, IdempotencyState State, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt)
{
    /// <summary>The delta-log stream of a streaming request, once it exists; duplicates replay and follow it.</summary>
    public string? StreamId { get; init; }

    /// <summary>The stored response of a completed request; null while in progress.</summary>
    public IdempotentResult? Result { get; init; }
}
