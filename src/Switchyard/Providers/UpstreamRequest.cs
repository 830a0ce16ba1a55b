namespace Switchyard.Providers;

/// <summary>A request body ready for a provider, already in that provider's format.</summary>
/// <param name="Body">UTF-8 JSON body.</param>
/// <param name="Stream">Whether the body asks for a stream (decides how the response is read).</param>
public sealed record UpstreamRequest(ReadOnlyMemory<byte> Body, bool Stream)
{
    /// <summary>Client headers to forward unchanged on same-format routes (e.g. <c>anthropic-beta</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ForwardedHeaders { get; init; } = [];

    /// <summary>
    /// Longest time to open a new connection for this request (timeout tier); null uses the handler's own limit.
    /// Honoured by handlers from <see cref="ProviderHttpHandler.Create"/>.
    /// </summary>
    public TimeSpan? ConnectTimeout { get; init; }
}
