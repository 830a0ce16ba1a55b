using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Switchyard.AspNetCore.Auth;
using Switchyard.AspNetCore.Hosting;
using Switchyard.Batching;
using Switchyard.Failures;
using Switchyard.Hosting;
using Switchyard.Hosting.Auth;
using Switchyard.Providers;
using Switchyard.Storage;

namespace Switchyard.AspNetCore.FrontDoors.Batches;

/// <summary>
/// OpenAI <c>/v1/files</c> and <c>/v1/batches</c> through the gateway: a forwarding proxy to the configured OpenAI
/// provider, where each tenant sees, lists, downloads and cancels only the files and batches it created (another
/// tenant's id is 404, as if it did not exist). With budgets configured a batch's worst case is reserved before it is
/// created (<see cref="BatchAdmission"/>); an ended batch is billed once at batch prices when first observed.
/// </summary>
internal sealed class OpenAIBatchDoor(GatewayRuntime runtime, BatchUpstream upstream, BatchBilling billing, BatchAdmission admission)
{
    private const int MaxCreateBody = 1 << 20;
    private static readonly string[] Ended = ["completed", "expired", "cancelled", "failed"];
    private static readonly JsonDocumentOptions StrictDocument = new() { AllowDuplicateProperties = false };
    private readonly BatchExchange _exchange = new(runtime, GatewayRuntime.OpenAICodec, upstream, "The gateway has no OpenAI provider configured, so the Files and Batch APIs are unavailable.");

    public async Task UploadAsync(HttpContext context)
    {
        if (await _exchange.BeginAsync(context) is not { } caller)
        {
            return;
        }

        BatchExchange.LiftBodyLimit(context);
        using var response = await upstream.SendAsync(HttpMethod.Post, "/v1/files", BatchUpstream.StreamOf(context.Request), context.Request, context.RequestAborted);
        if (await _exchange.ReadObjectAsync(context, response) is not { } file)
        {
            return;
        }

        await Ownership.AddAsync(BatchObjectKind.OpenAIFile, Id(file), caller.Tenant, caller.KeyName, context.RequestAborted);
        await BatchExchange.WriteAsync(context, file);
    }

    public async Task GetFileAsync(HttpContext context, string id) => await ForwardOwnedFileAsync(context, id, HttpMethod.Get, $"/v1/files/{Uri.EscapeDataString(id)}");

    public async Task ContentAsync(HttpContext context, string id) => await ForwardOwnedFileAsync(context, id, HttpMethod.Get, $"/v1/files/{Uri.EscapeDataString(id)}/content");

    public async Task DeleteFileAsync(HttpContext context, string id)
    {
        if (await ForwardOwnedFileAsync(context, id, HttpMethod.Delete, $"/v1/files/{Uri.EscapeDataString(id)}"))
        {
            await Ownership.RemoveAsync(BatchObjectKind.OpenAIFile, id, CancellationToken.None);
        }
    }

