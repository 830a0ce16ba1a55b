using Switchyard.Failures;
using Switchyard.Model;

namespace Switchyard.Providers.OpenAI;

/// <summary>
/// The OpenAI Responses wire format (<c>/v1/responses</c>, PROTOCOLS.md §2), both as a front door (read client requests,
/// write responses, streams and errors) and towards an upstream Responses API (write requests, read responses, streams
/// and errors). Errors are the same OpenAI error bodies as Chat Completions'. Stateless and thread-safe; stream state
/// lives in the decoders and encoders it creates.
/// </summary>
public sealed partial class OpenAIResponsesCodec : ITokenCountCodec
{
    private readonly TimeProvider _time;

    /// <summary>Creates a codec; <paramref name="time"/> stamps <c>created_at</c> and <c>completed_at</c> where a response has no time of its own.</summary>
    /// <param name="time">The clock. The default is <see cref="TimeProvider.System"/>.</param>
    public OpenAIResponsesCodec(TimeProvider? time = null) => _time = time ?? TimeProvider.System;

    /// <summary>The shared instance on the system clock.</summary>
    public static OpenAIResponsesCodec Instance { get; } = new();

    /// <inheritdoc/>
    public WireFormat Format => WireFormat.OpenAIResponses;

    /// <inheritdoc/>
    /// <remarks>The result always has <see cref="ChatRequest.IncludeUsage"/> set and carries <see cref="ChatRequest.Responses"/>.</remarks>
    public CodecResult<ChatRequest> ReadRequest(ReadOnlyMemory<byte> body) => ResponsesRequestReader.Read(body);

    /// <inheritdoc/>
    public UntranslatablePart? FindUntranslatable(ChatRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return OpenAITranslationCheck.FindForResponses(request);
    }

    /// <inheritdoc/>
    /// <remarks>An <c>input_tokens</c> body is a <c>/v1/responses</c> body, read by the same rules.</remarks>
    public CodecResult<ChatRequest> ReadCountRequest(ReadOnlyMemory<byte> body) => ResponsesRequestReader.Read(body);

    /// <inheritdoc/>
    public byte[] WriteCountRequest(ChatRequest request, string model)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(model);
        return ResponsesRequestWriter.WriteCount(request, model);
    }

    /// <inheritdoc/>
    public byte[] WriteCount(int inputTokens) => ResponsesTokenCount.Write(inputTokens);

    /// <inheritdoc/>
    public int? ReadCount(ReadOnlySpan<byte> body) => ResponsesTokenCount.Read(body);

    /// <inheritdoc/>
    public byte[] WriteRequest(ChatRequest request, UpstreamRequestOptions options)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        return ResponsesRequestWriter.Write(request, options);
    }

    /// <inheritdoc/>
    public CodecResult<ChatResponse> ReadResponse(ReadOnlyMemory<byte> body) => ResponsesResponseReader.Read(body);

    /// <inheritdoc/>
    /// <remarks><c>id</c> is <see cref="ChatResponse.Id"/> verbatim; output item ids derive from it, so equal responses serialise identically.</remarks>
    public byte[] WriteResponse(ChatResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return ResponsesResponseWriter.Write(response, _time);
    }

    /// <inheritdoc/>
    /// <remarks>Echoes the request's fields (e.g. <c>previous_response_id</c>) as the streamed lifecycle events do.</remarks>
    public byte[] WriteResponse(ChatResponse response, ChatRequest request)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(request);
        return ResponsesResponseWriter.Write(response, _time, request);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// The decoder is an <see cref="OpenAIResponsesStreamDecoder"/>: its <see cref="OpenAIResponsesStreamDecoder.ResponseId"/> and
    /// <see cref="OpenAIResponsesStreamDecoder.LastSequenceNumber"/> say where to resume a broken stream
    /// (<see cref="OpenAIResponsesDialect.ResumePath"/>), and feeding it the resumed tail drops what it has already seen.
    /// </remarks>
    public IStreamDecoder CreateStreamDecoder() => new OpenAIResponsesStreamDecoder();

    /// <inheritdoc/>
    /// <remarks>The response id of the stream is <see cref="MessageStartEvent.Id"/> verbatim.</remarks>
    public IStreamEncoder CreateStreamEncoder(ChatRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new ResponsesStreamEncoder(request, _time);
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
