using Switchyard.Costs;

namespace Switchyard.Hosting.Configuration;

/// <summary>Validates and converts <see cref="CostOptions"/> into the engine's cost types.</summary>
internal static class CostConfiguration
{
    private static readonly Dictionary<string, BudgetScope> Scopes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["global"] = BudgetScope.Global, ["tenant"] = BudgetScope.Tenant, ["key"] = BudgetScope.Key, ["route"] = BudgetScope.Route,
    };

    private static readonly Dictionary<string, BudgetWindowKind> Windows = new(StringComparer.OrdinalIgnoreCase)
    {
        ["day"] = BudgetWindowKind.Day, ["month"] = BudgetWindowKind.Month, ["rolling"] = BudgetWindowKind.Rolling,
    };

    public static void Validate(SwitchyardOptions options, List<string> errors)
    {
        const string path = $"{SwitchyardOptions.SectionName}:Costs";
        var costs = options.Costs;
        if (costs.MaxRequestUsd is <= 0)
        {
            errors.Add($"{path}:MaxRequestUsd must be positive (was {costs.MaxRequestUsd}).");
        }

        if (costs.RequestCapAction is not ("reject" or "clamp-output"))
        {
            errors.Add($"{path}:RequestCapAction must be 'reject' or 'clamp-output' (was '{costs.RequestCapAction}').");
        }

        if (costs.UnpricedModels is not ("free" or "reject"))
        {
            errors.Add($"{path}:UnpricedModels must be 'free' or 'reject' (was '{costs.UnpricedModels}').");
        }

        if (costs.ReservationTtlSeconds <= 0)
        {
            errors.Add($"{path}:ReservationTtlSeconds must be positive (was {costs.ReservationTtlSeconds}).");
        }

        // A nanosecond period would spin and 1e300 seconds overflows a TimeSpan; tests sweep every half second.
        if (costs.BatchBillingSweepSeconds is not (0 or (>= 0.1 and <= 86_400)))
        {
            errors.Add($"{path}:BatchBillingSweepSeconds must be 0 (off) or 0.1–86400 seconds (was {costs.BatchBillingSweepSeconds}).");
        }

        if (costs.DefaultMaxOutputTokens <= 0)
        {
            errors.Add($"{path}:DefaultMaxOutputTokens must be positive (was {costs.DefaultMaxOutputTokens}).");
        }

        foreach (var (model, price) in costs.Prices)
        {
            CheckPrice($"{path}:Prices:{model}", price, errors);
            if (price.Model is not null)
            {
                errors.Add($"{path}:Prices:{model}:Model is read in PriceList entries only; here the key '{model}' names the model.");
            }
        }

        var listed = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < costs.PriceList.Count; i++)
        {
            var entry = costs.PriceList[i];
            var at = $"{path}:PriceList:{i}";
            if (string.IsNullOrWhiteSpace(entry.Model))
            {
                errors.Add($"{at}:Model is required: the model name the entry prices.");
                continue;
            }

            if (!listed.Add(entry.Model) || costs.Prices.ContainsKey(entry.Model))
            {
                errors.Add($"{at}:Model '{entry.Model}' is priced twice (in PriceList or Prices).");
            }

            CheckPrice(at, entry, errors);
        }

        for (var i = 0; i < costs.Budgets.Count; i++)
        {
            var budget = costs.Budgets[i];
            var at = $"{path}:Budgets:{i}";
            if (!Scopes.ContainsKey(budget.Scope))
            {
                errors.Add($"{at}:Scope must be global, tenant, key or route (was '{budget.Scope}').");
            }

            if (!Windows.ContainsKey(budget.Window))
            {
                errors.Add($"{at}:Window must be day, month or rolling (was '{budget.Window}').");
            }

            if (budget.LimitUsd is null)
            {
                errors.Add($"{at}:LimitUsd is required: the budget's limit in USD (0 refuses every request it covers).");
            }

            if (budget.RollingSeconds is not null && Windows.TryGetValue(budget.Window, out var window) && window != BudgetWindowKind.Rolling)
            {
                errors.Add($"{at}:RollingSeconds applies to rolling windows only (Window is '{budget.Window}').");
            }

            if (budget.DowngradeRoute is { } route && !options.Routes.ContainsKey(route))
            {
                errors.Add($"{at}:DowngradeRoute names an unknown route '{route}'.");
            }

            if (budget.Hard && budget.DowngradeRoute is not null)
            {
                errors.Add($"{at}:DowngradeRoute applies to soft budgets only (set Hard to false).");
            }
        }

        if (errors.Count == 0)
        {
            // The engine's own rules (unique names, positive limits, rolling periods), reported with their paths.
            errors.AddRange(BudgetDefinition.Validate(Budgets(costs)).Select(e => $"{path}:Budgets: {e}"));
        }
    }

    private static void CheckPrice(string at, PriceOptions price, List<string> errors)
    {
        if (price.IsInvalid)
        {
            errors.Add($"{at} values must not be negative, and BatchDiscount must be between 0 and 1.");
        }
    }

    public static IReadOnlyList<BudgetDefinition> Budgets(CostOptions costs) => costs.Budgets
        .Select(b => new BudgetDefinition(b.Name, Scopes[b.Scope], b.Subject, Windows[b.Window], b.LimitUsd ?? 0, b.Hard)
        {
            RollingPeriod = b.RollingSeconds is { } s ? TimeSpan.FromSeconds(s) : null,
            DowngradeRoute = b.DowngradeRoute,
        })
        .ToList();

    public static CostPolicy Policy(CostOptions costs) => new()
    {
        MaxRequestUsd = costs.MaxRequestUsd,
        RequestCapAction = costs.RequestCapAction == "clamp-output" ? RequestCapAction.ClampOutput : RequestCapAction.Reject,
        ReservationTtl = TimeSpan.FromSeconds(costs.ReservationTtlSeconds),
        DefaultMaxOutputTokens = costs.DefaultMaxOutputTokens,
        RejectUnpricedModels = costs.UnpricedModels == "reject",
    };

    public static PriceBook Prices(CostOptions costs) => new(costs.Prices
        .Concat(costs.PriceList.Where(p => !string.IsNullOrWhiteSpace(p.Model)).Select(p => KeyValuePair.Create(p.Model!, p)))
        .ToDictionary(p => p.Key, p => p.Value.ToModelPrice()));
}
