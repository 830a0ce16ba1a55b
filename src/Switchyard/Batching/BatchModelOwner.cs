using Switchyard.Gateway;

namespace Switchyard.Batching;

/// <summary>
/// Which provider a batch line's model belongs to, by the gateway's rules (<see cref="ModelResolver"/>: the configured
/// <c>Switchyard:Models</c> map first, then the naming conventions). A batch belongs to one provider account, so a line
/// naming the other provider's model could only fail there, after the job was paid for in time and planning; it is
/// refused with the other invalid lines instead.
/// </summary>
internal static class BatchModelOwner
{
    /// <summary>Why <paramref name="model"/> cannot run on <paramref name="provider"/>, or null when it can (or no rule names its owner).</summary>
    /// <param name="model">The line's model (or <c>--model</c>'s).</param>
    /// <param name="provider">The job's provider: <c>openai</c> or <c>anthropic</c>.</param>
    /// <param name="configured">Model name → provider overrides.</param>
    /// <param name="fromOption">Whether the model came from <c>--model</c> rather than the line.</param>
    public static string? Mismatch(string model, string provider, IReadOnlyDictionary<string, string> configured, bool fromOption)
    {
        var owner = configured.TryGetValue(model, out var named) ? named : ModelResolver.ProviderByConvention(model);
        if (owner is null || string.Equals(owner, provider, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var source = fromOption ? " (--model)" : string.Empty;
        return $"model '{model}'{source} is a{(owner == "openai" ? "n OpenAI" : "n Anthropic")} model; this job runs on {provider}";
    }
}
