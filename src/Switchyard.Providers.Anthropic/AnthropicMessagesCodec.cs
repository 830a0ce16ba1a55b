using Switchyard.Failures;
using Switchyard.Model;

namespace Switchyard.Providers.Anthropic;

/// <summary>
/// The Anthropic Messages wire format (<c>POST /v1/messages</c>) in both directions: as the Anthropic front door
/// (validate requests, write responses, streams and errors for Anthropic SDKs) and towards Anthropic (write requests,
/// read responses, streams and errors). Stateless and thread-safe; stream state lives in the decoders and encoders it
/// creates. The mapping decisions are listed on the reader, writer, decoder and encoder types and in this project's README.
/// </summary>
public sealed class AnthropicMessagesCodec : ITokenCountCodec
{
    private readonly TimeProvider _time;

    /// <summary>Creates a codec that stamps responses with <paramref name="time"/> (Anthropic messages carry no creation time).</summary>
    public AnthropicMessagesCodec(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
    }

    /// <summary>The shared instance, on the system clock.</summary>
    public static AnthropicMessagesCodec Instance { get; } = new(TimeProvider.System);

    /// <inheritdoc/>
    public WireFormat Format => WireFormat.AnthropicMessages;

    /// <inheritdoc/>
    public CodecResult<ChatRequest> ReadRequest(ReadOnlyMemory<byte> body) => AnthropicRequestReader.Read(body);

    /// <inheritdoc/>
    public CodecResult<ChatRequest> ReadCountRequest(ReadOnlyMemory<byte> body) => AnthropicRequestReader.Read(body, tokenCount: true);

    /// <inheritdoc/>
    public byte[] WriteCountRequest(ChatRequest request, string model)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(model);
        return AnthropicRequestWriter.WriteCount(request, model);
    }

    /// <inheritdoc/>
    public byte[] WriteCount(int inputTokens) => AnthropicTokenCount.Write(inputTokens);

    /// <inheritdoc/>
    public int? ReadCount(ReadOnlySpan<byte> body) => AnthropicTokenCount.Read(body);

    /// <inheritdoc/>
    public byte[] WriteRequest(ChatRequest request, UpstreamRequestOptions options)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        return AnthropicRequestWriter.Write(request, options);
    }

    /// <inheritdoc/>
    public UntranslatablePart? FindUntranslatable(ChatRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return AnthropicTranslationCheck.Find(request);
    }

    /// <inheritdoc/>
    public CodecResult<ChatResponse> ReadResponse(ReadOnlyMemory<byte> body) => AnthropicResponseReader.Read(body, _time.GetUtcNow());

    /// <inheritdoc/>
    public byte[] WriteResponse(ChatResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return AnthropicResponseWriter.Write(response);
    }

    /// <inheritdoc/>
    public IStreamDecoder CreateStreamDecoder() => new AnthropicStreamDecoder();

    /// <inheritdoc/>
    public IStreamEncoder CreateStreamEncoder(ChatRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new AnthropicStreamEncoder(request);
    }

    /// <inheritdoc/>
    public byte[] WriteError(Failure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return AnthropicErrorCodec.Write(failure);
    }

    /// <inheritdoc/>
    public Failure ReadError(int status, ReadOnlySpan<byte> body, TimeSpan? retryAfter) => AnthropicErrorCodec.Read(status, body, retryAfter);
}
