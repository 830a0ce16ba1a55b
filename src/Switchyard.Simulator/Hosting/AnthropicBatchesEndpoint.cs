using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Switchyard.Simulator.Batches;
using Switchyard.Simulator.Requests;
using Switchyard.Simulator.Runtime;

namespace Switchyard.Simulator.Hosting;

/// <summary>
/// Anthropic <c>/v1/messages/batches</c>: create (validated at once, as the real API does), retrieve, list (newest
/// first, <c>before_id</c>/<c>after_id</c>/<c>limit</c>), cancel, results (JSONL) and delete (PROTOCOLS §7).
/// </summary>
internal sealed class AnthropicBatchesEndpoint(SimulatorRuntime runtime, BatchHttp http, BatchRunner runner)
{
    public const long MaxBytes = 256L * 1024 * 1024;
    private const SimulatorApi Api = SimulatorApi.AnthropicMessages;
    private const string Route = "/v1/messages/batches";

    public async Task CreateAsync(HttpContext context)
    {
        if (await http.BeginAsync(context, Api, Route) is not { } requestId)
        {
            return;
        }

        BatchHttp.LiftBodyLimit(context);
        var bodyPath = runtime.Batches.NewPath(".json");
        var linesPath = runtime.Batches.NewPath(".jsonl");
        try
        {
            var error = await ReceiveAsync(context, bodyPath)
                ?? await AnthropicBatchInput.WriteLinesAsync(bodyPath, linesPath, context.RequestAborted)
                ?? (runtime.State.TakeBatchValidationFailure("anthropic") ? Invalid("requests: the batch failed validation (scripted by the simulator scenario).") : null);
            if (error is not null)
            {
                File.Delete(linesPath);
                await http.ErrorAsync(context, Api, requestId, error);
                return;
            }
        }
        finally
        {
            File.Delete(bodyPath);
        }

        var handle = File.OpenHandle(linesPath, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
        // The lines file is private to the batch: unlinked now, read through the handle, gone when the batch is.
        File.Delete(linesPath);
        var lines = LineIndex.Build(handle, int.MaxValue);
        var now = runtime.Time.GetUtcNow();
        var batch = new SimBatch(BatchProvider.Anthropic, BatchIds.AnthropicBatch(), now, lines.Count, handle, lines)
        {
            Status = BatchStatus.InProgress,
            InProgressAt = now,
        };
        runtime.Batches.AddBatch(batch);
        runtime.Stats.Batches.RecordCreated("anthropic");
        var body = AnthropicBatchJson.Batch(batch, ResultsUrl(context, batch.Id));
        runner.Start(batch, failValidation: false);
        await http.JsonAsync(context, body);
    }

    public async Task GetAsync(HttpContext context)
    {
        if (await FindAsync(context, Route + "/{id}") is { } found)
        {
            await http.JsonAsync(context, AnthropicBatchJson.Batch(found.Batch, ResultsUrl(context, found.Batch.Id)));
        }
    }

    public async Task ListAsync(HttpContext context)
    {
        if (await http.BeginAsync(context, Api, Route) is not { } requestId)
        {
            return;
        }

        var query = context.Request.Query;
        var limit = 20;
        if (query.ContainsKey("limit") && (!int.TryParse(query["limit"], out limit) || limit is < 1 or > 1000))
        {
            await http.ErrorAsync(context, Api, requestId, Invalid("limit: Input should be between 1 and 1000"));
            return;
        }

        var all = runtime.Batches.NewestFirst(BatchProvider.Anthropic);
        List<SimBatch> page;
        bool hasMore;
        if (query["before_id"].ToString() is { Length: > 0 } before)
        {
            // The page just before the cursor (newer batches), still newest first.
            var end = BatchStore.IndexOf(all, before);
            end = end < 0 ? 0 : end;
            var start = Math.Max(0, end - limit);
            page = all.Skip(start).Take(end - start).ToList();
            hasMore = start > 0;
        }
        else
        {
            var start = 0;
            if (query["after_id"].ToString() is { Length: > 0 } after)
            {
                var index = BatchStore.IndexOf(all, after);
                start = index < 0 ? all.Count : index + 1;
            }

            page = all.Skip(start).Take(limit).ToList();
            hasMore = start + page.Count < all.Count;
        }

        await http.JsonAsync(context, AnthropicBatchJson.List(page, hasMore, id => ResultsUrl(context, id)));
    }

    public async Task CancelAsync(HttpContext context)
    {
        if (await FindAsync(context, Route + "/{id}/cancel") is not { } found)
        {
            return;
        }

        var batch = found.Batch;
        byte[] body;
        lock (batch.Gate)
        {
            // Canceling an ended batch changes nothing; the batch is returned as it is. The answer is the batch as the
            // cancel left it: the runner cannot end it before the gate is released.
            batch.TryCancel(runtime.Time.GetUtcNow());
            body = AnthropicBatchJson.Batch(batch, ResultsUrl(context, batch.Id));
        }

        await http.JsonAsync(context, body);
    }

    public async Task ResultsAsync(HttpContext context)
    {
        if (await FindAsync(context, Route + "/{id}/results") is not { } found)
        {
            return;
        }

        string? path;
        lock (found.Batch.Gate)
        {
            path = found.Batch.IsTerminal ? found.Batch.ResultsPath : null;
        }

        if (path is null)
        {
            await http.ErrorAsync(context, Api, found.RequestId, Invalid($"Message batch {found.Batch.Id} has not ended yet; results are available once processing_status is 'ended'."));
        }
        else if (!await http.FileAsync(context, path, "application/binary"))
        {
            await http.ErrorAsync(context, Api, found.RequestId, NotFound(found.Batch.Id));
        }
    }

    public async Task DeleteAsync(HttpContext context)
    {
        if (await FindAsync(context, Route + "/{id}") is not { } found)
        {
            return;
        }

        bool ended;
        lock (found.Batch.Gate)
        {
            ended = found.Batch.IsTerminal;
        }

        if (!ended)
        {
            await http.ErrorAsync(context, Api, found.RequestId, Invalid($"Message batch {found.Batch.Id} is still processing; cancel it and wait for it to end before deleting it."));
            return;
        }

        runtime.Batches.DeleteBatch(found.Batch);
        await http.JsonAsync(context, AnthropicBatchJson.Deleted(found.Batch.Id));
    }

    private static string ResultsUrl(HttpContext context, string id) =>
        $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}{Route}/{id}/results";

