namespace Switchyard.StormReport;

/// <summary>
/// One of the two gateway configurations compared per scenario. Both have route <see cref="RouteName"/> = primary
/// <c>openai/gpt-4o-mini</c> then secondary <c>anthropic/claude-haiku-4-5</c> on timeout tier <c>storm</c>
/// (first token 500 ms, total 10 s, as in the storm suite), so the stalled primary of the slow-first-token storm is
/// abandoned after 500 ms in both.
/// </summary>
/// <param name="Name">The row label.</param>
/// <param name="Settings">Flat configuration keys added to the gateway's.</param>
internal sealed record GatewayConfiguration(string Name, IReadOnlyDictionary<string, string?> Settings)
{
    public const string RouteName = "storm";
    public const string PrimaryProvider = "openai";
    public const string PrimaryModel = "gpt-4o-mini";
    public const string SecondaryProvider = "anthropic";
    public const string SecondaryModel = "claude-haiku-4-5";

    /// <summary>The breaker's first break; the default is 5 s, shortened so recovery is observable in a compressed run.</summary>
    public const string BreakDuration = "00:00:02";

    /// <summary>The longest break after failed half-open probes; the default is 1 min, shortened for the same reason.</summary>
    public const string MaxBreakDuration = "00:00:04";

    /// <summary>Storm control on with its defaults except the two break durations; the default fallback policy.</summary>
    public static GatewayConfiguration Switchyard() => new("Switchyard", With(
        ("Switchyard:StormControl", "true"),
        ("Switchyard:Resilience:CircuitBreaker:BreakDuration", BreakDuration),
        ("Switchyard:Resilience:CircuitBreaker:MaxBreakDuration", MaxBreakDuration)));

    /// <summary>
    /// Storm control off (no retry budget, no breaker, no client-side rate limiter) and a route that retries every
    /// transient kind on the same target up to 3 times (MaxAttempts 5) before falling back: a plain client-side retry loop.
    /// </summary>
    public static GatewayConfiguration NaiveRetries() => new("naive retries", With(
        ("Switchyard:StormControl", "false"),
        ($"Switchyard:Routes:{RouteName}:MaxRetriesPerTarget", "3"),
        ($"Switchyard:Routes:{RouteName}:MaxAttempts", "5"),
        ($"Switchyard:Routes:{RouteName}:Fallback:RateLimited", "retry"),
        ($"Switchyard:Routes:{RouteName}:Fallback:Overloaded", "retry"),
        ($"Switchyard:Routes:{RouteName}:Fallback:ServerError", "retry"),
        ($"Switchyard:Routes:{RouteName}:Fallback:ConnectFailed", "retry"),
        ($"Switchyard:Routes:{RouteName}:Fallback:FirstTokenTimeout", "retry"),
        ($"Switchyard:Routes:{RouteName}:Fallback:StreamBroken", "retry")));

    private static Dictionary<string, string?> With(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            [$"Switchyard:Routes:{RouteName}:Targets:0:Provider"] = PrimaryProvider,
            [$"Switchyard:Routes:{RouteName}:Targets:0:Model"] = PrimaryModel,
            [$"Switchyard:Routes:{RouteName}:Targets:1:Provider"] = SecondaryProvider,
            [$"Switchyard:Routes:{RouteName}:Targets:1:Model"] = SecondaryModel,
            [$"Switchyard:Routes:{RouteName}:Tier"] = "storm",
            ["Switchyard:TimeoutTiers:storm:FirstTokenMs"] = "500",
            ["Switchyard:TimeoutTiers:storm:TotalMs"] = "10000",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }
}
