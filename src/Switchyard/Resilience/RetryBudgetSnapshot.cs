namespace Switchyard.Resilience;

/// <summary>A retry budget's state at one moment, for metrics and the admin API.</summary>
/// <param name="Requests">First attempts recorded within the TTL window.</param>
/// <param name="Retries">Retries withdrawn within the TTL window.</param>
/// <param name="Available">Retries that would be allowed now.</param>
public readonly record struct RetryBudgetSnapshot(long Requests, long Retries, long Available);
