namespace Switchyard.Streaming;

/// <summary>A completed non-streaming response, as a duplicate request gets it back.</summary>
/// <param name="StatusCode">The HTTP status.</param>
/// <param name="ContentType">The <c>Content-Type</c>, or null when there was none.</param>
/// <param name="Headers">The few response headers worth replaying (e.g. request id, served-by), by name.</param>
/// <param name="Body">The response body bytes.</param>
public sealed record IdempotentResult(int StatusCode, string? ContentType, IReadOnlyDictionary<string, string> Headers, ReadOnlyMemory<byte> Body);
