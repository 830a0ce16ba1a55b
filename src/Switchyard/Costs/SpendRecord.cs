using Switchyard.Model;

namespace Switchyard.Costs;

/// <summary>Actual spend of one request, as settled from the provider's usage.</summary>
/// <param name="Tenant">The tenant id.</param>
/// <param name="KeyName">The virtual key name.</param>
/// <param name="Route">The route name.</param>
/// <param name="Provider">The provider that served it.</param>
/// <param name="Model">The upstream model.</param>
/// <param name="Usage">Reported usage.</param>
/// <param name="CostUsd">The cost (<see cref="PriceBook.Cost"/>).</param>
public sealed record SpendRecord(string Tenant, string KeyName, string Route, string Provider, string Model, TokenUsage Usage, decimal CostUsd)
{
    /// <summary>Whether it ran through a batch API.</summary>
    public bool Batch { get; init; }
}
