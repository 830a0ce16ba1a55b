using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Switchyard.AspNetCore.Auth;
using Switchyard.AspNetCore.Hosting;
using Switchyard.Batching;
using Switchyard.Hosting;
using Switchyard.Hosting.Auth;
using Switchyard.Storage;

namespace Switchyard.AspNetCore.FrontDoors.Batches;

/// <summary>
/// Anthropic <c>/v1/messages/batches</c> through the gateway: a forwarding proxy to the configured Anthropic provider,
/// where each tenant sees, lists, reads and cancels only its own batches (another tenant's id is 404). <c>results_url</c>
/// points at the gateway. With budgets configured the body is spooled and its worst case reserved before it goes to
/// Anthropic (<see cref="BatchAdmission"/>); an ended batch is billed once at batch prices when first observed.
/// </summary>
internal sealed class AnthropicBatchDoor(GatewayRuntime runtime, BatchUpstream upstream, BatchBilling billing, BatchAdmission admission)
{
    private const string Route = "/v1/messages/batches";
    private readonly BatchExchange _exchange = new(runtime, GatewayRuntime.AnthropicCodec, upstream, "The gateway has no Anthropic provider configured, so the Message Batches API is unavailable.");

    public async Task CreateAsync(HttpContext context)
    {
        if (await _exchange.BeginAsync(context) is not { } caller)
        {
            return;
        }

        BatchExchange.LiftBodyLimit(context);
        BatchReservation? reservation = null;
        string? warning = null;
        HttpContent content;
        if (admission.Needed(caller))
        {
            if (await SpoolAndReserveAsync(context, caller) is not { } admitted)
            {
                return;
            }

            (content, reservation, warning) = admitted;
        }
        else
        {
            content = BatchUpstream.StreamOf(context.Request);
        }

        try
        {
            using var response = await upstream.SendAsync(HttpMethod.Post, Route, content, context.Request, context.RequestAborted);
            if (await _exchange.ReadObjectAsync(context, response) is not { } batch)
            {
                return;
            }

            await admission.AdoptAsync(context, BatchObjectKind.AnthropicBatch, Id(batch), caller, reservation, warning);
            reservation = null; // the batch holds it now, until it is billed
            await BatchExchange.WriteAsync(context, Rewrite(context, batch));
        }
        finally
        {
            content.Dispose();
            await admission.ReleaseAsync(caller, reservation);
        }
    }

    /// <summary>
    /// Copies the create body to a temporary file while nothing has gone to Anthropic yet, estimates its worst case from
    /// the file and reserves it; the file (deleted when closed) is then what is sent. Answers the caller itself and
    /// returns null when the body is not JSON or a budget refuses it.
    /// </summary>
    private async Task<(HttpContent Content, BatchReservation Reservation, string? Warning)?> SpoolAndReserveAsync(HttpContext context, Caller caller)
    {
        var path = Path.Combine(Path.GetTempPath(), $"switchyard-batch-{Guid.NewGuid():N}.json");
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Share = FileShare.None,
            BufferSize = 1 << 16,
            Options = FileOptions.DeleteOnClose | FileOptions.Asynchronous,
        };
        if (!OperatingSystem.IsWindows())
        {
            // The body holds the tenant's prompts: readable by the gateway's user only.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var spool = new FileStream(path, options);
        if (!OperatingSystem.IsWindows())
        {
            // Unlinked at once: the open handle keeps the data, and a gateway that dies mid-spool leaves no file with the
            // tenant's prompts behind (DeleteOnClose only runs on a close). Windows cannot unlink an open file.
            File.Delete(path);
        }

        try
        {
            await context.Request.Body.CopyToAsync(spool, context.RequestAborted);
            spool.Position = 0;
            BatchCostEstimate estimate;
            try
            {
                estimate = await admission.Estimator().EstimateAnthropicCreateBodyAsync(spool, context.RequestAborted);
            }
            catch (JsonException)
            {
                await _exchange.FailAsync(context, new Failures.Failure(Failures.FailureKind.InvalidRequest, "The request body is not valid JSON."));
                return null;
            }

            if (estimate.Requests == 0)
            {
                // A body with no request in it (null, requests not a list, an empty list) is refused as malformed before
                // any budget is asked: a tenant over its budget gets the 400 it would get otherwise, not a 429.
                await _exchange.FailAsync(context, new Failures.Failure(Failures.FailureKind.InvalidRequest, "requests: a batch needs a non-empty list of requests.") { Param = "requests" });
                return null;
            }

            var (reservation, refusal, warning) = await admission.ReserveAsync(caller, "anthropic", estimate, context.RequestAborted);
            if (refusal is not null)
            {
                await _exchange.FailAsync(context, refusal);
                return null;
            }

            spool.Position = 0;
            var content = BatchUpstream.StreamOf(spool, spool.Length, context.Request);
            spool = null; // the content owns it now
            return (content, reservation!, warning);
        }
        catch (IOException e) when (e is not BadHttpRequestException && !context.RequestAborted.IsCancellationRequested)
        {
            // The temporary directory is full or unwritable: the caller's batch was not sent, and can be sent again.
            await _exchange.FailAsync(context, new Failures.Failure(Failures.FailureKind.ServerError, $"The gateway could not hold the batch body for its budget check ({e.GetType().Name}); nothing was sent to Anthropic."));
            return null;
        }
        finally
        {
            if (spool is not null)
            {
                await spool.DisposeAsync();
            }
        }
    }

