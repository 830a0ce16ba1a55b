using Switchyard.Failures;
using Switchyard.Routing;

namespace Switchyard.Hosting.Configuration;

/// <summary>The routing part of <see cref="SwitchyardOptionsValidator"/>: routes, targets, tiers and fallback policies.</summary>
internal static class RoutingValidation
{
    public static readonly IReadOnlyDictionary<string, RoutingStrategy> Strategies = new Dictionary<string, RoutingStrategy>(StringComparer.OrdinalIgnoreCase)
    {
        ["priority"] = RoutingStrategy.Priority,
        ["weighted"] = RoutingStrategy.Weighted,
        ["lowest-latency"] = RoutingStrategy.LowestLatency,
        ["lowest-cost"] = RoutingStrategy.LowestCost,
    };

    public static readonly IReadOnlyDictionary<string, FailureAction> Actions = new Dictionary<string, FailureAction>(StringComparer.OrdinalIgnoreCase)
    {
        ["retry"] = FailureAction.Retry,
        ["fallback"] = FailureAction.FallBack,
        ["failfast"] = FailureAction.FailFast,
    };

    public static void Validate(SwitchyardOptions options, List<string> errors)
    {
        const string root = SwitchyardOptions.SectionName;
        var tiers = new HashSet<string>(TimeoutTier.BuiltIn.Keys, StringComparer.Ordinal);
        foreach (var (name, tier) in options.TimeoutTiers)
        {
            tiers.Add(name);
            foreach (var (field, value) in new[] { ("ConnectMs", tier.ConnectMs), ("FirstTokenMs", tier.FirstTokenMs), ("AnswerMs", tier.AnswerMs), ("StreamIdleMs", tier.StreamIdleMs), ("TotalMs", tier.TotalMs) })
            {
                if (value is <= 0)
                {
                    errors.Add($"{root}:TimeoutTiers:{name}:{field} must be positive (was {value}).");
                }
            }
        }

        if (!tiers.Contains(options.DefaultTier))
        {
            errors.Add($"{root}:DefaultTier names an unknown tier '{options.DefaultTier}' (known: {string.Join(", ", tiers.Order())}).");
        }

        foreach (var (name, route) in options.Routes)
        {
            var path = $"{root}:Routes:{name}";
            if (string.IsNullOrWhiteSpace(name))
            {
                errors.Add($"{root}:Routes has a route without a name; clients send the name as model.");
            }

            if (!Strategies.ContainsKey(route.Strategy))
            {
                errors.Add($"{path}:Strategy must be one of {string.Join(", ", Strategies.Keys)} (was '{route.Strategy}').");
            }

            if (route.Targets.Count == 0)
            {
                errors.Add($"{path}:Targets must list at least one target.");
            }

            for (var i = 0; i < route.Targets.Count; i++)
            {
                ValidateTarget(route.Targets[i], $"{path}:Targets:{i}", tiers, errors);
            }

            if (route.Tier is { } tierName && !tiers.Contains(tierName))
            {
                errors.Add($"{path}:Tier names an unknown tier '{tierName}'.");
            }

            if (route.MaxAttempts < 1)
            {
                errors.Add($"{path}:MaxAttempts must be at least 1 (was {route.MaxAttempts}).");
            }

            if (route.MaxRetriesPerTarget < 0)
            {
                errors.Add($"{path}:MaxRetriesPerTarget must not be negative (was {route.MaxRetriesPerTarget}).");
            }

            if (route.HedgeAfterMs is <= 0)
            {
                errors.Add($"{path}:HedgeAfterMs must be positive (was {route.HedgeAfterMs}).");
            }

            foreach (var (kind, action) in route.Fallback)
            {
                if (!Enum.TryParse<FailureKind>(kind, ignoreCase: true, out _))
                {
                    errors.Add($"{path}:Fallback:{kind} is not a failure kind (known: {string.Join(", ", Enum.GetNames<FailureKind>())}).");
                }

                if (!Actions.ContainsKey(action))
                {
                    errors.Add($"{path}:Fallback:{kind} must be retry, fallback or failfast (was '{action}').");
                }
            }
        }

        for (var i = 0; i < options.DefaultFallback.Count; i++)
        {
            ValidateTarget(options.DefaultFallback[i], $"{root}:DefaultFallback:{i}", tiers, errors);
        }
    }

    private static void ValidateTarget(RouteTargetOptions target, string path, HashSet<string> tiers, List<string> errors)
    {
        if (target.Provider is not ("openai" or "anthropic" or "openai-responses"))
        {
            errors.Add($"{path}:Provider must be 'openai', 'openai-responses' (OpenAI's Responses API) or 'anthropic' (was '{target.Provider}').");
        }

        if (string.IsNullOrWhiteSpace(target.Model))
        {
            errors.Add($"{path}:Model is required.");
        }

        if (target.Weight < 0)
        {
            errors.Add($"{path}:Weight must not be negative (was {target.Weight}).");
        }

        if (target.ContextWindow is <= 0)
        {
            errors.Add($"{path}:ContextWindow must be positive (was {target.ContextWindow}).");
        }

        if (target.Tier is { } tier && !tiers.Contains(tier))
        {
            errors.Add($"{path}:Tier names an unknown tier '{tier}'.");
        }

        if (target.Price is { IsInvalid: true })
        {
            errors.Add($"{path}:Price values must not be negative, and BatchDiscount must be between 0 and 1.");
        }
    }
}
