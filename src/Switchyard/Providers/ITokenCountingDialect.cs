namespace Switchyard.Providers;

/// <summary>A dialect whose provider counts prompt tokens on an endpoint of its own (PROTOCOLS.md §8).</summary>
public interface ITokenCountingDialect
{
    /// <summary>The path of the count endpoint, e.g. <c>/v1/messages/count_tokens</c>.</summary>
    string CountTokensPath { get; }

    /// <summary>The format that endpoint speaks (OpenAI counts in the Responses format, whichever API chat uses).</summary>
    ITokenCountCodec CountCodec { get; }
}

/// <summary>A provider that can count prompt tokens (see <see cref="ITokenCountingDialect"/>).</summary>
public interface ITokenCountingProvider
{
    /// <summary>The format of the provider's count endpoint; null when it has none.</summary>
    ITokenCountCodec? CountCodec { get; }

    /// <summary>
    /// Sends a count request (a body in <see cref="CountCodec"/>'s format). Never throws for provider or transport
    /// failures: they come back classified, as from <see cref="IChatProvider.SendAsync"/>.
    /// </summary>
    /// <exception cref="NotSupportedException">The provider cannot count (<see cref="CountCodec"/> is null).</exception>
    Task<UpstreamResponse> CountTokensAsync(UpstreamRequest request, CancellationToken cancellationToken);
}
