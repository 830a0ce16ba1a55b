namespace Switchyard.Costs;

/// <summary>A request to hold <paramref name="EstimatedMaxUsd"/> against every budget that applies to these coordinates.</summary>
/// <param name="Tenant">The tenant id.</param>
/// <param name="KeyName">The virtual key name.</param>
/// <param name="Route">The route name.</param>
/// <param name="Provider">The provider the attempt goes to.</param>
/// <param name="Model">The upstream model.</param>
/// <param name="EstimatedMaxUsd">The worst-case cost (<see cref="PriceBook.MaxCost"/>); zero or more.</param>
public sealed record ReservationRequest(string Tenant, string KeyName, string Route, string Provider, string Model, decimal EstimatedMaxUsd);
