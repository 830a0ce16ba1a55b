using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Switchyard.Simulator.Batches;
using Switchyard.Simulator.Requests;
using Switchyard.Simulator.Runtime;

namespace Switchyard.Simulator.Hosting;

/// <summary>OpenAI <c>/v1/batches</c>: create, retrieve, list (newest first, <c>after</c>/<c>limit</c>), cancel (PROTOCOLS §6).</summary>
internal sealed class OpenAIBatchesEndpoint(SimulatorRuntime runtime, BatchHttp http, BatchRunner runner)
{
    private const SimulatorApi Api = SimulatorApi.OpenAIChatCompletions;
    private const string Endpoint = "/v1/chat/completions";

    public async Task CreateAsync(HttpContext context)
    {
        if (await http.BeginAsync(context, Api, "/v1/batches") is not { } requestId)
        {
            return;
        }

        string inputFileId;
        string? metadata;
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            if (Check(document.RootElement, out inputFileId, out metadata) is { } invalid)
            {
                await http.ErrorAsync(context, Api, requestId, invalid);
                return;
            }
        }
        catch (JsonException)
        {
            await http.ErrorAsync(context, Api, requestId, Invalid("We could not parse the JSON body of your request.", null));
            return;
        }

        if (runtime.Batches.File(inputFileId) is not { Purpose: "batch" } file)
        {
            await http.ErrorAsync(context, Api, requestId, new WireError(404, "invalid_request_error", $"No such File object: {inputFileId}", "input_file_id"));
            return;
        }

        // The batch keeps its own handle: deleting the input file later does not pull the lines from under it.
        var handle = File.OpenHandle(file.Path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
        var lines = LineIndex.Build(handle, int.MaxValue);
        var batch = new SimBatch(BatchProvider.OpenAI, BatchIds.OpenAIBatch(), runtime.Time.GetUtcNow(), lines.Count, handle, lines)
        {
            Endpoint = Endpoint,
            InputFileId = inputFileId,
            MetadataJson = metadata,
        };
        runtime.Batches.AddBatch(batch);
        runtime.Stats.Batches.RecordCreated("openai");
        var body = OpenAIBatchJson.Batch(batch);
        runner.Start(batch, runtime.State.TakeBatchValidationFailure("openai"));
        await http.JsonAsync(context, body);
    }

    public async Task GetAsync(HttpContext context)
    {
        if (await FindAsync(context, "/v1/batches/{id}") is { } found)
        {
            await http.JsonAsync(context, OpenAIBatchJson.Batch(found.Batch));
        }
    }

    public async Task ListAsync(HttpContext context)
    {
        if (await http.BeginAsync(context, Api, "/v1/batches") is not { } requestId)
        {
            return;
        }

        var query = context.Request.Query;
        var limit = 20;
        if (query.ContainsKey("limit") && (!int.TryParse(query["limit"], out limit) || limit is < 1 or > 100))
        {
            await http.ErrorAsync(context, Api, requestId, Invalid($"Invalid 'limit': '{query["limit"]}'. Expected an integer between 1 and 100.", "limit"));
            return;
        }

        var all = runtime.Batches.NewestFirst(BatchProvider.OpenAI);
        var start = 0;
        if (query["after"].ToString() is { Length: > 0 } after)
        {
            // An unknown cursor gives an empty page rather than silently restarting from the top.
            var index = BatchStore.IndexOf(all, after);
            start = index < 0 ? all.Count : index + 1;
        }

        var page = all.Skip(start).Take(limit).ToList();
        await http.JsonAsync(context, OpenAIBatchJson.List(page, start + page.Count < all.Count));
    }

    public async Task CancelAsync(HttpContext context)
    {
        if (await FindAsync(context, "/v1/batches/{id}/cancel") is not { } found)
        {
            return;
        }

        var batch = found.Batch;
        bool cancelled;
        string status;
        byte[] body;
        lock (batch.Gate)
        {
            // The answer is the batch as the cancel left it ("cancelling"): the runner cannot end it before the gate is released.
            cancelled = batch.TryCancel(runtime.Time.GetUtcNow());
            status = JsonNamingPolicy.SnakeCaseLower.ConvertName(batch.Status.ToString());
            body = OpenAIBatchJson.Batch(batch);
        }

        if (!cancelled)
        {
            await http.ErrorAsync(context, Api, found.RequestId, new WireError(400, "invalid_request_error", $"Cannot cancel a batch with status '{status}'."));
            return;
        }

        await http.JsonAsync(context, body);
    }

    private async Task<(SimBatch Batch, string RequestId)?> FindAsync(HttpContext context, string route)
    {
        if (await http.BeginAsync(context, Api, route) is not { } requestId)
        {
            return null;
        }

        var id = BatchHttp.Id(context);
        if (runtime.Batches.Batch(id, BatchProvider.OpenAI) is { } batch)
        {
            return (batch, requestId);
        }

        await http.ErrorAsync(context, Api, requestId, new WireError(404, "invalid_request_error", $"No batch found with id '{id}'."));
        return null;
    }

    private static WireError? Check(JsonElement root, out string inputFileId, out string? metadata)
    {
        inputFileId = string.Empty;
        metadata = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Invalid("The request body must be a JSON object.", null);
        }

        if (!root.TryGetProperty("input_file_id", out var file) || file.ValueKind != JsonValueKind.String)
        {
            return Invalid("Missing required parameter: 'input_file_id'.", "input_file_id");
        }

        inputFileId = file.GetString()!;
        if (!root.TryGetProperty("endpoint", out var endpoint) || endpoint.ValueKind != JsonValueKind.String)
        {
            return Invalid("Missing required parameter: 'endpoint'.", "endpoint");
        }

        if (endpoint.GetString() != Endpoint)
        {
            return Invalid($"Invalid value for 'endpoint': '{endpoint.GetString()}'. The simulator runs batches on '{Endpoint}' only.", "endpoint");
        }

        if (!root.TryGetProperty("completion_window", out var window) || window.ValueKind != JsonValueKind.String || window.GetString() != "24h")
        {
            return Invalid("Invalid value for 'completion_window': supported values are: '24h'.", "completion_window");
        }

        if (root.TryGetProperty("metadata", out var meta) && meta.ValueKind != JsonValueKind.Null)
        {
            if (meta.ValueKind != JsonValueKind.Object || meta.EnumerateObject().Count() > 16 || meta.EnumerateObject().Any(p => p.Value.ValueKind != JsonValueKind.String))
            {
                return Invalid("Invalid 'metadata': expected an object of at most 16 string values.", "metadata");
            }

            metadata = meta.GetRawText();
        }

        return null;
    }

    private static WireError Invalid(string message, string? param) => new(400, "invalid_request_error", message, param);
}
