using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Batching;
using Switchyard.Providers;

namespace Switchyard.Providers.OpenAI.Batches;

/// <summary>
/// OpenAI's Batch API (PROTOCOLS.md §6): chunk files uploaded to <c>/v1/files</c> (streamed multipart), batches on
/// <c>/v1/batches</c> with the chunk's marker in <c>metadata</c>, results from the output and error files. Thread-safe.
/// </summary>
public sealed class OpenAIBatchProvider : IBatchProvider
{
    /// <summary>The metadata key holding a chunk's marker.</summary>
    public const string MarkerKey = "switchyard_marker";

    private readonly BatchHttpClient _http;

    /// <summary>Creates the provider.</summary>
    /// <param name="http">The HTTP client (not disposed here).</param>
    /// <param name="endpoint">Base URL (without <c>/v1</c>) and key.</param>
    public OpenAIBatchProvider(HttpClient http, ProviderEndpoint endpoint) =>
        _http = new BatchHttpClient(http, endpoint, OpenAIDialect.Instance);

    /// <inheritdoc />
    public string Name => "openai";

    /// <inheritdoc />
    public BatchLimits Limits { get; init; } = BatchLimits.OpenAI;

    /// <inheritdoc />
    public BatchLineFormat Format => BatchLineFormat.OpenAIBatch;

    /// <inheritdoc />
    public bool UploadsFiles => true;

    /// <inheritdoc />
    public async Task<string> UploadAsync(string path, string fileName, CancellationToken cancellationToken)
    {
        using var document = await _http.SendJsonAsync("upload batch file", () =>
        {
            var file = new StreamContent(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true));
            file.Headers.ContentType = new MediaTypeHeaderValue("application/jsonl");
            var form = new MultipartFormDataContent { { new StringContent("batch"), "purpose" }, { file, "file", fileName } };
            return new HttpRequestMessage(HttpMethod.Post, "/v1/files") { Content = form };
        }, cancellationToken).ConfigureAwait(false);
        return document.RootElement.GetProperty("id").GetString()
            ?? throw new BatchProviderException("upload batch file: the answer has no file id.");
    }

    /// <inheritdoc />
    public async Task<RemoteBatch> CreateAsync(string chunkPath, string? fileId, string marker, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fileId);
        var body = new JsonObject
        {
            ["input_file_id"] = fileId,
            ["endpoint"] = BatchInputLine.ChatCompletionsUrl,
            ["completion_window"] = "24h",
            ["metadata"] = new JsonObject { [MarkerKey] = marker },
        };
        using var document = await _http.SendJsonAsync("create batch", () =>
            new HttpRequestMessage(HttpMethod.Post, "/v1/batches") { Content = JsonContent.Create(body) }, cancellationToken).ConfigureAwait(false);
        return OpenAIBatchObject.Read(document.RootElement);
    }

    /// <inheritdoc />
    public async Task<RemoteBatch?> FindAsync(string marker, DateTimeOffset notBefore, int requests, IReadOnlySet<string> excluding, CancellationToken cancellationToken)
    {
        string? after = null;
        while (true)
        {
            var query = after is null ? "/v1/batches?limit=100" : $"/v1/batches?limit=100&after={Uri.EscapeDataString(after)}";
            using var page = await _http.SendJsonAsync("list batches", () => new HttpRequestMessage(HttpMethod.Get, query), cancellationToken).ConfigureAwait(false);
            var data = page.RootElement.GetProperty("data");
            foreach (var item in data.EnumerateArray())
            {
                var batch = OpenAIBatchObject.Read(item);
                if (batch.Marker == marker)
                {
                    return batch;
                }

                after = batch.Id;
                if (batch.CreatedAt < notBefore)
                {
                    // Listed newest first: everything further is older than the intent.
                    return null;
                }
            }

            if (data.GetArrayLength() == 0 || !(page.RootElement.TryGetProperty("has_more", out var more) && more.ValueKind == JsonValueKind.True))
            {
                return null;
            }
        }
    }

    /// <inheritdoc />
    public async Task<RemoteBatch> GetAsync(string batchId, CancellationToken cancellationToken)
    {
        using var document = await _http.SendJsonAsync("get batch", () =>
            new HttpRequestMessage(HttpMethod.Get, $"/v1/batches/{Uri.EscapeDataString(batchId)}"), cancellationToken).ConfigureAwait(false);
        return OpenAIBatchObject.Read(document.RootElement);
    }

    /// <inheritdoc />
    public async Task<RemoteBatch> CancelAsync(string batchId, CancellationToken cancellationToken)
    {
        using var document = await _http.SendJsonAsync("cancel batch", () =>
            new HttpRequestMessage(HttpMethod.Post, $"/v1/batches/{Uri.EscapeDataString(batchId)}/cancel"), cancellationToken).ConfigureAwait(false);
        return OpenAIBatchObject.Read(document.RootElement);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<BatchResultLine> ReadResultsAsync(RemoteBatch batch, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        foreach (var fileId in new[] { batch.OutputFileId, batch.ErrorFileId })
        {
            if (fileId is null)
            {
                continue;
            }

            using var response = await _http.SendAsync("download batch results", () =>
                new HttpRequestMessage(HttpMethod.Get, $"/v1/files/{Uri.EscapeDataString(fileId)}/content"),
                HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await foreach (var line in JsonlLines.ReadLinesAsync(stream, cancellationToken).ConfigureAwait(false))
            {
                yield return OpenAIBatchResult.Read(line);
            }
        }
    }
}
