namespace Switchyard.Providers;

/// <summary>
/// One provider account the gateway can send chat requests to. Implementations are thread-safe and long-lived
/// (one per provider, sharing one pooled <see cref="HttpClient"/>).
/// </summary>
public interface IChatProvider
{
    /// <summary>Provider name: <c>openai</c> or <c>anthropic</c>.</summary>
    string Name { get; }

    /// <summary>The codec of this provider's wire format.</summary>
    IWireCodec Codec { get; }

    /// <summary>
    /// Sends one request. Never throws for provider or transport failures: they come back classified in
    /// <see cref="UpstreamResponse.Failure"/>. Cancellation of <paramref name="cancellationToken"/> yields kind <c>Cancelled</c>.
    /// </summary>
    Task<UpstreamResponse> SendAsync(UpstreamRequest request, CancellationToken cancellationToken);
}
