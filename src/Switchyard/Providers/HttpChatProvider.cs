using System.Net.Http.Headers;
using Switchyard.Failures;

namespace Switchyard.Providers;

/// <summary>
/// The HTTP client side of a provider: one pooled <see cref="HttpClient"/>, the provider's <see cref="IProviderDialect"/>
/// for headers and paths, and classification of every failure into the vocabulary. Thread-safe.
/// </summary>
public sealed class HttpChatProvider : IChatProvider, IResumableProvider, ITokenCountingProvider, IEmbeddingProvider
{
    // Error bodies are untrusted; read enough to classify, never an unbounded amount.
    private const int MaxErrorBodyBytes = 64 * 1024;

    private readonly HttpClient _http;
    private readonly IProviderDialect _dialect;
    private readonly ProviderEndpoint _endpoint;
    private readonly TimeProvider _time;
    private readonly Uri _chatUri;

    /// <summary>Creates a provider over a shared <paramref name="http"/> client (not owned, not disposed here).</summary>
    public HttpChatProvider(HttpClient http, IProviderDialect dialect, ProviderEndpoint endpoint, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(endpoint);
        _http = http;
        _dialect = dialect;
        _endpoint = endpoint;
        _time = time ?? TimeProvider.System;
        _chatUri = UriOf(dialect.ChatPath);
    }

    /// <inheritdoc/>
    public string Name => _dialect.Name;

    /// <inheritdoc/>
    public IWireCodec Codec => _dialect.Codec;

    /// <inheritdoc/>
    public ITokenCountCodec? CountCodec => (_dialect as ITokenCountingDialect)?.CountCodec;

    /// <inheritdoc/>
    public IEmbeddingCodec? EmbeddingCodec => (_dialect as IEmbeddingDialect)?.EmbeddingCodec;

    /// <summary>Whether this provider can resume broken streams (its dialect says how).</summary>
    public bool CanResume => _dialect is IResumableDialect;

    /// <inheritdoc/>
    public Task<UpstreamResponse> SendAsync(UpstreamRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return PostAsync(_chatUri, request, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<UpstreamResponse> CountTokensAsync(UpstreamRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var dialect = _dialect as ITokenCountingDialect ?? throw new NotSupportedException($"{Name} cannot count tokens.");
        return await PostAsync(UriOf(dialect.CountTokensPath), request, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<UpstreamResponse> EmbedAsync(UpstreamRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var dialect = _dialect as IEmbeddingDialect ?? throw new NotSupportedException($"{Name} has no embeddings API.");
        return await PostAsync(UriOf(dialect.EmbeddingsPath), request, cancellationToken);
    }

    /// <inheritdoc/>
    /// <exception cref="NotSupportedException">The dialect cannot resume (check <see cref="CanResume"/>).</exception>
    public async Task<UpstreamResponse> ResumeAsync(string responseId, long afterSequence, TimeSpan? connectTimeout, CancellationToken cancellationToken)
    {
        var dialect = _dialect as IResumableDialect ?? throw new NotSupportedException($"{Name} cannot resume streams.");
        using var message = new HttpRequestMessage(HttpMethod.Get, UriOf(dialect.ResumePath(responseId, afterSequence)));
        return await SendAsync(message, connectTimeout, () => true, cancellationToken);
    }

    // A base URL with a path (a proxy's /openai) keeps it: the API path is appended, never substituted.
    private Uri UriOf(string path) => new(_endpoint.BaseUrl, _endpoint.BaseUrl.AbsolutePath.TrimEnd('/') + path);

    private async Task<UpstreamResponse> PostAsync(Uri uri, UpstreamRequest request, CancellationToken cancellationToken)
    {
        var content = new SentTrackingContent(request.Body);
        using var message = new HttpRequestMessage(HttpMethod.Post, uri) { Content = content };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        foreach (var (name, value) in request.ForwardedHeaders)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        return await SendAsync(message, request.ConnectTimeout, () => content.Sent, cancellationToken);
    }

    private async Task<UpstreamResponse> SendAsync(HttpRequestMessage message, TimeSpan? connectTimeout, Func<bool> sent, CancellationToken cancellationToken)
    {
        _dialect.ApplyHeaders(message.Headers, _endpoint);
        if (connectTimeout is { } timeout)
        {
            message.Options.Set(ProviderHttpHandler.ConnectTimeoutOption, timeout);
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return UpstreamResponse.Failed(Cancelled(), requestSent: sent());
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException)
        {
            // Connection refused, reset before the response, DNS, TLS, or the client's own timeout.
            return UpstreamResponse.Failed(new Failure(FailureKind.ConnectFailed, $"Could not reach {Name}: {ex.Message}") { Provider = Name });
        }

        var now = _time.GetUtcNow();
        var rateLimits = _dialect.ReadRateLimits(response.Headers, now) with { RetryAfter = RetryAfterParser.Parse(response.Headers, now) };
        var requestId = _endpoint.Redact(_dialect.ReadRequestId(response.Headers));
        if (response.IsSuccessStatusCode)
        {
            return UpstreamResponse.Success(response, rateLimits, requestId);
        }

        using (response)
        {
            byte[] body;
            try
            {
                body = await ReadBoundedAsync(response.Content, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return UpstreamResponse.Failed(Cancelled(), rateLimits, requestId);
            }

            var failure = _dialect.Codec.ReadError((int)response.StatusCode, body, rateLimits.RetryAfter);
            failure = AsGatewayFailure(failure);
            failure = failure with
            {
                Message = _endpoint.Redact(failure.Message)!,
                ProviderStatus = (int)response.StatusCode,
                ProviderRequestId = requestId,
                Provider = Name,
                RetryAfter = rateLimits.RetryAfter,
            };
            return UpstreamResponse.Failed(failure, rateLimits, requestId);
        }
    }

    private Failure Cancelled() => new(FailureKind.Cancelled, "The request was cancelled.") { Provider = Name };

    // A provider's 401 or 403 is about the gateway's key, never the caller's: reclassified so the request can fall back
    // and the caller is not told its own key is wrong. Providers also echo part of a rejected key in their message
    // ("Incorrect API key provided: sk-…"), so the caller gets a message of our own, and none of the provider's codes.
    private Failure AsGatewayFailure(Failure failure) => failure.Kind switch
    {
        FailureKind.Unauthenticated => new Failure(FailureKind.ProviderAccessDenied, $"{Name} rejected the gateway's provider credentials; check the configured {Name} API key."),
        FailureKind.PermissionDenied => new Failure(FailureKind.ProviderAccessDenied, $"{Name} refused the gateway's access (403); check that the configured {Name} API key may use this model from the gateway's region."),
        _ => failure,
    };

    private static async Task<byte[]> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await content.ReadAsStreamAsync(cancellationToken);
            var buffer = new byte[MaxErrorBodyBytes];
            var total = 0;
            int read;
            while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken)) > 0)
            {
                total += read;
            }

            return buffer.AsSpan(0, total).ToArray();
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            // The status line already classifies the failure; a body we cannot read only loses detail.
            return [];
        }
    }
}
