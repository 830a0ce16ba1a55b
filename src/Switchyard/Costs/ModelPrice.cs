namespace Switchyard.Costs;

/// <summary>USD prices per million tokens of one model.</summary>
public sealed record ModelPrice(decimal InputPerMillion, decimal CachedInputPerMillion, decimal CacheWritePerMillion, decimal OutputPerMillion)
{
    /// <summary>Fraction of the price paid on the batch APIs. The default is 0.5 (half price).</summary>
    public decimal BatchDiscount { get; init; } = 0.5m;
}
