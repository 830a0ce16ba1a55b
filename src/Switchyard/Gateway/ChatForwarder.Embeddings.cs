using System.Diagnostics.CodeAnalysis;
using Switchyard.Failures;
using Switchyard.Providers;
using Switchyard.Routing;

namespace Switchyard.Gateway;

public sealed partial class ChatForwarder
{
    /// <summary>
    /// The route an embeddings request may use: the targets whose provider has an embeddings API (OpenAI's, through
    /// either of its providers; Anthropic has none), in their configured order. A plain model name keeps only its own
    /// target: the default fallback targets are chat models, and another embedding model would answer vectors of
    /// another space. False, with <paramref name="refusal"/>, when no target can embed: a 400 naming each target and
    /// why, or the 503 of an unconfigured provider when that is the only reason.
    /// </summary>
    private bool TryEmbeddingRoute(Route route, [NotNullWhen(true)] out Route? embeddingRoute, [NotNullWhen(false)] out Failure? refusal)
    {
        embeddingRoute = null;
        refusal = null;
        var targets = route.IsImplicit ? route.Targets.Take(1) : route.Targets;
        var able = new List<RouteTarget>();
        var reasons = new List<string>();
        var unconfiguredOnly = true;
        foreach (var target in targets)
        {
            if (!_providers.TryGetValue(target.Provider, out var provider))
            {
                reasons.Add($"{target.Key}: its provider is not configured");
            }
            else if (provider is IEmbeddingProvider { EmbeddingCodec: not null })
            {
                able.Add(target);
            }
            else
            {
                unconfiguredOnly = false;
                reasons.Add($"{target.Key}: {target.Provider} has no embeddings API");
            }
        }

        if (able.Count > 0)
        {
            embeddingRoute = route with { Targets = able };
            return true;
        }

        var message = $"The model `{route.Name}` cannot create embeddings: {string.Join("; ", reasons)}. Use an OpenAI embedding model such as text-embedding-3-small, or a route whose targets are.";
        refusal = unconfiguredOnly
            ? new Failure(FailureKind.Overloaded, message)
            : new Failure(FailureKind.InvalidRequest, message) { Param = "model", ProviderErrorCode = "model_not_supported" };
        return false;
    }
}