    private async Task<(SimBatch Batch, string RequestId)?> FindAsync(HttpContext context, string route)
    {
        if (await http.BeginAsync(context, Api, route) is not { } requestId)
        {
            return null;
        }

        var id = BatchHttp.Id(context);
        if (runtime.Batches.Batch(id, BatchProvider.Anthropic) is { } batch)
        {
            return (batch, requestId);
        }

        await http.ErrorAsync(context, Api, requestId, NotFound(id));
        return null;
    }

    /// <summary>Copies the body to <paramref name="path"/> (at most 256 MB) so it is never held in memory whole.</summary>
    private static async Task<WireError?> ReceiveAsync(HttpContext context, string path)
    {
        if (context.Request.ContentLength > MaxBytes)
        {
            return TooLarge();
        }

        await using var target = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16, useAsync: true);
        var buffer = new byte[1 << 16];
        long total = 0;
        int read;
        while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
        {
            total += read;
            if (total > MaxBytes)
            {
                return TooLarge();
            }

            await target.WriteAsync(buffer.AsMemory(0, read), context.RequestAborted);
        }

        return null;
    }

    private static WireError TooLarge() => new(413, "request_too_large", $"Request exceeds the maximum size of {MaxBytes / (1024 * 1024)} MB for a message batch.");

    private static WireError Invalid(string message) => new(400, "invalid_request_error", message);

    private static WireError NotFound(string id) => new(404, "not_found_error", $"Message batch {id} not found.");
}