    public async Task CreateAsync(HttpContext context)
    {
        if (await _exchange.BeginAsync(context) is not { } caller)
        {
            return;
        }

        JsonObject? request = null;
        if (await RequestBodyReader.ReadAsync(context.Request, MaxCreateBody, context.RequestAborted) is { } body)
        {
            try
            {
                // Text the parser lets through (invalid UTF-8, a lone surrogate escape) and a repeated property throw
                // from the first read of the value instead of from Parse: both are refused here, before any read.
                request = JsonTextCheck.FindProblem(body.Span) is null ? JsonNode.Parse(body.Span, documentOptions: StrictDocument) as JsonObject : null;
            }
            catch (JsonException)
            {
                request = null;
            }
        }

        if (request is null)
        {
            await _exchange.FailAsync(context, new Failure(FailureKind.InvalidRequest, "The request body must be a JSON object with input_file_id, endpoint and completion_window."));
            return;
        }

        // The input file must be the caller's own: another tenant's file id reads as unknown.
        var fileId = request["input_file_id"] is JsonValue v && v.TryGetValue<string>(out var f) ? f : null;
        if (fileId is null)
        {
            // Missing or not a string is a malformed request (400, as OpenAI answers), not an unknown file.
            await _exchange.FailAsync(context, new Failure(FailureKind.InvalidRequest, "Missing required parameter: 'input_file_id' (a string).") { Param = "input_file_id" });
            return;
        }

        if (BatchCreateProblem(request) is { } problem)
        {
            // Checked before any budget is asked, so that a tenant over its budget hears what is wrong with the request.
            await _exchange.FailAsync(context, problem);
            return;
        }

        if (await Ownership.FindAsync(BatchObjectKind.OpenAIFile, fileId, caller.Tenant, context.RequestAborted) is null)
        {
            await _exchange.FailAsync(context, new Failure(FailureKind.NotFound, $"No such File object: {fileId}") { Param = "input_file_id" });
            return;
        }

        BatchReservation? reservation = null;
        string? warning = null;
        if (admission.Needed(caller))
        {
            if (await EstimateAsync(context, fileId) is not { } estimate)
            {
                return;
            }

            (reservation, var refusal, warning) = await admission.ReserveAsync(caller, "openai", estimate, context.RequestAborted);
            if (refusal is not null)
            {
                await _exchange.FailAsync(context, refusal);
                return;
            }
        }

        try
        {
            using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(request));
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            using var response = await upstream.SendAsync(HttpMethod.Post, "/v1/batches", content, context.Request, context.RequestAborted);
            if (await _exchange.ReadObjectAsync(context, response) is not { } batch)
            {
                return;
            }

            await admission.AdoptAsync(context, BatchObjectKind.OpenAIBatch, Id(batch), caller, reservation, warning);
            reservation = null; // the batch holds it now, until it is billed
            await BatchExchange.WriteAsync(context, batch);
        }
        finally
        {
            await admission.ReleaseAsync(caller, reservation);
        }
    }

    /// <summary>
    /// The worst case of the batch's input file, read back from OpenAI: the upload streamed through as multipart, so
    /// the file is read once more here, only when budgets need it. Answers the caller itself and returns null when the
    /// file cannot be read or is not JSONL.
    /// </summary>
    /// <summary>The endpoints OpenAI's batch API takes (PROTOCOLS.md §6); its only completion window is 24h.</summary>
    private static readonly FrozenSet<string> BatchEndpoints = FrozenSet.Create(
        StringComparer.Ordinal,
        "/v1/responses", "/v1/chat/completions", "/v1/embeddings", "/v1/completions", "/v1/moderations", "/v1/images/generations", "/v1/images/edits", "/v1/videos");

    private static Failure? BatchCreateProblem(JsonObject request)
    {
        var endpoint = request["endpoint"] is JsonValue e && e.TryGetValue<string>(out var text) ? text : null;
        if (endpoint is null || !BatchEndpoints.Contains(endpoint))
        {
            return new Failure(FailureKind.InvalidRequest, $"Invalid value for 'endpoint': {(endpoint is null ? "a string is required" : $"'{endpoint}'")}. Supported values are: {string.Join(", ", BatchEndpoints.Order(StringComparer.Ordinal).Select(x => $"'{x}'"))}.") { Param = "endpoint" };
        }

        var window = request["completion_window"] is JsonValue w && w.TryGetValue<string>(out var windowText) ? windowText : null;
        return window == "24h"
            ? null
            : new Failure(FailureKind.InvalidRequest, "Invalid value for 'completion_window': only '24h' is supported.") { Param = "completion_window" };
    }

    private async Task<BatchCostEstimate?> EstimateAsync(HttpContext context, string fileId)
    {
        using var file = await upstream.SendAsync(HttpMethod.Get, $"/v1/files/{Uri.EscapeDataString(fileId)}/content", null, context.Request, context.RequestAborted);
        if (!file.IsSuccessStatusCode)
        {
            await _exchange.RelayAsync(context, file);
            return null;
        }

        try
        {
            await using var jsonl = await file.Content.ReadAsStreamAsync(context.RequestAborted);
            return await admission.Estimator().EstimateOpenAIInputFileAsync(jsonl, context.RequestAborted);
        }
        catch (JsonException)
        {
            await _exchange.FailAsync(context, new Failure(FailureKind.InvalidRequest, $"The input file {fileId} is not JSONL: every line must be one JSON object.") { Param = "input_file_id" });
            return null;
        }
    }

    public async Task GetAsync(HttpContext context, string id)
    {
        if (await OwnedBatchAsync(context, id) is not { } owned)
        {
            return;
        }

        using var response = await upstream.SendAsync(HttpMethod.Get, $"/v1/batches/{Uri.EscapeDataString(id)}", null, context.Request, context.RequestAborted);
        if (await _exchange.ReadObjectAsync(context, response) is { } batch)
        {
            await ObserveAsync(batch, owned.Caller.Tenant, owned.KeyName, context.RequestAborted);
            await BatchExchange.WriteAsync(context, batch);
        }
    }

    public async Task ListAsync(HttpContext context)
    {
        if (await _exchange.BeginAsync(context) is not { } caller)
        {
            return;
        }

        if (ListLimit.Read(context.Request.Query, 20, 100) is not { } limit)
        {
            await _exchange.FailAsync(context, new Failure(FailureKind.InvalidRequest, "Invalid 'limit': expected an integer between 1 and 100.") { Param = "limit" });
            return;
        }

        // The provider's list holds every tenant's batches; the page comes from the tenant's own ids instead.
        var after = context.Request.Query["after"].ToString();
        var ids = await Ownership.ListAsync(BatchObjectKind.OpenAIBatch, caller.Tenant, after.Length > 0 ? after : null, limit + 1, context.RequestAborted);
        var data = new JsonArray();
        foreach (var id in ids.Take(limit))
        {
            if (await upstream.GetObjectAsync($"/v1/batches/{Uri.EscapeDataString(id)}", context.Request, context.RequestAborted) is { } batch)
            {
                var keyName = await Ownership.FindAsync(BatchObjectKind.OpenAIBatch, id, caller.Tenant, context.RequestAborted) ?? caller.KeyName;
                await ObserveAsync(batch, caller.Tenant, keyName, context.RequestAborted);
                data.Add(batch);
            }
        }

        await BatchExchange.WriteAsync(context, new JsonObject
        {
            ["object"] = "list",
            ["data"] = data,
            ["first_id"] = data.Count > 0 ? Id(data[0]!.AsObject()) : null,
            ["last_id"] = data.Count > 0 ? Id(data[^1]!.AsObject()) : null,
            ["has_more"] = ids.Count > limit,
        });
    }

    public async Task CancelAsync(HttpContext context, string id)
    {
        if (await OwnedBatchAsync(context, id) is not { } owned)
        {
            return;
        }

        using var response = await upstream.SendAsync(HttpMethod.Post, $"/v1/batches/{Uri.EscapeDataString(id)}/cancel", null, context.Request, context.RequestAborted);
        if (await _exchange.ReadObjectAsync(context, response) is { } batch)
        {
            await ObserveAsync(batch, owned.Caller.Tenant, owned.KeyName, context.RequestAborted);
            await BatchExchange.WriteAsync(context, batch);
        }
    }

    /// <summary>Looks up a batch at OpenAI and bills it if it has ended (the billing sweep; no caller is waiting).</summary>
    public async Task SweepAsync(UnbilledBatch owned, CancellationToken cancellationToken)
    {
        if (await upstream.GetObjectAsync($"/v1/batches/{Uri.EscapeDataString(owned.Id)}", null, cancellationToken) is { } batch)
        {
            await ObserveAsync(batch, owned.Tenant, owned.KeyName, cancellationToken);
        }
    }

    private IBatchOwnership Ownership => runtime.BatchOwnership;

    /// <summary>Gives the tenant its batch's output and error files, and bills an ended batch once.</summary>
    private async Task ObserveAsync(JsonObject batch, string tenant, string keyName, CancellationToken cancellationToken)
    {
        var outputId = Text(batch, "output_file_id");
        foreach (var fileId in new[] { outputId, Text(batch, "error_file_id") })
        {
            if (fileId is not null)
            {
                await Ownership.AddAsync(BatchObjectKind.OpenAIFile, fileId, tenant, keyName, cancellationToken);
            }
        }

        if (!Ended.Contains(Text(batch, "status")))
        {
            return;
        }

        if (outputId is null)
        {
            await billing.BillOnceAsync(Id(batch), "openai", tenant, keyName, null, cancellationToken);
            return;
        }

        using var response = await upstream.SendAsync(HttpMethod.Get, $"/v1/files/{Uri.EscapeDataString(outputId)}/content", null, null, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            await using var results = await response.Content.ReadAsStreamAsync(cancellationToken);
            await billing.BillOnceAsync(Id(batch), "openai", tenant, keyName, results, cancellationToken);
        }
    }

    private async Task<bool> ForwardOwnedFileAsync(HttpContext context, string id, HttpMethod method, string path)
    {
        if (await _exchange.BeginAsync(context) is not { } caller)
        {
            return false;
        }

        if (await Ownership.FindAsync(BatchObjectKind.OpenAIFile, id, caller.Tenant, context.RequestAborted) is null)
        {
            await _exchange.NotFoundAsync(context, $"No such File object: {id}");
            return false;
        }

        using var response = await upstream.SendAsync(method, path, null, context.Request, context.RequestAborted);
        var ok = response.IsSuccessStatusCode;
        await _exchange.RelayAsync(context, response);
        return ok;
    }



    private Task<(Caller Caller, string KeyName)?> OwnedBatchAsync(HttpContext context, string id) =>
        _exchange.OwnedAsync(context, BatchObjectKind.OpenAIBatch, id, $"No batch found with id '{id}'.");

    private static string Id(JsonObject o) => Text(o, "id") ?? string.Empty;

    private static string? Text(JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
