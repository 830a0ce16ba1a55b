using Switchyard.Failures;

namespace Switchyard.Providers;

/// <summary>
/// A provider's answer: either a successful response whose body is still to be read, or a classified
/// <see cref="Failure"/>. Owns the underlying HTTP response; dispose it.
/// </summary>
public sealed class UpstreamResponse : IDisposable
{
    private readonly HttpResponseMessage? _message;

    private UpstreamResponse(HttpResponseMessage? message, Failure? failure, RateLimitSnapshot rateLimits, string? requestId)
    {
        _message = message;
        Failure = failure;
        RateLimits = rateLimits;
        RequestId = requestId;
    }

    /// <summary>The failure, or null when the provider answered 2xx.</summary>
    public Failure? Failure { get; }

    /// <summary>Rate-limit headers of the response (empty when there was no response).</summary>
    public RateLimitSnapshot RateLimits { get; }

    /// <summary>The provider's request id, if any.</summary>
    public string? RequestId { get; }

    /// <summary>Whether the provider answered 2xx.</summary>
    public bool IsSuccess => Failure is null;

    /// <summary>A successful response.</summary>
    public static UpstreamResponse Success(HttpResponseMessage message, RateLimitSnapshot rateLimits, string? requestId) =>
        new(message, null, rateLimits, requestId);

    /// <summary>
    /// Whether the whole request reached the connection before a cancellation: the provider has it and may bill for it
    /// though it never answered. Always false for other failures.
    /// </summary>
    public bool RequestSent { get; private init; }

    /// <summary>A failed response.</summary>
    public static UpstreamResponse Failed(Failure failure, RateLimitSnapshot? rateLimits = null, string? requestId = null, bool requestSent = false) =>
        new(null, failure, rateLimits ?? RateLimitSnapshot.Empty, requestId) { RequestSent = requestSent };

    /// <summary>Reads the whole body of a successful non-streaming response.</summary>
    public async Task<byte[]> ReadBodyAsync(CancellationToken cancellationToken)
    {
        var message = _message ?? throw new InvalidOperationException("A failed response has no body.");
        // Up to 1 MB is allocated as declared; a larger (or absent) length grows as the bytes really arrive, so a
        // provider cannot make the gateway allocate what it never sends.
        if (message.Content.Headers.ContentLength is not { } length || length > 1 << 20)
        {
            return await message.Content.ReadAsByteArrayAsync(cancellationToken);
        }

        // A declared length (every uncompressed JSON answer): one exact array, read straight from the connection.
        // ReadAsByteArrayAsync buffers into a growing pooled stream first and copies out, twice the bytes per response.
        var body = new byte[length];
        await using var stream = await message.Content.ReadAsStreamAsync(cancellationToken);
        await stream.ReadExactlyAsync(body, cancellationToken);
        return body;
    }

    /// <summary>
    /// Reads the SSE events of a successful streaming response. Transport errors surface as
    /// <see cref="IOException"/> / <see cref="HttpRequestException"/>; callers classify them as <c>StreamBroken</c>.
    /// The body is opened on the first read; dispose the reader.
    /// </summary>
    internal SseEventReader ReadEvents(CancellationToken cancellationToken)
    {
        var message = _message ?? throw new InvalidOperationException("A failed response has no body.");
        return new SseEventReader(message.Content, cancellationToken);
    }

    /// <inheritdoc/>
    public void Dispose() => _message?.Dispose();
}
