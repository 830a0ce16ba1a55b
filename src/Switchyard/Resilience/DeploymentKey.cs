using Switchyard.Routing;

namespace Switchyard.Resilience;

/// <summary>
/// A provider deployment: the unit that providers rate-limit and that shares one retry budget — a provider, the API key
/// (account) used, and a model family (models that share limits; by default the model name itself).
/// </summary>
/// <param name="Provider">Provider name (<c>openai</c>, <c>anthropic</c>).</param>
/// <param name="Account">Which configured key or account; never the key itself.</param>
/// <param name="ModelFamily">The models that share one set of limits.</param>
public readonly record struct DeploymentKey(string Provider, string Account, string ModelFamily)
{
    /// <summary>The deployment of <paramref name="target"/> under <paramref name="account"/>, with the model as its own family.</summary>
    public static DeploymentKey For(RouteTarget target, string account = "default")
    {
        ArgumentNullException.ThrowIfNull(target);
        return new(target.Provider, account, target.Model);
    }

    /// <summary><c>provider/account/family</c>: the key used in configuration, metrics and snapshots.</summary>
    public override string ToString() => $"{Provider}/{Account}/{ModelFamily}";
}
