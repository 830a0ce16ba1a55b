using Switchyard.Failures;
using Switchyard.Model;

namespace Switchyard.Providers;

/// <summary>
/// Everything the gateway needs to speak one wire format, in both directions: as a front door (read requests, write
/// responses, streams and errors) and towards a provider (write requests, read responses, streams and errors).
/// Implementations are stateless and thread-safe; stream state lives in the decoder/encoder they create.
/// </summary>
public interface IWireCodec
{
    /// <summary>The format this codec speaks.</summary>
    WireFormat Format { get; }

    /// <summary>Parses and validates a client request body against this format's rules.</summary>
    CodecResult<ChatRequest> ReadRequest(ReadOnlyMemory<byte> body);

    /// <summary>Writes a canonical request as this format's request body for a provider.</summary>
    byte[] WriteRequest(ChatRequest request, UpstreamRequestOptions options);

    /// <summary>
    /// The first part of <paramref name="request"/>, read from another format, that this format cannot carry; null when
    /// it can carry them all (the default). Writers leave such parts out, so the gateway asks first and refuses the
    /// target rather than lose the part silently.
    /// </summary>
    UntranslatablePart? FindUntranslatable(ChatRequest request) => null;

    /// <summary>Parses a provider's non-streaming response body.</summary>
    CodecResult<ChatResponse> ReadResponse(ReadOnlyMemory<byte> body);

    /// <summary>Writes a canonical response as this format's non-streaming response body.</summary>
    byte[] WriteResponse(ChatResponse response);

    /// <summary>
    /// Writes <paramref name="response"/> to the caller of <paramref name="request"/>: formats whose response object
    /// echoes request fields (Responses: <c>previous_response_id</c>, <c>instructions</c>, <c>store</c>, tools…) echo
    /// them, as their stream encoder does. The default ignores the request.
    /// </summary>
    byte[] WriteResponse(ChatResponse response, ChatRequest request) => WriteResponse(response);

    /// <summary>Creates a decoder for one provider stream in this format.</summary>
    IStreamDecoder CreateStreamDecoder();

    /// <summary>Creates an encoder for one client stream in this format; <paramref name="request"/> carries the client's stream options.</summary>
    IStreamEncoder CreateStreamEncoder(ChatRequest request);

    /// <summary>Writes a caller-facing error body in this format.</summary>
    byte[] WriteError(Failure failure);

    /// <summary>Classifies a provider's non-2xx response into the failure vocabulary.</summary>
    /// <param name="status">HTTP status.</param>
    /// <param name="body">Response body (possibly empty or not JSON).</param>
    /// <param name="retryAfter">Parsed <c>retry-after-ms</c>/<c>retry-after</c>, if present.</param>
    Failure ReadError(int status, ReadOnlySpan<byte> body, TimeSpan? retryAfter);
}
