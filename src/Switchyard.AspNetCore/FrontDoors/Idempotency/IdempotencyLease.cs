using Switchyard.Gateway;
using Switchyard.Streaming;

namespace Switchyard.AspNetCore.FrontDoors.Idempotency;

/// <summary>
/// The claim of the request that owns an <c>Idempotency-Key</c>: it generates, and records what duplicates get — the
/// stream to attach to as soon as it exists, then the finished answer. A failure that produced nothing to replay
/// releases the key, so a retry may generate again.
/// </summary>
internal sealed class IdempotencyLease(IIdempotencyStore store, string tenant, string key)
{
    private Task? _attach;

    /// <summary>Hands duplicates the live stream (they read it from the delta log).</summary>
    public void AttachStream(string streamId) => _attach = store.AttachStreamAsync(tenant, key, streamId, CancellationToken.None);

    /// <summary>Records a body answered outside the engine (a queued background response).</summary>
    public Task CompleteAsync(ReadOnlyMemory<byte> body) =>
        store.CompleteAsync(tenant, key, new IdempotentResult(200, "application/json", new Dictionary<string, string>(), body), CancellationToken.None);

    /// <summary>Records a stream that runs on without this request (a background response): duplicates read it from the log.</summary>
    public async Task CompleteStreamAsync(string streamId)
    {
        await store.AttachStreamAsync(tenant, key, streamId, CancellationToken.None);
        await store.CompleteAsync(tenant, key, new IdempotentResult(200, "text/event-stream", new Dictionary<string, string>(), ReadOnlyMemory<byte>.Empty), CancellationToken.None);
    }

    /// <summary>Releases the key: the request was refused before anything was generated, so a retry may generate.</summary>
    public Task AbandonAsync() => store.AbandonAsync(tenant, key, CancellationToken.None);

    /// <summary>Records the owner's outcome: the answer to replay, or the key released after a failure.</summary>
    public async Task FinishAsync(HttpChatResponseSink sink, ForwardOutcome? outcome)
    {
        if (_attach is not null)
        {
            await _attach;
        }

        if (sink.SentBody is { } body)
        {
            var headers = ReplayHeaders.From(sink);
            await store.CompleteAsync(tenant, key, new IdempotentResult(200, "application/json", headers, body), CancellationToken.None);
        }
        else if (sink.StreamId is not null && outcome?.Failure is null or { Kind: not Failures.FailureKind.Cancelled })
        {
            // Duplicates replay the stream from the log, the way it ended (an error event included).
            await store.CompleteAsync(tenant, key, new IdempotentResult(200, "text/event-stream", new Dictionary<string, string>(), ReadOnlyMemory<byte>.Empty), CancellationToken.None);
        }
        else
        {
            await AbandonAsync();
        }
    }
}
