namespace Switchyard.Costs;

/// <summary>
/// List prices of one model in USD per million tokens. <see cref="CachedInputPerMillion"/> is the cache-read price and
/// <see cref="CacheWritePerMillion"/> the (5-minute) cache-write price; for providers without a write surcharge it equals
/// <see cref="InputPerMillion"/>.
/// </summary>
public sealed record ModelPrice(decimal InputPerMillion, decimal CachedInputPerMillion, decimal CacheWritePerMillion, decimal OutputPerMillion)
{
    /// <summary>Fraction of the price paid for batch requests. The default is 0.5 (half price), as both providers charge.</summary>
    public decimal BatchDiscount { get; init; } = 0.5m;
}
