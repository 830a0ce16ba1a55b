using Switchyard.Costs;
using Switchyard.Failures;
using Switchyard.Routing;

namespace Switchyard.Hosting.Configuration;

/// <summary>Turns validated <see cref="SwitchyardOptions"/> into the engine's immutable <see cref="RouteTable"/>.</summary>
internal static class RouteTableFactory
{
    public static RouteTable Create(SwitchyardOptions options, Func<string, string?> providerOf)
    {
        var routes = options.Routes.Select(pair => new Route(pair.Key, pair.Value.Targets.Select(ToTarget).ToList())
        {
            Strategy = RoutingValidation.Strategies[pair.Value.Strategy],
            Tier = pair.Value.Tier,
            MaxAttempts = pair.Value.MaxAttempts,
            MaxRetriesPerTarget = pair.Value.MaxRetriesPerTarget,
            AllowContinuation = pair.Value.Continuation,
            AutoPromptCache = pair.Value.AutoPromptCache,
            HedgeAfter = pair.Value.HedgeAfterMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
            Fallback = new FallbackPolicy(pair.Value.Fallback.ToDictionary(
                f => Enum.Parse<FailureKind>(f.Key, ignoreCase: true),
                f => RoutingValidation.Actions[f.Value])),
        });
        var tiers = options.TimeoutTiers.ToDictionary(pair => pair.Key, pair => ToTier(pair.Key, pair.Value));
        return new RouteTable(routes, providerOf, tiers, options.DefaultTier, options.DefaultFallback.Select(ToTarget).ToList());
    }

    public static RouteTarget ToTarget(RouteTargetOptions target) => new(target.Provider, target.Model)
    {
        Weight = target.Weight,
        ContextWindow = target.ContextWindow,
        Tier = target.Tier,
        Price = target.Price?.ToModelPrice(),
    };

    private static TimeoutTier ToTier(string name, TimeoutTierOptions options)
    {
        var standard = TimeoutTier.BuiltIn.GetValueOrDefault(name) ?? TimeoutTier.BuiltIn["standard"];
        return new TimeoutTier(name)
        {
            Connect = options.ConnectMs is { } c ? TimeSpan.FromMilliseconds(c) : standard.Connect,
            FirstToken = options.FirstTokenMs is { } f ? TimeSpan.FromMilliseconds(f) : standard.FirstToken,
            Answer = options.AnswerMs is { } a ? TimeSpan.FromMilliseconds(a) : standard.Answer,
            StreamIdle = options.StreamIdleMs is { } i ? TimeSpan.FromMilliseconds(i) : standard.StreamIdle,
            Total = options.TotalMs is { } t ? TimeSpan.FromMilliseconds(t) : standard.Total,
        };
    }
}
