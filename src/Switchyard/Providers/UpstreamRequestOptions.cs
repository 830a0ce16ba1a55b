namespace Switchyard.Providers;

/// <summary>How a codec should write a canonical request for a provider.</summary>
/// <param name="Model">The provider model to ask for (the route has already resolved aliases).</param>
/// <param name="Stream">Whether to ask for a stream.</param>
public sealed record UpstreamRequestOptions(string Model, bool Stream)
{
    /// <summary>
    /// Output token limit to send when the request has none and the format requires one (Anthropic <c>max_tokens</c>).
    /// The default is 4096.
    /// </summary>
    public int DefaultMaxOutputTokens { get; init; } = 4096;
}
