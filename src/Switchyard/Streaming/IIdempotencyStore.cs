namespace Switchyard.Streaming;

/// <summary>
/// Records of requests sent with an <c>Idempotency-Key</c> header (IETF draft <c>httpapi-idempotency-key-header</c>), so
/// that a retried request gets the first one's result instead of a second generation. Records are scoped by
/// (tenant, key): a tenant never sees another tenant's keys. Implementations are thread-safe.
/// </summary>
/// <remarks>
/// The gateway's flow: <see cref="ClaimAsync"/> first. <see cref="IdempotencyClaimOutcome.Claimed"/> makes the caller the
/// owner, which generates, calls <see cref="AttachStreamAsync"/> as soon as a logged stream exists, and
/// <see cref="CompleteAsync"/> with a non-streaming response (or <see cref="AbandonAsync"/> when it failed before producing
/// anything replayable). A duplicate gets <see cref="IdempotencyClaimOutcome.Existing"/>: with a stream id it replays and
/// follows the stream through the delta log; with a result it replays the result; otherwise it may
/// <see cref="WaitForCompletionAsync"/>. <see cref="IdempotencyClaimOutcome.Mismatch"/> (same key, different body) is
/// answered 422.
/// </remarks>
public interface IIdempotencyStore : IAsyncDisposable
{
    /// <summary>
    /// Atomically creates an <see cref="IdempotencyState.InProgress"/> record for (tenant, key), or reports the live
    /// (unexpired) one already there: <see cref="IdempotencyClaimOutcome.Existing"/> when its fingerprint equals
    /// <paramref name="requestFingerprint"/>, <see cref="IdempotencyClaimOutcome.Mismatch"/> otherwise.
    /// </summary>
    /// <param name="tenant">The tenant the key belongs to.</param>
    /// <param name="key">The <c>Idempotency-Key</c> value.</param>
    /// <param name="requestFingerprint">The request body's SHA-256 (<see cref="IdempotencyFingerprint.Of"/>), 32 bytes.</param>
    /// <param name="ct">Cancels the wait for the store; a claim that has started always completes.</param>
    Task<IdempotencyClaim> ClaimAsync(string tenant, string key, byte[] requestFingerprint, CancellationToken ct);

    /// <summary>
    /// Records the delta-log stream an in-progress request is producing, and wakes waiters. False when there is no
    /// in-progress record for (tenant, key).
    /// </summary>
    Task<bool> AttachStreamAsync(string tenant, string key, string streamId, CancellationToken ct);

    /// <summary>
    /// Stores the response of an in-progress request and marks it <see cref="IdempotencyState.Completed"/>, and wakes
    /// waiters. False when there is no in-progress record for (tenant, key).
    /// </summary>
    Task<bool> CompleteAsync(string tenant, string key, IdempotentResult result, CancellationToken ct);

    /// <summary>
    /// Deletes an in-progress record whose owner failed before producing anything that can be replayed, so a retry may
    /// generate again, and wakes waiters. False when there is no in-progress record for (tenant, key).
    /// </summary>
    Task<bool> AbandonAsync(string tenant, string key, CancellationToken ct);

    /// <summary>The live record for (tenant, key), or <see langword="null"/> when there is none or it expired.</summary>
    Task<IdempotencyRecord?> GetAsync(string tenant, string key, CancellationToken ct);

    /// <summary>
    /// Waits until a duplicate can answer from the record: it is <see cref="IdempotencyState.Completed"/>, has a
    /// <see cref="IdempotencyRecord.StreamId"/> to follow, or is gone (<see langword="null"/>: abandoned or expired, so the
    /// caller may claim again). When <paramref name="timeout"/> passes first, returns the record as it is (still in
    /// progress; the draft's answer is 409).
    /// </summary>
    Task<IdempotencyRecord?> WaitForCompletionAsync(string tenant, string key, TimeSpan timeout, CancellationToken ct);

    /// <summary>Deletes the records that expired at or before <paramref name="expiredBy"/>; returns how many.</summary>
    Task<int> PurgeAsync(DateTimeOffset expiredBy, CancellationToken ct);
}
