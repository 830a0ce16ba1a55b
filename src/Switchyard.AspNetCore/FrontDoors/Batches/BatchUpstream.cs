using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Switchyard.Failures;
using Switchyard.Hosting.Configuration;

namespace Switchyard.AspNetCore.FrontDoors.Batches;

/// <summary>
/// Calls one provider's batch API with the gateway's own credentials (the provider settings the online doors use) and
/// streams bodies both ways: a 200 MB upload or a 50,000-line download passes through without being buffered.
/// </summary>
internal sealed class BatchUpstream(HttpClient client, ProviderOptions options, bool anthropic)
{
    /// <summary>Whether the provider is configured (base URL and key).</summary>
    public bool Configured => options.IsConfigured;

    /// <summary>Whether this is Anthropic's batch API (else OpenAI's).</summary>
    public bool Anthropic => anthropic;

    /// <summary>A provider error body with the gateway's key taken out: a provider or a proxy may echo the key it was sent.</summary>
    public byte[] Redact(byte[] errorBody)
    {
        var text = System.Text.Encoding.UTF8.GetString(errorBody);
        var redacted = Providers.ProviderEndpoint.Redact(text, options.ApiKey);
        return ReferenceEquals(redacted, text) ? errorBody : System.Text.Encoding.UTF8.GetBytes(redacted!);
    }

    /// <summary>Sends a request to <paramref name="pathAndQuery"/> (e.g. <c>/v1/batches?limit=2</c>); the response's headers are read, its body not yet.</summary>
    /// <exception cref="BatchUpstreamException">The provider could not be reached.</exception>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string pathAndQuery, HttpContent? content, HttpRequest? inbound, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, BaseUrl() + pathAndQuery) { Content = content };
        if (anthropic)
        {
            request.Headers.Add("x-api-key", options.ApiKey);
            request.Headers.Add("anthropic-version", inbound?.Headers["anthropic-version"].ToString() is { Length: > 0 } version ? version : "2023-06-01");
            if (inbound?.Headers["anthropic-beta"].ToString() is { Length: > 0 } beta)
            {
                request.Headers.Add("anthropic-beta", beta);
            }
        }
        else
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
        }

        try
        {
            return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException e) when (InboundBodyFault(e) is { } bodyFault)
        {
            // The caller's streamed upload broke (cut off, bad chunking, too slow): the client's fault, not the provider's.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(bodyFault);
            throw;
        }
        catch (HttpRequestException e)
        {
            throw new BatchUpstreamException(new Failure(FailureKind.ConnectFailed, $"The {(anthropic ? "Anthropic" : "OpenAI")} batch API could not be reached ({e.HttpRequestError})."));
        }
    }

    /// <summary>GETs <paramref name="pathAndQuery"/> and parses the answer; null when the provider did not answer 2xx with an object.</summary>
    /// <exception cref="BatchUpstreamException">The provider could not be reached.</exception>
    public async Task<JsonObject?> GetObjectAsync(string pathAndQuery, HttpRequest? inbound, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, pathAndQuery, null, inbound, cancellationToken);
        return response.IsSuccessStatusCode
            ? JsonNode.Parse(await response.Content.ReadAsStreamAsync(cancellationToken)) as JsonObject
            : null;
    }

    /// <summary>The inbound body as streamed content, with its content type and length.</summary>
    public static StreamContent StreamOf(HttpRequest inbound) => StreamOf(inbound.Body, inbound.ContentLength, inbound);

    /// <summary>
    /// <paramref name="body"/> as streamed content of <paramref name="length"/> bytes, with the inbound content type (a
    /// malformed one is left for the provider to refuse rather than failing here).
    /// </summary>
    public static StreamContent StreamOf(Stream body, long? length, HttpRequest inbound)
    {
        var content = new StreamContent(body, 1 << 16);
        if (MediaTypeHeaderValue.TryParse(inbound.ContentType, out var type))
        {
            content.Headers.ContentType = type;
        }

        content.Headers.ContentLength = length;
        return content;
    }

    private static BadHttpRequestException? InboundBodyFault(Exception e)
    {
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is BadHttpRequestException bad)
            {
                return bad;
            }
        }

        return null;
    }

    private string BaseUrl()
    {
        var baseUrl = options.BaseUrl!.TrimEnd('/');
        return baseUrl.EndsWith("/v1", StringComparison.Ordinal) ? baseUrl[..^3] : baseUrl;
    }
}