    public async Task GetAsync(HttpContext context, string id)
    {
        if (await OwnedAsync(context, id) is not { } owned)
        {
            return;
        }

        using var response = await upstream.SendAsync(HttpMethod.Get, $"{Route}/{Uri.EscapeDataString(id)}", null, context.Request, context.RequestAborted);
        if (await _exchange.ReadObjectAsync(context, response) is { } batch)
        {
            await ObserveAsync(context, batch, owned.Caller.Tenant, owned.KeyName);
            await BatchExchange.WriteAsync(context, Rewrite(context, batch));
        }
    }

    public async Task ListAsync(HttpContext context)
    {
        if (await _exchange.BeginAsync(context) is not { } caller)
        {
            return;
        }

        if (ListLimit.Read(context.Request.Query, 20, 1000) is not { } limit)
        {
            await _exchange.FailAsync(context, new Failures.Failure(Failures.FailureKind.InvalidRequest, "limit: Input should be between 1 and 1000"));
            return;
        }

        var query = context.Request.Query;
        var before = query["before_id"].ToString();
        var after = query["after_id"].ToString();
        var ids = before.Length > 0
            ? await Ownership.ListBeforeAsync(BatchObjectKind.AnthropicBatch, caller.Tenant, before, limit + 1, context.RequestAborted)
            : await Ownership.ListAsync(BatchObjectKind.AnthropicBatch, caller.Tenant, after.Length > 0 ? after : null, limit + 1, context.RequestAborted);
        var hasMore = ids.Count > limit;
        // Paging back, the extra id is the newest one (beyond the page); paging forward, the oldest.
        var page = before.Length > 0 ? ids.Skip(ids.Count - Math.Min(limit, ids.Count)) : ids.Take(limit);
        var data = new JsonArray();
        foreach (var id in page)
        {
            if (await upstream.GetObjectAsync($"{Route}/{Uri.EscapeDataString(id)}", context.Request, context.RequestAborted) is { } batch)
            {
                var keyName = await Ownership.FindAsync(BatchObjectKind.AnthropicBatch, id, caller.Tenant, context.RequestAborted) ?? caller.KeyName;
                await ObserveAsync(context, batch, caller.Tenant, keyName);
                data.Add(Rewrite(context, batch));
            }
        }

        await BatchExchange.WriteAsync(context, new JsonObject
        {
            ["data"] = data,
            ["has_more"] = hasMore,
            ["first_id"] = data.Count > 0 ? Id(data[0]!.AsObject()) : null,
            ["last_id"] = data.Count > 0 ? Id(data[^1]!.AsObject()) : null,
        });
    }

