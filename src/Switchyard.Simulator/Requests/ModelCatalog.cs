namespace Switchyard.Simulator.Requests;

/// <summary>Which model names each simulated provider accepts, and the ones it lists.</summary>
internal static class ModelCatalog
{
    /// <summary>Models returned by <c>GET /v1/models</c>; chat accepts any <c>gpt-*</c> or <c>o*</c> name.</summary>
    public static readonly IReadOnlyList<string> OpenAIModels =
        ["gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini", "gpt-4.1-nano", "o3", "o4-mini", "gpt-5"];

    public static bool IsOpenAIModel(string model) => model.StartsWith("gpt-", StringComparison.Ordinal) || model.StartsWith('o');

    public static bool IsAnthropicModel(string model) => model.StartsWith("claude-", StringComparison.Ordinal);
}
