using System.Globalization;
using System.Text.RegularExpressions;

namespace Switchyard.Simulator.Requests;

/// <summary>Which model names each simulated provider accepts, and the ones it lists.</summary>
internal static partial class ModelCatalog
{
    /// <summary>Models returned by <c>GET /v1/models</c>; chat accepts any <c>gpt-*</c> or <c>o*</c> name.</summary>
    public static readonly IReadOnlyList<string> OpenAIModels =
        ["gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini", "gpt-4.1-nano", "o3", "o4-mini", "gpt-5"];

    /// <summary>OpenAI's names, and fine-tunes of them (<c>ft:gpt-4o-mini:org::id</c>), which a real account may own.</summary>
    public static bool IsOpenAIModel(string model) =>
        model.StartsWith("gpt-", StringComparison.Ordinal) || model.StartsWith('o')
        || (model.StartsWith("ft:", StringComparison.Ordinal) && IsOpenAIModel(model[3..]));

    /// <summary>OpenAI's reasoning models: the o-series and GPT-5 (not <c>gpt-5-chat-*</c>), fine-tunes of them too.</summary>
    public static bool IsReasoningModel(string model)
    {
        if (model.StartsWith("ft:", StringComparison.Ordinal))
        {
            model = model[3..];
        }

        return model.StartsWith("gpt-5", StringComparison.Ordinal)
            ? !model.StartsWith("gpt-5-chat", StringComparison.Ordinal)
            : model.Length >= 2 && model[0] == 'o' && char.IsAsciiDigit(model[1]);
    }

    public static bool IsAnthropicModel(string model) => model.StartsWith("claude-", StringComparison.Ordinal);

    /// <summary>
    /// The shortest prefix a Claude model caches, in tokens; a breakpoint on a shorter one is ignored, neither read nor
    /// billed as a write: 4,096 for Haiku 4.5 and Opus 4.5 and 4.6, 2,048 for Sonnet 4.6 and the Haiku 3 models, 1,024 otherwise.
    /// </summary>
    public static int MinCacheableTokens(string model) =>
        model.StartsWith("claude-haiku-4-5", StringComparison.Ordinal) || model.StartsWith("claude-opus-4-5", StringComparison.Ordinal) || model.StartsWith("claude-opus-4-6", StringComparison.Ordinal) ? 4096
        : model.StartsWith("claude-sonnet-4-6", StringComparison.Ordinal) || model.StartsWith("claude-3-haiku", StringComparison.Ordinal) || model.StartsWith("claude-3-5-haiku", StringComparison.Ordinal) ? 2048
        : 1024;

    /// <summary>
    /// Whether a Claude model rejects a trailing assistant message (prefill): Opus and Sonnet from 4.6 on
    /// (<c>claude-opus-4-6</c>, <c>claude-sonnet-4-6-20260217</c>, <c>claude-opus-5</c>…), PROTOCOLS §4.7.
    /// Older names (<c>claude-sonnet-4-5</c>, <c>claude-3-7-sonnet-…</c>) and Haiku keep accepting it.
    /// </summary>
    public static bool RejectsPrefill(string model)
    {
        var match = ClaudeVersion().Match(model);
        if (!match.Success)
        {
            return false;
        }

        var major = int.Parse(match.Groups["major"].ValueSpan, CultureInfo.InvariantCulture);
        // A minor version is one or two digits; eight digits are a snapshot date (claude-sonnet-4-20250514 is 4.0).
        var minor = match.Groups["minor"].Success ? int.Parse(match.Groups["minor"].ValueSpan, CultureInfo.InvariantCulture) : 0;
        return major > 4 || (major == 4 && minor >= 6);
    }

    [GeneratedRegex(@"^claude-(?:opus|sonnet)-(?<major>\d{1,2})(?:-(?<minor>\d{1,2}))?(?:-\d{8})?(?:$|[-@:])", RegexOptions.CultureInvariant)]
    private static partial Regex ClaudeVersion();
}
