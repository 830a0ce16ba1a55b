using System.Globalization;
using Microsoft.AspNetCore.Http;
using Switchyard.Failures;
using Switchyard.Providers;

namespace Switchyard.AspNetCore.FrontDoors;

/// <summary>
/// Writes a failure as an HTTP error in the caller's wire format: the status of its kind, the format's error body,
/// <c>x-should-retry</c> (which official SDKs obey) and <c>retry-after</c> / <c>retry-after-ms</c> when known.
/// </summary>
internal static class FailureResponder
{
    public static Task WriteAsync(HttpContext context, IWireCodec codec, Failure failure, CancellationToken cancellationToken) =>
        WriteAsync(context, codec, failure, failure.Traits.CallerStatus, cancellationToken);

    /// <summary>Writes <paramref name="failure"/> with a status of the caller's choosing (e.g. Kestrel's 408 for a body sent too slowly).</summary>
    public static async Task WriteAsync(HttpContext context, IWireCodec codec, Failure failure, int status, CancellationToken cancellationToken)
    {
        var response = context.Response;
        var traits = failure.Traits;
        response.StatusCode = status;
        response.ContentType = "application/json";
        response.Headers["x-should-retry"] = traits.CallerShouldRetry ? "true" : "false";
        if (failure.RetryAfter is { } wait)
        {
            response.Headers.RetryAfter = Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            response.Headers["retry-after-ms"] = ((long)Math.Ceiling(wait.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);
        }

        // Anthropic error bodies name the request (`request_id`), as the API's do: the provider's id for an upstream
        // failure, else the gateway's own (the `request-id` header), so that no refusal goes out with a null id.
        var body = codec.WriteError(failure.ProviderRequestId is null ? failure with { ProviderRequestId = context.TraceIdentifier } : failure);
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, cancellationToken);
    }
}
