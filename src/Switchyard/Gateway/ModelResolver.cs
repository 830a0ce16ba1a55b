using Switchyard.Providers;

namespace Switchyard.Gateway;

/// <summary>
/// Decides which provider serves a plain model name: explicit configuration first, then the naming conventions
/// (<c>gpt-*</c>, <c>chatgpt-*</c>, <c>ft:gpt*</c>, <c>o*</c>, <c>text-embedding-*</c> → OpenAI; <c>claude-*</c> → Anthropic).
/// Thread-safe, immutable.
/// </summary>
public sealed class ModelResolver
{
    private readonly IReadOnlyDictionary<string, IChatProvider> _providers;
    private readonly IReadOnlyDictionary<string, string> _explicit;

    /// <summary>Creates a resolver over the configured providers.</summary>
    /// <param name="providers">Providers by name (<c>openai</c>, <c>anthropic</c>); a missing one is simply not routable.</param>
    /// <param name="explicitModels">Model name → provider name overrides (exact, case-sensitive).</param>
    public ModelResolver(IEnumerable<IChatProvider> providers, IReadOnlyDictionary<string, string>? explicitModels = null)
    {
        ArgumentNullException.ThrowIfNull(providers);
        _providers = providers.ToDictionary(p => p.Name, StringComparer.Ordinal);
        _explicit = explicitModels ?? new Dictionary<string, string>();
    }

    /// <summary>All configured providers.</summary>
    public IEnumerable<IChatProvider> Providers => _providers.Values;

    /// <summary>The provider for <paramref name="model"/>, or null when no rule matches or the provider is not configured.</summary>
    public IChatProvider? Resolve(string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var name = _explicit.TryGetValue(model, out var configured) ? configured : ProviderByConvention(model);
        return name is not null && _providers.TryGetValue(name, out var provider) ? provider : null;
    }

    /// <summary>The provider the naming conventions give <paramref name="model"/> (<c>openai</c>, <c>anthropic</c>), or null.</summary>
    public static string? ProviderByConvention(string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.StartsWith("claude-", StringComparison.Ordinal))
        {
            return "anthropic";
        }

        if (model.StartsWith("gpt-", StringComparison.Ordinal)
            || model.StartsWith("chatgpt-", StringComparison.Ordinal)
            || model.StartsWith("ft:gpt", StringComparison.Ordinal)
            || model.StartsWith("text-embedding-", StringComparison.Ordinal)
            || (model.Length > 1 && model[0] == 'o'))
        {
            return "openai";
        }

        return null;
    }
}
