using Microsoft.AspNetCore.Http;
using Switchyard.Failures;
using Switchyard.Hosting.Configuration;
using Switchyard.Providers;
using Switchyard.Streaming;

namespace Switchyard.AspNetCore.FrontDoors.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c> on POST, as the IETF draft (httpapi-idempotency-key-header) describes it: the first request
/// with a key generates; a duplicate with the same body gets the same answer — attached to the live stream, or the
/// stored response — without a second generation or charge; the same key with another body is 422. Keys are scoped to
/// the tenant.
/// </summary>
internal static class IdempotencyGate
{
    public const string HeaderName = "Idempotency-Key";
    private const int MaxKeyLength = 255;

    /// <summary>
    /// Claims the key for this request (returns the lease), or answers the request itself — a replay, 409 or 422 —
    /// and returns null.
    /// </summary>
    public static async Task<IdempotencyLease?> EnterAsync(
        HttpContext context, IWireCodec codec, IIdempotencyStore store, IDeltaLog? log, SwitchyardOptions options, string tenant, string key, ReadOnlyMemory<byte> body)
    {
        var cancellationToken = context.RequestAborted;
        if (key.Length > MaxKeyLength || key.Any(c => c is < '!' or > '~'))
        {
            await FailAsync(context, codec, new Failure(FailureKind.InvalidRequest, $"The {HeaderName} header must be 1 to {MaxKeyLength} visible ASCII characters.") { Param = HeaderName });
            return null;
        }

        var fingerprint = IdempotencyFingerprint.Of(body.Span);
        for (var round = 0; round < 3; round++)
        {
            var claim = await store.ClaimAsync(tenant, key, fingerprint, cancellationToken);
            switch (claim.Outcome)
            {
                case IdempotencyClaimOutcome.Claimed:
                    return new IdempotencyLease(store, tenant, key);
                case IdempotencyClaimOutcome.Mismatch:
                    await FailAsync(context, codec, new Failure(FailureKind.IdempotencyMismatch, $"This {HeaderName} was already used with a different request body. Use a new key for a new request.") { Param = HeaderName });
                    return null;
            }

            var record = claim.Record!;
            if (record.State == IdempotencyState.InProgress && record.StreamId is null)
            {
                // The original has nothing to replay yet: wait for its stream or its answer.
                record = await store.WaitForCompletionAsync(tenant, key, TimeSpan.FromSeconds(options.Idempotency.WaitSeconds), cancellationToken);
                if (record is null)
                {
                    continue; // It failed and released the key: this request may generate after all.
                }

                if (record.State == IdempotencyState.InProgress && record.StreamId is null)
                {
                    await FailAsync(context, codec, new Failure(FailureKind.Conflict, $"A request with this {HeaderName} is still in progress. Retry later.") { RetryAfter = TimeSpan.FromSeconds(1) });
                    return null;
                }
            }

            await ReplayAsync(context, codec, log, options, tenant, record);
            return null;
        }

        await FailAsync(context, codec, new Failure(FailureKind.Conflict, $"A request with this {HeaderName} keeps failing and being retried concurrently. Retry later.") { RetryAfter = TimeSpan.FromSeconds(1) });
        return null;
    }

    private static async Task ReplayAsync(HttpContext context, IWireCodec codec, IDeltaLog? log, SwitchyardOptions options, string tenant, IdempotencyRecord record)
    {
        context.Response.Headers["idempotent-replayed"] = "true";
        if (record.StreamId is { } streamId && log is not null)
        {
            if (await StreamReplay.CheckAsync(context, codec, log, streamId, tenant, options.Streams.RetentionSeconds))
            {
                await StreamReplay.WriteAsync(context, codec, log, streamId, tenant, -1);
            }

            return;
        }

        var result = record.Result!;
        var response = context.Response;
        response.StatusCode = result.StatusCode;
        response.ContentType = result.ContentType;
        foreach (var (name, value) in result.Headers)
        {
            response.Headers[name] = value;
        }

        response.ContentLength = result.Body.Length;
        await response.Body.WriteAsync(result.Body, context.RequestAborted);
    }

    private static Task FailAsync(HttpContext context, IWireCodec codec, Failure failure) =>
        FailureResponder.WriteAsync(context, codec, failure, context.RequestAborted);
}
