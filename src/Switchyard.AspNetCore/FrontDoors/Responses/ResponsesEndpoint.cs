using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Switchyard.AspNetCore.Auth;
using Switchyard.AspNetCore.Hosting;
using Switchyard.Failures;
using Switchyard.Hosting;
using Switchyard.Hosting.Auth;
using Switchyard.Providers;

namespace Switchyard.AspNetCore.FrontDoors.Responses;

/// <summary>
/// <c>GET /v1/responses/{id}</c> (the response as it stands, or with <c>?stream=true&amp;starting_after=N</c> its events
/// after N and the live tail), <c>POST /v1/responses/{id}/cancel</c>, <c>DELETE /v1/responses/{id}</c> and <c>GET /v1/responses/{id}/input_items</c>. A response is visible only to its tenant;
/// to anyone else it does not exist.
/// </summary>
internal sealed partial class ResponsesEndpoint(IWireCodec codec, GatewayRuntime runtime, BackgroundResponses background, StoringResponses storing)
{
    public async Task GetAsync(HttpContext context, string id)
    {
        if (await AuthenticateAsync(context) is not { } caller)
        {
            return;
        }

        var log = runtime.DeltaLog;
        var query = context.Request.Query;
        if (string.Equals(query["stream"], "true", StringComparison.OrdinalIgnoreCase))
        {
            if (log is null)
            {
                await NotFoundAsync(context, id);
                return;
            }

            var after = -1L;
            if (query["starting_after"].ToString() is { Length: > 0 } text
                && !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out after))
            {
                await FailAsync(context, new Failure(FailureKind.InvalidRequest, $"Invalid 'starting_after': '{text}' is not a non-negative integer.") { Param = "starting_after" });
                return;
            }

            if (background.Find(id, caller.Tenant) is { } running && await running.Started is { } early)
            {
                await FailAsync(context, early);
                return;
            }

            await FindAsync(caller.Tenant, id, () => log.GetHeaderAsync(id, caller.Tenant, context.RequestAborted), context.RequestAborted);
            if (await StreamReplay.CheckAsync(context, codec, log, id, caller.Tenant, runtime.Current.Options.Streams.RetentionSeconds)
                && await StreamReplay.CheckResumePointAsync(context, codec, log, id, caller.Tenant, after, "starting_after"))
            {
                await StreamReplay.WriteAsync(context, codec, log, id, caller.Tenant, after);
            }

            return;
        }

        if (await FindAsync(caller.Tenant, id, () => CurrentAsync(id, caller.Tenant, log, context.RequestAborted), context.RequestAborted) is not { } response)
        {
            await NotFoundAsync(context, id);
            return;
        }

