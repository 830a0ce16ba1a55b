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

    /// <summary>
    /// The one-hour cache-write price (Anthropic <c>cache_control.ttl:"1h"</c>); null means twice
    /// <see cref="InputPerMillion"/>, Anthropic's rate for every model (PROTOCOLS.md §7).
    /// </summary>
    public decimal? HourCacheWritePerMillion { get; init; }

    /// <summary>The one-hour cache-write price in effect.</summary>
    public decimal HourCacheWriteRate => HourCacheWritePerMillion ?? InputPerMillion * 2;
}
