namespace Switchyard.Providers;

/// <summary>A dialect whose provider creates embeddings on an endpoint of its own (OpenAI; Anthropic has none).</summary>
public interface IEmbeddingDialect
{
    /// <summary>The path of the embeddings endpoint, e.g. <c>/v1/embeddings</c>.</summary>
    string EmbeddingsPath { get; }

    /// <summary>The format that endpoint speaks.</summary>
    IEmbeddingCodec EmbeddingCodec { get; }
}

/// <summary>A provider that can create embeddings (see <see cref="IEmbeddingDialect"/>).</summary>
public interface IEmbeddingProvider
{
    /// <summary>The format of the provider's embeddings endpoint; null when it has none.</summary>
    IEmbeddingCodec? EmbeddingCodec { get; }

    /// <summary>
    /// Sends an embeddings request (a body in <see cref="EmbeddingCodec"/>'s format). Never throws for provider or
    /// transport failures: they come back classified, as from <see cref="IChatProvider.SendAsync"/>.
    /// </summary>
    /// <exception cref="NotSupportedException">The provider has no embeddings endpoint (<see cref="EmbeddingCodec"/> is null).</exception>
    Task<UpstreamResponse> EmbedAsync(UpstreamRequest request, CancellationToken cancellationToken);
}
