namespace Switchyard.Storage;

/// <summary>
/// Which tenant owns which provider file and batch, so a gateway forwarding the batch APIs shows each tenant only its own,
/// and whether a batch's results were already billed. Implementations are thread-safe.
/// </summary>
public interface IBatchOwnership : IAsyncDisposable
{
    /// <summary>Records that <paramref name="tenant"/> owns the object (idempotent; the first owner stays).</summary>
    /// <param name="kind"><see cref="BatchObjectKind"/> of the id.</param>
    /// <param name="id">The provider's id (<c>file-…</c>, <c>batch_…</c>, <c>msgbatch_…</c>).</param>
    /// <param name="tenant">Owning tenant.</param>
    /// <param name="keyName">The virtual key that created it (spend is recorded under it).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task AddAsync(BatchObjectKind kind, string id, string tenant, string keyName, CancellationToken cancellationToken);

    /// <summary>Records that <paramref name="tenant"/> owns a batch that holds <paramref name="reservation"/> until it is billed (idempotent).</summary>
    /// <param name="kind"><see cref="BatchObjectKind.OpenAIBatch"/> or <see cref="BatchObjectKind.AnthropicBatch"/>.</param>
    /// <param name="id">The provider's batch id.</param>
    /// <param name="tenant">Owning tenant.</param>
    /// <param name="keyName">The virtual key that created it.</param>
    /// <param name="reservation">The budget reservation taken for it; null when none was taken.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task AddBatchAsync(BatchObjectKind kind, string id, string tenant, string keyName, BatchReservation? reservation, CancellationToken cancellationToken);

    /// <summary>The key name that created the object, when <paramref name="tenant"/> owns it; null otherwise (also for another tenant's id).</summary>
    Task<string?> FindAsync(BatchObjectKind kind, string id, string tenant, CancellationToken cancellationToken);

    /// <summary>The tenant's ids of one kind, newest first, starting after <paramref name="afterId"/> (exclusive) when given.</summary>
    Task<IReadOnlyList<string>> ListAsync(BatchObjectKind kind, string tenant, string? afterId, int limit, CancellationToken cancellationToken);

    /// <summary>The tenant's ids of one kind, newest first, that are newer than <paramref name="beforeId"/> (the page just before it).</summary>
    Task<IReadOnlyList<string>> ListBeforeAsync(BatchObjectKind kind, string tenant, string beforeId, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Claims the one-time billing of a batch: true for exactly one caller ever, across processes sharing the file.
    /// The claim is taken before the spend is appended, so a crash in between loses that batch's spend rather than doubling it.
    /// </summary>
    Task<bool> ClaimBillingAsync(string batchId, CancellationToken cancellationToken);

    /// <summary>The budget reservation recorded with a batch by <see cref="AddBatchAsync"/>; null when it holds none.</summary>
    Task<BatchReservation?> FindReservationAsync(string batchId, CancellationToken cancellationToken);

    /// <summary>
    /// Batches not billed yet, oldest first, after the one with sequence number <paramref name="afterSeq"/>: what the
    /// gateway's billing sweep looks at, so that a batch nobody asks about after it ends is still billed.
    /// </summary>
    Task<IReadOnlyList<UnbilledBatch>> ListUnbilledAsync(long afterSeq, int limit, CancellationToken cancellationToken);

    /// <summary>Forgets an object (a deleted file or batch).</summary>
    Task RemoveAsync(BatchObjectKind kind, string id, CancellationToken cancellationToken);
}

/// <summary>A batch whose spend is not recorded yet.</summary>
/// <param name="Seq">Its place in the table (for paging).</param>
/// <param name="Kind"><see cref="BatchObjectKind.OpenAIBatch"/> or <see cref="BatchObjectKind.AnthropicBatch"/>.</param>
/// <param name="Id">The provider's batch id.</param>
/// <param name="Tenant">The owning tenant.</param>
/// <param name="KeyName">The key that created it.</param>
public sealed record UnbilledBatch(long Seq, BatchObjectKind Kind, string Id, string Tenant, string KeyName);
