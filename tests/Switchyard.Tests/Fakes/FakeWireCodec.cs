using System.Text;
using Switchyard.Failures;
using Switchyard.Model;
using Switchyard.Providers;

namespace Switchyard.Tests.Fakes;

/// <summary>
/// A wire codec with a toy text format, so engine tests exercise the engine and not a real provider's JSON.
/// Responses are <c>model=&lt;name&gt;;in=&lt;n&gt;;out=&lt;n&gt;</c>; anything else is unreadable. Streams use
/// <see cref="FakeStreamDecoder"/> and <see cref="FakeStreamEncoder"/>.
/// </summary>
internal sealed class FakeWireCodec(WireFormat format) : IWireCodec
{
    public WireFormat Format => format;

    /// <summary>The body of the last <see cref="ReadError"/> call.</summary>
    public byte[]? LastErrorBody { get; private set; }

    /// <summary>The retry-after of the last <see cref="ReadError"/> call.</summary>
    public TimeSpan? LastErrorRetryAfter { get; private set; }

    /// <summary>The options of the last <see cref="WriteRequest"/> call.</summary>
    public UpstreamRequestOptions? LastRequestOptions { get; private set; }

    public CodecResult<ChatRequest> ReadRequest(ReadOnlyMemory<byte> body) =>
        CodecResult<ChatRequest>.Invalid("The fake codec does not read requests.");

    public byte[] WriteRequest(ChatRequest request, UpstreamRequestOptions options)
    {
        LastRequestOptions = options;
        return Encoding.UTF8.GetBytes($"written:{options.Model}:{options.Stream}");
    }

    public CodecResult<ChatResponse> ReadResponse(ReadOnlyMemory<byte> body)
    {
        var fields = Encoding.UTF8.GetString(body.Span).Split(';')
            .Select(f => f.Split('=', 2))
            .Where(kv => kv.Length == 2)
            .ToDictionary(kv => kv[0], kv => kv[1]);
        if (!fields.TryGetValue("model", out var model))
        {
            return new Failure(FailureKind.InvalidRequest, "no model field");
        }

        TokenUsage? usage = fields.TryGetValue("in", out var input) && fields.TryGetValue("out", out var output)
            ? new TokenUsage(int.Parse(input), int.Parse(output))
            : null;
        return new ChatResponse { Id = "resp_1", Model = model, Content = [new TextPart("hello")], Usage = usage };
    }

    public byte[] WriteResponse(ChatResponse response) => Encoding.UTF8.GetBytes($"translated:{response.Model}:{response.Text}");

    public IStreamDecoder CreateStreamDecoder() => new FakeStreamDecoder();

    public IStreamEncoder CreateStreamEncoder(ChatRequest request) => new FakeStreamEncoder();

    public byte[] WriteError(Failure failure) => Encoding.UTF8.GetBytes($"error:{failure.Kind}");

    public Failure ReadError(int status, ReadOnlySpan<byte> body, TimeSpan? retryAfter)
    {
        LastErrorBody = body.ToArray();
        LastErrorRetryAfter = retryAfter;
        var kind = status switch
        {
            400 => FailureKind.InvalidRequest,
            401 => FailureKind.Unauthenticated,
            403 => FailureKind.PermissionDenied,
            404 => FailureKind.NotFound,
            429 => FailureKind.RateLimited,
            503 => FailureKind.Overloaded,
            _ => FailureKind.ServerError,
        };

        // Like real providers, the message echoes the body (which may hold part of the key).
        return new Failure(kind, $"provider said: {Encoding.UTF8.GetString(body)}") { ProviderErrorType = "fake_error" };
    }
}
