using System.Runtime.CompilerServices;
using System.Text.Json;
using Switchyard.Batching;
using Switchyard.Providers;

namespace Switchyard.Providers.Anthropic.Batches;

/// <summary>
/// Anthropic's Message Batches API (PROTOCOLS.md §7): a chunk file is streamed as the <c>requests</c> array of
/// <c>POST /v1/messages/batches</c>; results are streamed from <c>/v1/messages/batches/{id}/results</c>. Anthropic keeps
/// no metadata on a batch, so a create whose answer was lost is found by time and size (see <see cref="FindAsync"/>).
/// Thread-safe.
/// </summary>
public sealed class AnthropicBatchProvider : IBatchProvider
{
    private readonly BatchHttpClient _http;

    /// <summary>Creates the provider.</summary>
    /// <param name="http">The HTTP client (not disposed here).</param>
    /// <param name="endpoint">Base URL (without <c>/v1</c>) and key.</param>
    public AnthropicBatchProvider(HttpClient http, ProviderEndpoint endpoint) =>
        _http = new BatchHttpClient(http, endpoint, AnthropicDialect.Instance);

    /// <inheritdoc />
    public string Name => "anthropic";

    /// <inheritdoc />
    public BatchLimits Limits { get; init; } = BatchLimits.Anthropic;

    /// <inheritdoc />
    public BatchLineFormat Format => BatchLineFormat.AnthropicBatch;

    /// <inheritdoc />
    public bool UploadsFiles => false;

    /// <inheritdoc />
    public Task<string> UploadAsync(string path, string fileName, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Anthropic batches take their requests in the create call.");

    /// <inheritdoc />
    public async Task<RemoteBatch> CreateAsync(string chunkPath, string? fileId, string marker, CancellationToken cancellationToken)
    {
        using var document = await _http.SendJsonAsync("create message batch", () =>
            new HttpRequestMessage(HttpMethod.Post, "/v1/messages/batches") { Content = new RequestsArrayContent(chunkPath) },
            cancellationToken).ConfigureAwait(false);
        return AnthropicBatchObject.Read(document.RootElement);
    }

    /// <summary>
    /// Anthropic batches carry no metadata, so the batch an interrupted create made is taken to be the oldest one
    /// created since <paramref name="notBefore"/> with exactly <paramref name="requests"/> requests that no other chunk
    /// of the job owns. Two jobs of the same size created at the same moment on one account could be confused; the
    /// marker is not used.
    /// </summary>
    public async Task<RemoteBatch?> FindAsync(string marker, DateTimeOffset notBefore, int requests, IReadOnlySet<string> excluding, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(excluding);
        RemoteBatch? oldest = null;
        string? afterId = null;
        while (true)
        {
            var query = afterId is null ? "/v1/messages/batches?limit=100" : $"/v1/messages/batches?limit=100&after_id={Uri.EscapeDataString(afterId)}";
            using var page = await _http.SendJsonAsync("list message batches", () => new HttpRequestMessage(HttpMethod.Get, query), cancellationToken).ConfigureAwait(false);
            var data = page.RootElement.GetProperty("data");
            foreach (var item in data.EnumerateArray())
            {
                var batch = AnthropicBatchObject.Read(item);
                afterId = batch.Id;
                if (batch.CreatedAt < notBefore)
                {
                    return oldest;
                }

                if (batch.Total == requests && !excluding.Contains(batch.Id))
                {
                    oldest = batch;
                }
            }

            if (data.GetArrayLength() == 0 || !(page.RootElement.TryGetProperty("has_more", out var more) && more.ValueKind == JsonValueKind.True))
            {
                return oldest;
            }
        }
    }

    /// <inheritdoc />
    public async Task<RemoteBatch> GetAsync(string batchId, CancellationToken cancellationToken)
    {
        using var document = await _http.SendJsonAsync("get message batch", () =>
            new HttpRequestMessage(HttpMethod.Get, $"/v1/messages/batches/{Uri.EscapeDataString(batchId)}"), cancellationToken).ConfigureAwait(false);
        return AnthropicBatchObject.Read(document.RootElement);
    }

    /// <inheritdoc />
    public async Task<RemoteBatch> CancelAsync(string batchId, CancellationToken cancellationToken)
    {
        using var document = await _http.SendJsonAsync("cancel message batch", () =>
            new HttpRequestMessage(HttpMethod.Post, $"/v1/messages/batches/{Uri.EscapeDataString(batchId)}/cancel"), cancellationToken).ConfigureAwait(false);
        return AnthropicBatchObject.Read(document.RootElement);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<BatchResultLine> ReadResultsAsync(RemoteBatch batch, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        using var response = await _http.SendAsync("download message batch results", () =>
            new HttpRequestMessage(HttpMethod.Get, $"/v1/messages/batches/{Uri.EscapeDataString(batch.Id)}/results"),
            HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var line in JsonlLines.ReadLinesAsync(stream, cancellationToken).ConfigureAwait(false))
        {
            yield return AnthropicBatchResult.Read(line);
        }
    }
}
