namespace Switchyard.Batching;

/// <summary>The worst case of a provider-format batch, from <see cref="BatchCostEstimator"/>.</summary>
/// <param name="MaxUsd">The sum of every request's worst case at batch prices; requests of unpriced models count as free.</param>
/// <param name="Requests">How many requests the batch holds.</param>
/// <param name="Model">The model of the batch's priciest request (the first request's when none is priced); null when empty.</param>
/// <param name="UnpricedModel">The first model the price book does not know (or a request naming none), counted as free; null when every request is priced.</param>
public sealed record BatchCostEstimate(decimal MaxUsd, long Requests, string? Model, string? UnpricedModel = null);
