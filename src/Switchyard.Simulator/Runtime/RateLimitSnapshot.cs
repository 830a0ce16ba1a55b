namespace Switchyard.Simulator.Runtime;

/// <summary>One provider's rate-limit state as reported on a response.</summary>
internal readonly record struct RateLimitSnapshot(
    long RequestLimit,
    long RequestsRemaining,
    long InputTokenLimit,
    long InputTokensRemaining,
    long OutputTokenLimit,
    long OutputTokensRemaining,
    TimeSpan RequestsReset,
    TimeSpan TokensReset,
    DateTimeOffset WindowEnd)
{
    public long TokenLimit => InputTokenLimit + OutputTokenLimit;

    public long TokensRemaining => InputTokensRemaining + OutputTokensRemaining;
}
