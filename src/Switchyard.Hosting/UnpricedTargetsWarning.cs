using Microsoft.Extensions.Logging;
using Switchyard.Gateway;
using Switchyard.Routing;

namespace Switchyard.Hosting;

/// <summary>
/// Warns, when a configuration is applied, about route targets whose model has no price: with
/// <c>Costs:UnpricedModels</c> <c>free</c> their spend counts as $0 and no budget sees it, which an operator should
/// hear about at start rather than from an invoice. (With <c>reject</c> such a route's requests are refused instead.)
/// </summary>
internal static partial class UnpricedTargetsWarning
{
    public static void Log(ILogger logger, RouteTable routes, CostGate costs)
    {
        if (costs.Policy.RejectUnpricedModels)
        {
            return;
        }

        foreach (var route in routes.Routes)
        {
            foreach (var target in route.Targets.Where(t => costs.PriceOf(t) is null))
            {
                Unpriced(logger, route.Name, target.Provider, target.Model);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Route {Route}: target {Provider}/{Model} has no price, so its spend counts as $0 and no budget sees it. Price it under Switchyard:Costs:Prices or PriceList (or the target's Price), or set Switchyard:Costs:UnpricedModels to reject.")]
    private static partial void Unpriced(ILogger logger, string route, string provider, string model);
}
