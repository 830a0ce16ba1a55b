namespace Switchyard.Hosting;

/// <summary>The current models of each provider that <c>GET /v1/models</c> lists (PROTOCOLS.md §9).</summary>
internal static class KnownModels
{
    // The embedding models are the priced ones that POST /v1/embeddings serves (DefaultPrices).
    public static IReadOnlyList<string> OpenAI { get; } =
        ["gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini", "gpt-4.1-nano", "o3", "o4-mini", "gpt-5", "text-embedding-3-small", "text-embedding-3-large"];

    public static IReadOnlyList<string> Anthropic { get; } =
        ["claude-opus-4-5", "claude-sonnet-4-5", "claude-haiku-4-5", "claude-opus-4-1", "claude-sonnet-4-0", "claude-3-5-haiku-latest"];
}
