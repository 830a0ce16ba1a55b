using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Switchyard.Simulator.Batches;
using Switchyard.Simulator.Requests;
using Switchyard.Simulator.Runtime;

namespace Switchyard.Simulator.Hosting;

/// <summary>
/// OpenAI <c>/v1/files</c> for batch input: multipart upload streamed to disk (never buffered), retrieve, content, delete.
/// An upload is checked as the Batch API needs it: <c>purpose=batch</c>, at most 200 MB and 50,000 lines, each a JSON object.
/// </summary>
internal sealed class FilesEndpoint(SimulatorRuntime runtime, BatchHttp http)
{
    public const long MaxBytes = 200L * 1024 * 1024;
    public const int MaxRequests = 50_000;
    private const SimulatorApi Api = SimulatorApi.OpenAIChatCompletions;

    public async Task UploadAsync(HttpContext context)
    {
        if (await http.BeginAsync(context, Api, "/v1/files") is not { } requestId)
        {
            return;
        }

        BatchHttp.LiftBodyLimit(context);
        var path = runtime.Batches.NewPath(".jsonl");
        var (error, purpose, filename) = await ReceiveAsync(context, path);
        error ??= purpose is null ? Invalid("Missing required parameter: 'purpose'.", "purpose")
            : purpose != "batch" ? Invalid($"Invalid value for 'purpose': '{purpose}'. The simulator stores files for the Batch API only ('batch').", "purpose")
            : filename is null ? Invalid("Missing required parameter: 'file'.", "file")
            : CheckLines(path);
        if (error is not null)
        {
            File.Delete(path);
            await http.ErrorAsync(context, Api, requestId, error);
            return;
        }

        var file = new StoredFile(BatchIds.File(), filename!, "batch", new FileInfo(path).Length, runtime.Time.GetUtcNow(), path);
        runtime.Batches.AddFile(file);
        await http.JsonAsync(context, OpenAIBatchJson.File(file));
    }

    public async Task GetAsync(HttpContext context)
    {
        if (await FindAsync(context, "/v1/files/{id}") is { } found)
        {
            await http.JsonAsync(context, OpenAIBatchJson.File(found.File));
        }
    }

    public async Task ContentAsync(HttpContext context)
    {
        if (await FindAsync(context, "/v1/files/{id}/content") is { } found
            && !await http.FileAsync(context, found.File.Path, "application/octet-stream"))
        {
            await http.ErrorAsync(context, Api, found.RequestId, NotFound(found.File.Id));
        }
    }

    public async Task DeleteAsync(HttpContext context)
    {
        if (await FindAsync(context, "/v1/files/{id}") is { } found)
        {
            runtime.Batches.DeleteFile(found.File.Id);
            await http.JsonAsync(context, OpenAIBatchJson.Deleted(found.File.Id, "file"));
        }
    }

    private async Task<(StoredFile File, string RequestId)?> FindAsync(HttpContext context, string route)
    {
        if (await http.BeginAsync(context, Api, route) is not { } requestId)
        {
            return null;
        }

        var id = BatchHttp.Id(context);
        if (runtime.Batches.File(id) is { } file)
        {
            return (file, requestId);
        }

        await http.ErrorAsync(context, Api, requestId, NotFound(id));
        return null;
    }

    /// <summary>Reads the multipart form, copying the <c>file</c> part to <paramref name="path"/> as it arrives.</summary>
    private static async Task<(WireError? Error, string? Purpose, string? Filename)> ReceiveAsync(HttpContext context, string path)
    {
        var ct = context.RequestAborted;
        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type) || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 } boundary)
        {
            return (Invalid("The request must be multipart/form-data with the fields 'purpose' and 'file'.", null), null, null);
        }

        string? purpose = null;
        string? filename = null;
        var reader = new MultipartReader(boundary, context.Request.Body);
        try
        {
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
                {
                    continue;
                }

                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value;
                if (name == "purpose")
                {
                    using var text = new StreamReader(section.Body);
                    purpose = (await text.ReadToEndAsync(ct)).Trim();
                }
                else if (name == "file")
                {
                    filename = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "file";
                    if (!await CopyCappedAsync(section.Body, path, ct))
                    {
                        return (Invalid($"File too large: a Batch API input file may be at most {MaxBytes / (1024 * 1024)} MB.", "file"), purpose, filename);
                    }
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException && !ct.IsCancellationRequested)
        {
            return (Invalid("The multipart body could not be read: " + e.Message, null), null, null);
        }

        return (null, purpose, filename);
    }

    private static async Task<bool> CopyCappedAsync(Stream source, string path, CancellationToken ct)
    {
        await using var target = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        var buffer = new byte[1 << 16];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, ct)) > 0)
        {
            total += read;
            if (total > MaxBytes)
            {
                return false;
            }

            await target.WriteAsync(buffer.AsMemory(0, read), ct);
        }

        return true;
    }

    private static WireError? CheckLines(string path)
    {
        using var handle = File.OpenHandle(path);
        var lines = LineIndex.Build(handle, MaxRequests);
        if (lines.Count == 0)
        {
            return Invalid("The batch input file is empty; it needs at least one request line.", "file");
        }

        if (lines.Count > MaxRequests)
        {
            return Invalid($"The batch input file has more than {MaxRequests:N0} requests; a batch may have at most {MaxRequests:N0}.", "file");
        }

        for (var i = 0; i < lines.Count; i++)
        {
            try
            {
                using var document = JsonDocument.Parse(lines.Read(handle, i));
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    return Invalid($"Invalid file format for Batch API: line {i + 1} is not a JSON object.", "file");
                }
            }
            catch (JsonException)
            {
                return Invalid($"Invalid file format for Batch API: line {i + 1} is not valid JSON. Must be .jsonl.", "file");
            }
        }

        return null;
    }

    private static WireError Invalid(string message, string? param) => new(400, "invalid_request_error", message, param);

    private static WireError NotFound(string id) => new(404, "invalid_request_error", $"No such File object: {id}", "id");
}
