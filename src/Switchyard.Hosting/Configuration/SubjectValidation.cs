using Switchyard.Gateway;
using Switchyard.Hosting.Auth;
using Switchyard.Hosting.Memory;

namespace Switchyard.Hosting.Configuration;

/// <summary>
/// The part of <see cref="SwitchyardOptionsValidator"/> that checks names pointing elsewhere in the configuration: the
/// subjects of budgets and the tenants of inbound limits. A misspelled subject matches no request, so the budget or
/// limit would silently never apply; it is refused instead, with the names that do exist.
/// </summary>
internal static class SubjectValidation
{
    /// <summary>The tenant of <c>SWITCHYARD_API_KEY</c> and of the development key.</summary>
    internal const string ProcessTenant = "default";

    /// <summary>The key name of the key given in <c>SWITCHYARD_API_KEY</c>, served beside the configured keys.</summary>
    internal const string EnvironmentKeyName = "SWITCHYARD_API_KEY";

    /// <summary>
    /// The key names of <c>SWITCHYARD_API_KEY</c> and of the development key, and those memory's own calls are made
    /// under (its summarizer and provider embedder go through budgets like any request, so a key budget may cap them).
    /// </summary>
    private static readonly string[] ProcessKeyNames = [EnvironmentKeyName, "dev", GatewaySummarizer.KeyName, GatewayEmbedder.KeyName];

    /// <summary>The route name batch spend is counted under.</summary>
    private const string BatchRoute = "batch";

    /// <param name="options">The options.</param>
    /// <param name="tenantsComeFromKeys">Whether tenants and key names are those of Keys (the gateway), or whatever each client says (the library).</param>
    /// <param name="errors">Where problems are added.</param>
    public static void Validate(SwitchyardOptions options, bool tenantsComeFromKeys, List<string> errors)
    {
        const string root = SwitchyardOptions.SectionName;
        var tenants = options.Keys.Select(k => k.Tenant).Append(ProcessTenant).ToHashSet(StringComparer.Ordinal);
        var keyNames = options.Keys.Where(k => k.Hash.Length >= 15).Select(k => k.Name ?? KeyHash.Normalize(k.Hash)[..15]).Concat(ProcessKeyNames).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < options.Costs.Budgets.Count; i++)
        {
            var budget = options.Costs.Budgets[i];
            var at = $"{root}:Costs:Budgets:{i}:Subject";
            if (budget.Subject is not { } subject)
            {
                continue;
            }

            var problem = budget.Scope.ToLowerInvariant() switch
            {
                "global" => "does not apply to a global budget (leave it out)",
                "tenant" when tenantsComeFromKeys && !tenants.Contains(subject) => $"names no tenant of Switchyard:Keys (tenants: {Listed(tenants)})",
                "key" when tenantsComeFromKeys && !keyNames.Contains(subject) => $"names no key of Switchyard:Keys (key names: {Listed(keyNames)})",
                "route" when !IsRoute(options, subject) => $"names no route (routes: {Listed(options.Routes.Keys.Append(BatchRoute))}; a plain model name counts as its own route)",
                _ => null,
            };
            if (problem is not null)
            {
                errors.Add($"{at} '{subject}' {problem}.");
            }
        }

        foreach (var tenant in options.InboundLimits.Tenants.Keys.Where(t => tenantsComeFromKeys && !tenants.Contains(t)))
        {
            errors.Add($"{root}:InboundLimits:Tenants:{tenant} names no tenant of Switchyard:Keys (tenants: {Listed(tenants)}).");
        }
    }

    private static bool IsRoute(SwitchyardOptions options, string name) =>
        options.Routes.ContainsKey(name) || name == BatchRoute || options.Models.ContainsKey(name) || ModelResolver.ProviderByConvention(name) is not null;

    private static string Listed(IEnumerable<string> names) => string.Join(", ", names.Where(n => n.Length > 0).Order(StringComparer.Ordinal));
}
