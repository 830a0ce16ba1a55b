using Switchyard.Failures;
using Switchyard.Model;
using Switchyard.Providers;

namespace Switchyard.Gateway;

/// <summary>
/// Sends one validated request to the provider that serves its model and writes the answer to the caller:
/// same-format requests pass through as bytes (only the fields the gateway must change are spliced), cross-format
/// requests are translated through the canonical model. Thread-safe; one instance serves all requests.
/// </summary>
public sealed partial class ChatForwarder
{
    private readonly ModelResolver _resolver;

    /// <summary>Creates a forwarder over the resolver that maps models to providers.</summary>
    public ChatForwarder(ModelResolver resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        _resolver = resolver;
    }

    /// <summary>Serves <paramref name="request"/> and writes the outcome to <paramref name="sink"/>. Never throws for provider failures.</summary>
    public async Task<ForwardOutcome> ForwardAsync(GatewayRequest request, IChatResponseSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(sink);
        var model = request.Request.Model;
        var provider = _resolver.Resolve(model);
        if (provider is null)
        {
            var notFound = new Failure(FailureKind.NotFound, $"The model `{model}` does not exist or no provider is configured for it.")
            {
                Param = "model",
            };
            await sink.SendFailureAsync(notFound, null, cancellationToken);
            return new ForwardOutcome(null, notFound, null);
        }

        var sameFormat = provider.Codec.Format == request.FrontDoor.Format;
        var upstreamRequest = new UpstreamRequest(BuildBody(request, provider, model, sameFormat), request.Request.Stream)
        {
            ForwardedHeaders = sameFormat ? request.ForwardedHeaders : [],
        };

        using var upstream = await provider.SendAsync(upstreamRequest, cancellationToken);
        var servedBy = new ServedBy(provider.Name, model, upstream.RequestId, Attempts: 1);
        if (upstream.Failure is { } failure)
        {
            await sink.SendFailureAsync(failure, servedBy, cancellationToken);
            return new ForwardOutcome(servedBy, failure, null);
        }

        return request.Request.Stream
            ? await StreamAsync(request, provider, upstream, sameFormat, servedBy, sink, cancellationToken)
            : await CompleteAsync(request, provider, upstream, sameFormat, servedBy, sink, cancellationToken);
    }

    private static ReadOnlyMemory<byte> BuildBody(GatewayRequest request, IChatProvider provider, string model, bool sameFormat)
    {
        if (!sameFormat)
        {
            return provider.Codec.WriteRequest(request.Request, new UpstreamRequestOptions(model, request.Request.Stream));
        }

        // OpenAI reports stream usage only when asked; the gateway always needs it (billing), and drops the extra
        // usage chunk again for clients that did not ask for it.
        var forceUsage = request.Request.Stream && provider.Codec.Format == WireFormat.OpenAIChat;
        return RequestBodyEditor.Edit(request.RawBody, model, forceUsage);
    }

    private static async Task<ForwardOutcome> CompleteAsync(
        GatewayRequest request,
        IChatProvider provider,
        UpstreamResponse upstream,
        bool sameFormat,
        ServedBy servedBy,
        IChatResponseSink sink,
        CancellationToken cancellationToken)
    {
        byte[] body;
        try
        {
            body = await upstream.ReadBodyAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            var broken = new Failure(FailureKind.ServerError, $"The connection to {provider.Name} broke while reading the response.") { Provider = provider.Name };
            await sink.SendFailureAsync(broken, servedBy, cancellationToken);
            return new ForwardOutcome(servedBy, broken, null);
        }

        var parsed = provider.Codec.ReadResponse(body);
        if (!parsed.IsSuccess)
        {
            var unreadable = new Failure(FailureKind.ServerError, $"{provider.Name} returned a response the gateway could not read: {parsed.Failure.Message}")
            {
                Provider = provider.Name,
                ProviderRequestId = upstream.RequestId,
            };
            await sink.SendFailureAsync(unreadable, servedBy, cancellationToken);
            return new ForwardOutcome(servedBy, unreadable, null);
        }

        var response = parsed.Value;
        var served = servedBy with { Model = response.Model };
        await sink.SendResponseAsync(sameFormat ? body : request.FrontDoor.WriteResponse(response), served, cancellationToken);
        return new ForwardOutcome(served, null, response.Usage);
    }

    private static bool IsContent(StreamEvent e) => e is not (MessageStartEvent or UsageEvent);
}
