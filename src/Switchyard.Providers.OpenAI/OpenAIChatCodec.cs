using Switchyard.Failures;
using Switchyard.Model;
using Switchyard.Providers.OpenAI.Embeddings;

namespace Switchyard.Providers.OpenAI;

/// <summary>
/// The OpenAI Chat Completions wire format, both as a front door (read client requests, write responses, streams and
/// errors) and towards OpenAI (write requests, read responses, streams and errors). It also speaks OpenAI's embeddings
/// endpoint, which shares the error format (<see cref="IEmbeddingCodec"/>). Stateless and thread-safe; stream state
/// lives in the decoders and encoders it creates.
/// </summary>
public sealed class OpenAIChatCodec : IEmbeddingCodec
{
    private readonly TimeProvider _time;

    /// <summary>Creates a codec; <paramref name="time"/> stamps <c>created</c> when a response or stream has no time of its own.</summary>
    /// <param name="time">The clock. The default is <see cref="TimeProvider.System"/>.</param>
    public OpenAIChatCodec(TimeProvider? time = null) => _time = time ?? TimeProvider.System;

    /// <summary>The shared instance on the system clock.</summary>
    public static OpenAIChatCodec Instance { get; } = new();

    /// <inheritdoc/>
    public WireFormat Format => WireFormat.OpenAIChat;

    /// <inheritdoc/>
    public CodecResult<ChatRequest> ReadRequest(ReadOnlyMemory<byte> body) => OpenAIRequestReader.Read(body);

    /// <inheritdoc/>
    public UntranslatablePart? FindUntranslatable(ChatRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return OpenAITranslationCheck.FindForChat(request);
    }

    /// <inheritdoc/>
    public byte[] WriteRequest(ChatRequest request, UpstreamRequestOptions options)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        return OpenAIRequestWriter.Write(request, options);
    }

    /// <inheritdoc/>
    public CodecResult<ChatResponse> ReadResponse(ReadOnlyMemory<byte> body) => OpenAIResponseReader.Read(body);

    /// <inheritdoc/>
    public byte[] WriteResponse(ChatResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return OpenAIResponseWriter.Write(response, _time);
    }

    /// <inheritdoc/>
    public CodecResult<EmbeddingRequest> ReadEmbeddingRequest(ReadOnlyMemory<byte> body) => OpenAIEmbeddingsRequestReader.Read(body);

    /// <inheritdoc/>
    public CodecResult<EmbeddingAnswer> ReadEmbeddingAnswer(ReadOnlyMemory<byte> body) => OpenAIEmbeddingsAnswerReader.Read(body);

    /// <inheritdoc/>
    public byte[] WriteEmbeddingRequest(EmbeddingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return OpenAIEmbeddingsRequestWriter.Write(request);
    }

    /// <inheritdoc/>
    public CodecResult<EmbeddingVectors> ReadEmbeddingVectors(ReadOnlyMemory<byte> body) => OpenAIEmbeddingsAnswerReader.ReadVectors(body);

    /// <inheritdoc/>
    public IStreamDecoder CreateStreamDecoder() => new OpenAIStreamDecoder();

    /// <inheritdoc/>
    public IStreamEncoder CreateStreamEncoder(ChatRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new OpenAIStreamEncoder(request, _time);
    }

    /// <inheritdoc/>
    public byte[] WriteError(Failure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return OpenAIErrorWriter.Write(failure);
    }

    /// <inheritdoc/>
    public Failure ReadError(int status, ReadOnlySpan<byte> body, TimeSpan? retryAfter) =>
        OpenAIErrorClassifier.Read(status, body, retryAfter);
}
