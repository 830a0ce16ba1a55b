using System.Collections;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Switchyard.Hosting;

namespace Switchyard.AspNetCore.Hosting;

/// <summary>
/// Gives every response a gateway request id under both SDKs' header names (<c>x-request-id</c> for OpenAI,
/// <c>request-id</c> for Anthropic), so a support ticket can name the exact request, and opens a logging scope
/// <c>RequestId</c> around the rest of the pipeline so that every log line of the request carries it.
/// </summary>
internal sealed class RequestIdMiddleware(RequestDelegate next, ILogger<RequestIdMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        // Unique, not secret (it grants nothing and is shown to the caller): a fast generator, no OpenSSL call per request.
        Span<byte> random = stackalloc byte[12];
        Random.Shared.NextBytes(random);
        var id = "req_sy_" + Convert.ToHexStringLower(random);
        context.TraceIdentifier = id;
        context.Response.Headers["x-request-id"] = id;
        context.Response.Headers["request-id"] = id;
        using (logger.BeginScope(new RequestIdScope(id)))
        {
            await next(context);
        }
    }

    /// <summary>A one-pair scope state (structured loggers read the pair; text loggers print <c>RequestId:…</c>).</summary>
    private sealed class RequestIdScope(string id) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public int Count => 1;

        public KeyValuePair<string, object?> this[int index] =>
            index == 0 ? new("RequestId", id) : throw new ArgumentOutOfRangeException(nameof(index));

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            yield return this[0];
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => "RequestId:" + id;
    }
}
