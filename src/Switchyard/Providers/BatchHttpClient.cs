using System.Net;
using System.Text.Json;

namespace Switchyard.Providers;

/// <summary>
/// The HTTP plumbing both batch providers share: one call with the provider's headers, a few retries for the answers
/// that mean "try again" (429, 5xx, a dropped connection), and failures as <see cref="BatchProviderException"/> with
/// the provider's own error message (never the key). Retrying is safe because every call it retries is either
/// idempotent (get, list, cancel, download) or guarded by the runner's intents (upload, create).
/// </summary>
public sealed class BatchHttpClient
{
    private readonly HttpClient _http;
    private readonly ProviderEndpoint _endpoint;
    private readonly IProviderDialect _dialect;
    private readonly int _attempts;

    /// <summary>Creates the client.</summary>
    /// <param name="http">The HTTP client (not disposed here).</param>
    /// <param name="endpoint">Base URL and key.</param>
    /// <param name="dialect">Adds the provider's auth and version headers.</param>
    /// <param name="attempts">Tries per call for retryable answers. The default is 4.</param>
    public BatchHttpClient(HttpClient http, ProviderEndpoint endpoint, IProviderDialect dialect, int attempts = 4)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(dialect);
        _http = http;
        _endpoint = endpoint;
        _dialect = dialect;
        _attempts = attempts;
    }

    /// <summary>Sends a request built by <paramref name="build"/> (called once per try) and returns the parsed JSON answer.</summary>
    public async Task<JsonDocument> SendJsonAsync(string what, Func<HttpRequestMessage> build, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(what, build, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await JsonDocument.ParseAsync(stream, default, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            throw new BatchProviderException($"{what}: the provider's answer is not JSON.", (int)response.StatusCode, ex);
        }
    }

    /// <summary>Sends a request and returns the successful response with its body unread (the caller disposes it).</summary>
    public async Task<HttpResponseMessage> SendAsync(string what, Func<HttpRequestMessage> build, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(build);
        for (var attempt = 1; ; attempt++)
        {
            using var request = build();
            request.RequestUri = new Uri(_endpoint.BaseUrl, request.RequestUri!.ToString().TrimStart('/'));
            _dialect.ApplyHeaders(request.Headers, _endpoint);
            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException ex) when (attempt < _attempts)
            {
                _ = ex;
                await Task.Delay(Backoff(attempt), cancellationToken).ConfigureAwait(false);
                continue;
            }
            catch (HttpRequestException ex)
            {
                throw new BatchProviderException($"{what}: could not reach {_dialect.Name} ({ex.Message}).", null, ex);
            }

            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            response.Dispose();
            if (attempt < _attempts && (status == (int)HttpStatusCode.TooManyRequests || status >= 500))
            {
                await Task.Delay(Backoff(attempt), cancellationToken).ConfigureAwait(false);
                continue;
            }

            throw new BatchProviderException($"{what}: {_dialect.Name} answered {status}: {ErrorMessage(body)}", status);
        }
    }

    private static TimeSpan Backoff(int attempt) => TimeSpan.FromMilliseconds(200 * Math.Pow(2, attempt - 1) * (0.5 + Random.Shared.NextDouble()));

    // Both providers put the message at error.message.
    private static string ErrorMessage(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("message", out var message))
            {
                return message.GetString() ?? "(no message)";
            }
        }
        catch (JsonException)
        {
        }

        return body.Length > 200 ? body[..200] : body;
    }
}
