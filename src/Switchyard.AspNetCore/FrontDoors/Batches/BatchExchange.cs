using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Switchyard.AspNetCore.Auth;
using Switchyard.AspNetCore.Hosting;
using Switchyard.Failures;
using Switchyard.Hosting;
using Switchyard.Hosting.Auth;
using Switchyard.Providers;
using Switchyard.Storage;

namespace Switchyard.AspNetCore.FrontDoors.Batches;

/// <summary>The edge shared by both batch doors: the caller's key, wire-format errors, relaying and reading provider answers.</summary>
internal sealed class BatchExchange(GatewayRuntime runtime, IWireCodec codec, BatchUpstream upstream, string unavailable)
{
    /// <summary>
    /// The caller, when its key is valid and the door's provider is configured; otherwise answers (401, or 404 with
    /// <c>unavailable</c>) itself and returns null.
    /// </summary>
    public async Task<Caller?> BeginAsync(HttpContext context)
    {
        if (await AuthenticateAsync(context) is not { } caller)
        {
            return null;
        }

        if (!upstream.Configured)
        {
            await NotFoundAsync(context, unavailable);
            return null;
        }

        return caller;
    }

    /// <summary>
    /// The caller and the key that created <paramref name="id"/>, when the caller's tenant owns it; otherwise answers
    /// 404 with <paramref name="notFound"/> (another tenant's object is indistinguishable from a missing one).
    /// </summary>
    public async Task<(Caller Caller, string KeyName)?> OwnedAsync(HttpContext context, BatchObjectKind kind, string id, string notFound)
    {
        if (await BeginAsync(context) is not { } caller)
        {
            return null;
        }

        if (await runtime.BatchOwnership.FindAsync(kind, id, caller.Tenant, context.RequestAborted) is not { } keyName)
        {
            await NotFoundAsync(context, notFound);
            return null;
        }

        return (caller, keyName);
    }

    /// <summary>The caller of a valid virtual key; answers 401 itself and returns null otherwise.</summary>
    public async Task<Caller?> AuthenticateAsync(HttpContext context)
    {
        var key = ApiKeyReader.Read(context.Request);
        if (key is not null && runtime.Current.Keys.Find(key) is { } caller)
        {
            return caller;
        }

        await FailAsync(context, new Failure(FailureKind.Unauthenticated, key is null ? "No API key provided." : "Invalid API key."));
        return null;
    }

    public Task FailAsync(HttpContext context, Failure failure) => FailureResponder.WriteAsync(context, codec, failure, context.RequestAborted);

    public Task NotFoundAsync(HttpContext context, string what) => FailAsync(context, new Failure(FailureKind.NotFound, what));

    /// <summary>
    /// Passes the provider's answer through, streaming its body. Provider errors keep their body (same wire format as the
    /// caller's), except credential rejections, which would describe the gateway's key rather than the caller's.
    /// </summary>
    public async Task RelayAsync(HttpContext context, HttpResponseMessage upstream)
    {
        if (await RejectedCredentialsAsync(context, upstream))
        {
            return;
        }

        if (!upstream.IsSuccessStatusCode)
        {
            await RelayErrorAsync(context, upstream);
            return;
        }

        context.Response.StatusCode = (int)upstream.StatusCode;
        context.Response.ContentType = upstream.Content.Headers.ContentType?.ToString() ?? "application/json";
        if (upstream.Content.Headers.ContentLength is { } length)
        {
            context.Response.ContentLength = length;
        }

        await using var body = await upstream.Content.ReadAsStreamAsync(context.RequestAborted);
        await body.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    /// <summary>
    /// A provider error, kept as it is when it is a JSON object (the provider's own words, already in the caller's
    /// format). An error body that is empty or not JSON (a proxy's HTML page, a crashed upstream) would break the
    /// caller's SDK, so it is replaced by an error of the door's format with the provider's status.
    /// </summary>
    private async Task RelayErrorAsync(HttpContext context, HttpResponseMessage response)
    {
        byte[] body;
        try
        {
            // Error bodies are untrusted: one larger than any real error object is not relayed at all.
            await response.Content.LoadIntoBufferAsync(MaxErrorBodyBytes, context.RequestAborted);
            body = await response.Content.ReadAsByteArrayAsync(context.RequestAborted);
        }
        catch (HttpRequestException)
        {
            body = [];
        }

        if (IsJsonObject(body))
        {
            body = upstream.Redact(body);
            context.Response.StatusCode = (int)response.StatusCode;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
            return;
        }

        var status = (int)response.StatusCode;
        var kind = status >= 500 ? FailureKind.ServerError : FailureKind.InvalidRequest;
        var provider = upstream.Anthropic ? "Anthropic" : "OpenAI";
        var failure = new Failure(kind, $"The {provider} batch API answered {status} without an error body in its format.") { ProviderStatus = status };
        await FailureResponder.WriteAsync(context, codec, failure, status, context.RequestAborted);
    }

    private const int MaxErrorBodyBytes = 1 << 20;

    private static bool IsJsonObject(byte[] body)
    {
        if (JsonTextCheck.FindProblem(body) is not null)
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>A successful provider answer's JSON object; for an error, relays it and returns null.</summary>
    public async Task<JsonObject?> ReadObjectAsync(HttpContext context, HttpResponseMessage upstream)
    {
        if (!upstream.IsSuccessStatusCode)
        {
            await RelayAsync(context, upstream);
            return null;
        }

        try
        {
            return JsonNode.Parse(await upstream.Content.ReadAsStreamAsync(context.RequestAborted)) as JsonObject
                ?? throw new JsonException("not an object");
        }
        catch (JsonException)
        {
            await FailAsync(context, new Failure(FailureKind.ServerError, "The provider's batch API answered with a body that is not a JSON object."));
            return null;
        }
    }

    public static async Task WriteAsync(HttpContext context, JsonNode body)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    /// <summary>Lifts the server's request size cap for the uploads the provider limits itself (200 MB / 256 MB).</summary>
    public static void LiftBodyLimit(HttpContext context)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = null;
        }
    }

    private async Task<bool> RejectedCredentialsAsync(HttpContext context, HttpResponseMessage response)
    {
        if (response.StatusCode is not (System.Net.HttpStatusCode.Unauthorized or System.Net.HttpStatusCode.Forbidden))
        {
            return false;
        }

        // As on the chat doors (HttpChatProvider): the provider's words describe the gateway's key, so the caller gets
        // a message of our own and a 502 rather than a 401 that would blame its own key.
        var provider = upstream.Anthropic ? "Anthropic" : "OpenAI";
        var message = response.StatusCode == System.Net.HttpStatusCode.Unauthorized
            ? $"{provider} rejected the gateway's provider credentials for its batch API; check the configured {provider} API key."
            : $"{provider} refused the gateway's access to its batch API (403); check that the configured {provider} API key may use it.";
        await FailAsync(context, new Failure(FailureKind.ProviderAccessDenied, message) { ProviderStatus = (int)response.StatusCode });
        return true;
    }
}