        await WriteJsonAsync(context, response);
    }

    /// <summary>
    /// <c>DELETE /v1/responses/{id}</c>: removes a finished response from the conversation store and the stream log, so
    /// that it can be neither retrieved nor continued. A running background response is cancelled first; a response still
    /// being generated or stored is deleted once it is stored (at most <see cref="StoringResponses.MaxWait"/> later).
    /// </summary>
    public async Task DeleteAsync(HttpContext context, string id)
    {
        if (await AuthenticateAsync(context) is not { } caller)
        {
            return;
        }

        if (background.Find(id, caller.Tenant) is { } running)
        {
            running.Cancel();
        }

        // A response still being generated or stored is deleted once it is stored: deleted before, its late write
        // would bring it back.
        var ct = context.RequestAborted;
        await storing.WaitAsync(caller.Tenant, id, ct);
        if (!await DeleteStoredAsync(caller.Tenant, id, ct))
        {
            await NotFoundAsync(context, id);
            return;
        }

        await WriteJsonAsync(context, new JsonObject { ["id"] = id, ["object"] = "response", ["deleted"] = true });
    }

    public async Task CancelAsync(HttpContext context, string id)
    {
        if (await AuthenticateAsync(context) is not { } caller)
        {
            return;
        }

        var log = runtime.DeltaLog;

        if (background.Find(id, caller.Tenant) is { } running)
        {
            // Best effort, as OpenAI's: the generation stops at its next step; the response reads as cancelled.
            running.Cancel();
            var cancelled = await CurrentAsync(id, caller.Tenant, log, context.RequestAborted)
                ?? JsonNode.Parse(ResponseObjects.Pending(id, running.Model, running.CreatedAt, "cancelled", background: true))!.AsObject();
            cancelled["status"] = "cancelled";
            await WriteJsonAsync(context, cancelled);
            return;
        }

        if (await FindAsync(caller.Tenant, id, () => CurrentAsync(id, caller.Tenant, log, context.RequestAborted), context.RequestAborted) is not { } response)
        {
            await NotFoundAsync(context, id);
            return;
        }

        if (response["background"]?.GetValue<bool>() != true)
        {
            await FailAsync(context, new Failure(FailureKind.InvalidRequest, "Only background responses can be cancelled."));
            return;
        }

        // Cancelling again (or after it ended) is idempotent: the final object.
        await WriteJsonAsync(context, response);
    }

    /// <summary>
    /// Looks <paramref name="id"/> up, and once more when the lookup missed because the response was still being stored
    /// (<see cref="StoringResponses"/>): a client may ask for it the moment its answer arrives.
    /// </summary>
    private async Task<T?> FindAsync<T>(string tenant, string id, Func<Task<T?>> find, CancellationToken cancellationToken)
        where T : class =>
        await find() ?? (await storing.WaitAsync(tenant, id, cancellationToken) ? await find() : null);

    private async Task<bool> DeleteStoredAsync(string tenant, string id, CancellationToken cancellationToken)
    {
        var deleted = runtime.Conversations is { } conversations && await conversations.DeleteAsync(tenant, id, cancellationToken);
        if (runtime.DeltaLog is { } log)
        {
            deleted |= await log.DeleteAsync(id, tenant, cancellationToken);
        }

        return deleted;
    }

    private async Task<JsonObject?> CurrentAsync(string id, string tenant, Streaming.IDeltaLog? log, CancellationToken cancellationToken)
    {
        var stored = log is null ? null : await ResponseArchive.FindAsync(log, tenant, id, cancellationToken);
        if (stored is null && runtime.Conversations is { } conversations && await conversations.FindAsync(tenant, id, cancellationToken) is { ResponseObject: { } kept })
        {
            // The stream log keeps responses for an hour; the conversation store for as long as the conversation.
            stored = JsonNode.Parse(kept)?.AsObject();
        }

        if (background.Find(id, tenant) is not { } running)
        {
            return stored;
        }

        stored ??= JsonNode.Parse(ResponseObjects.Pending(id, running.Model, running.CreatedAt, "queued", background: true))!.AsObject();
        stored["background"] = true;
        if (running.Cancelled)
        {
            stored["status"] = "cancelled";
        }

        return stored;
    }

    private async Task<Caller?> AuthenticateAsync(HttpContext context)
    {
        var key = ApiKeyReader.Read(context.Request);
        var caller = key is null ? null : runtime.Current.Keys.Find(key);
        if (caller is null)
        {
            await FailAsync(context, new Failure(FailureKind.Unauthenticated, key is null ? "No API key provided." : "Invalid API key."));
            return null;
        }

        if (runtime.DeltaLog is null && runtime.Conversations is null)
        {
            await FailAsync(context, new Failure(FailureKind.NotFound, "Stored responses need the gateway's stream log or conversation store, which are both turned off (Switchyard:Streams:Log, Switchyard:Conversations:Enabled)."));
            return null;
        }

        return caller;
    }

    private Task NotFoundAsync(HttpContext context, string id) =>
        FailAsync(context, new Failure(FailureKind.NotFound, $"No response found with id '{id}': it does not exist, belongs to another tenant, or has expired."));

    private Task FailAsync(HttpContext context, Failure failure) => FailureResponder.WriteAsync(context, codec, failure, context.RequestAborted);

    private static Task WriteJsonAsync(HttpContext context, JsonObject body) => WriteJsonAsync(context, JsonSerializer.SerializeToUtf8Bytes(body));

    private static async Task WriteJsonAsync(HttpContext context, byte[] bytes)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }
}
