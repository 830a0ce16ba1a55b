namespace Switchyard.Streaming;

/// <summary>What <see cref="IIdempotencyStore.ClaimAsync"/> found.</summary>
public enum IdempotencyClaimOutcome
{
    /// <summary>A new record was created: the caller owns the request and must generate.</summary>
    Claimed,

    /// <summary>A record with the same fingerprint exists: the caller is a duplicate and answers from it.</summary>
    Existing,

    /// <summary>A record with a different fingerprint exists: the key was reused for another request (HTTP 422).</summary>
    Mismatch,
}

/// <summary>The result of <see cref="IIdempotencyStore.ClaimAsync"/>.</summary>
/// <param name="Outcome">What was found.</param>
/// <param name="Record">
/// The new record (<see cref="IdempotencyClaimOutcome.Claimed"/>) or the existing one
/// (<see cref="IdempotencyClaimOutcome.Existing"/>); <see langword="null"/> on a mismatch, which must not reveal the
/// other request's response.
/// </param>
public sealed record IdempotencyClaim(IdempotencyClaimOutcome Outcome, IdempotencyRecord? Record);