    public async Task CancelAsync(HttpContext context, string id)
    {
        if (await OwnedAsync(context, id) is null)
        {
            return;
        }

        using var response = await upstream.SendAsync(HttpMethod.Post, $"{Route}/{Uri.EscapeDataString(id)}/cancel", null, context.Request, context.RequestAborted);
        if (await _exchange.ReadObjectAsync(context, response) is { } batch)
        {
            await BatchExchange.WriteAsync(context, Rewrite(context, batch));
        }
    }

    public async Task ResultsAsync(HttpContext context, string id)
    {
        if (await OwnedAsync(context, id) is not { } owned)
        {
            return;
        }

        // Bill first (a separate read of the results), so downloading results also counts as observing the end.
        if (await upstream.GetObjectAsync($"{Route}/{Uri.EscapeDataString(id)}", context.Request, context.RequestAborted) is { } batch)
        {
            await ObserveAsync(context, batch, owned.Caller.Tenant, owned.KeyName);
        }

        using var response = await upstream.SendAsync(HttpMethod.Get, $"{Route}/{Uri.EscapeDataString(id)}/results", null, context.Request, context.RequestAborted);
        await _exchange.RelayAsync(context, response);
    }

    public async Task DeleteAsync(HttpContext context, string id)
    {
        if (await OwnedAsync(context, id) is not { } owned)
        {
            return;
        }

        // Only an ended batch can be deleted, and once it is gone it can no longer be billed (nor its reservation settled).
        if (await upstream.GetObjectAsync($"{Route}/{Uri.EscapeDataString(id)}", context.Request, context.RequestAborted) is { } batch)
        {
            await ObserveAsync(context, batch, owned.Caller.Tenant, owned.KeyName);
        }

        using var response = await upstream.SendAsync(HttpMethod.Delete, $"{Route}/{Uri.EscapeDataString(id)}", null, context.Request, context.RequestAborted);
        var ok = response.IsSuccessStatusCode;
        await _exchange.RelayAsync(context, response);
        if (ok)
        {
            await Ownership.RemoveAsync(BatchObjectKind.AnthropicBatch, id, CancellationToken.None);
        }
    }

    /// <summary>Looks up a batch at Anthropic and bills it if it has ended (the billing sweep; no caller is waiting).</summary>
    public async Task SweepAsync(UnbilledBatch owned, CancellationToken cancellationToken)
    {
        if (await upstream.GetObjectAsync($"{Route}/{Uri.EscapeDataString(owned.Id)}", null, cancellationToken) is { } batch)
        {
            await ObserveAsync(null, batch, owned.Tenant, owned.KeyName, cancellationToken);
        }
    }

    private IBatchOwnership Ownership => runtime.BatchOwnership;

    private Task ObserveAsync(HttpContext context, JsonObject batch, string tenant, string keyName) =>
        ObserveAsync(context.Request, batch, tenant, keyName, context.RequestAborted);

    private async Task ObserveAsync(HttpRequest? inbound, JsonObject batch, string tenant, string keyName, CancellationToken cancellationToken)
    {
        if (Text(batch, "processing_status") != "ended")
        {
            return;
        }

        var id = Id(batch);
        using var response = await upstream.SendAsync(HttpMethod.Get, $"{Route}/{Uri.EscapeDataString(id)}/results", null, inbound, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            await using var results = await response.Content.ReadAsStreamAsync(cancellationToken);
            await billing.BillOnceAsync(id, "anthropic", tenant, keyName, results, cancellationToken);
        }
    }

    /// <summary>Points <c>results_url</c> at this gateway: the provider's URL would need the provider's key.</summary>
    private static JsonObject Rewrite(HttpContext context, JsonObject batch)
    {
        if (Text(batch, "results_url") is not null)
        {
            var request = context.Request;
            batch["results_url"] = $"{request.Scheme}://{request.Host}{request.PathBase}{Route}/{Id(batch)}/results";
        }

        return batch;
    }



    private Task<(Caller Caller, string KeyName)?> OwnedAsync(HttpContext context, string id) =>
        _exchange.OwnedAsync(context, BatchObjectKind.AnthropicBatch, id, $"Message batch {id} not found.");

    private static string Id(JsonObject o) => Text(o, "id") ?? string.Empty;

    private static string? Text(JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
