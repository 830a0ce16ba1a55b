using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Switchyard.AspNetCore.Auth;
using Switchyard.AspNetCore.FrontDoors.Idempotency;
using Switchyard.AspNetCore.Hosting;
using Switchyard.AspNetCore.Limits;
using Switchyard.AspNetCore.Memory;
using Switchyard.Failures;
using Switchyard.Gateway;
using Switchyard.Hosting;
using Switchyard.Hosting.Auth;
using Switchyard.Hosting.Limits;
using Switchyard.Hosting.Memory;
using Switchyard.Model;
using Switchyard.Providers;
using Switchyard.Streaming;

namespace Switchyard.AspNetCore.FrontDoors;

/// <summary>
/// One chat front door (<c>/v1/chat/completions</c> or <c>/v1/messages</c>): authenticates, reads and validates the body
/// in the door's format, and hands the request to the engine. Every refusal is an error in the caller's format.
/// </summary>
internal sealed partial class ChatEndpoint(IWireCodec codec, GatewayRuntime runtime, ILogger<ChatEndpoint> logger, Responses.ResponsesCreation? responses = null)
{
    // Client headers that keep their meaning on a same-format route.
    private static readonly string[] ForwardedHeaderNames = ["anthropic-beta"];

    // Made once: a method group converted at each call would be a new delegate per request.
    private readonly Func<ReadOnlyMemory<byte>, CodecResult<ChatRequest>> _readRequest = codec.ReadRequest;

    public async Task HandleAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var cancellationToken = context.RequestAborted;
        // One snapshot for the whole request: a configuration reload mid-request does not mix old and new.
        var snapshot = runtime.Current;
        if (await FrontDoorEntry.AuthenticateAsync(context, codec, snapshot) is not { } caller)
        {
            return;
        }

        if (runtime.DeltaLog is { } log && context.Request.Headers["Last-Event-ID"].ToString() is { Length: > 0 } lastEventId)
        {
            // A reconnecting client re-sends its POST with the last event id it saw: replay, never generate anew. The
            // body is read (and ignored) all the same: a failed stream ends with an abort, and closing a connection
            // with unread request bytes resets it, which would destroy the replayed events still in flight.
            await RequestBodyReader.ReadAsync(context.Request, snapshot.Options.MaxRequestBodyBytes, cancellationToken);
            await ResumeAsync(context, log, caller.Tenant, lastEventId, snapshot.Options.Streams.RetentionSeconds);
            return;
        }

        if (await FrontDoorEntry.ReadBodyAsync(context, codec, snapshot) is not { } bytes)
        {
            return;
        }

        if (await FrontDoorEntry.ParseAsync(context, codec, bytes, _readRequest) is not { } parsed)
        {
            return;
        }

        if (!await InboundLimitGate.AdmitAsync(context, codec, snapshot.Options, runtime.Inbound, caller, parsed))
        {
            return;
        }

        if (!TimeoutHeaders.TryRead(context.Request, out var tier, out var deadline, out var headerError))
        {
            await FailureResponder.WriteAsync(context, codec, headerError, cancellationToken);
            return;
        }

        // Read once: the memory check, the memory step and the Responses conversation all need it.
        var session = runtime.Memory is not null || responses is not null ? SessionIds.Read(context.Request, bytes, codec.Format) : null;
        if (runtime.Memory is not null && MemoryHeaders.Check(context.Request, session) is { } memoryError)
        {
            await FailureResponder.WriteAsync(context, codec, memoryError, cancellationToken);
            return;
        }

        var request = new GatewayRequest(codec, parsed, bytes)
        {
            Tenant = caller.Tenant,
            KeyName = caller.KeyName,
            ForwardedHeaders = ReadForwardedHeaders(context.Request),
            TierOverride = tier,
            DeadlineOverride = deadline,
        };
        IdempotencyLease? lease = null;
        if (runtime.Idempotency is { } store && context.Request.Headers[IdempotencyGate.HeaderName].ToString() is { Length: > 0 } idempotencyKey)
        {
            lease = await IdempotencyGate.EnterAsync(context, codec, store, runtime.DeltaLog, snapshot.Options, caller.Tenant, idempotencyKey, bytes);
            if (lease is null)
            {
                return; // Answered from the original request: a replay, or why not.
            }
        }

        var outcome = responses is null
            ? await ForwardAsync(context, snapshot, request, lease, session)
            : await responses.CreateAsync(context, snapshot, request, lease, session, cancellationToken);
        var provider = outcome?.ServedBy?.Provider ?? "-";
        var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        LogCompleted(logger, caller.Tenant, parsed.Model, provider, context.Response.StatusCode, outcome?.Failure?.Kind, elapsedMs);
    }

    private async Task<ForwardOutcome?> ForwardAsync(HttpContext context, GatewaySnapshot snapshot, GatewayRequest request, IdempotencyLease? lease, string? session)
    {
        MemoryTicket? ticket = null;
        if (runtime.Memory is { } memory && session is not null && SessionMemory.IsValid(session))
        {
            var (system, newTurns) = SessionMemory.Split(request.Request.Messages);
            (request, ticket) = await MemoryStep.AssembleAsync(context, memory, request, session, system, newTurns, [context.TraceIdentifier]);
        }

        var sink = new HttpChatResponseSink(context, codec) { OnStreamStarted = lease is null ? null : lease.AttachStream };
        var outcome = await ForwardWithLeaseAsync(runtime, snapshot, request, sink, lease, context.RequestAborted);
        if (ticket is not null && runtime.Memory is { } used && outcome is { Failure: null })
        {
            // Copied now: the body's buffer belongs to the request, the reading-back happens after it.
            var sentBody = sink.SentBody?.ToArray();
            var streamId = sink.StreamId;
            SessionMemory.Remember(used, ticket, () => AnswerAsync(request.Tenant, sentBody, streamId));
        }

        return outcome;
    }

    /// <summary>The answer the caller received, in canonical form: the body, or the stream rebuilt from the delta log.</summary>
    private async Task<IReadOnlyList<Model.ContentPart>?> AnswerAsync(string tenant, byte[]? body, string? streamId)
    {
        if (body is not null)
        {
            var parsed = codec.ReadResponse(body);
            return parsed.IsSuccess ? parsed.Value.Content : null;
        }

        return streamId is not null && runtime.DeltaLog is { } log
            ? await StreamTranscript.ReadAsync(log, codec, tenant, streamId, CancellationToken.None)
            : null;
    }

    /// <summary>Runs the engine for one request; with an idempotency lease, records what duplicates get (even on a crash of the handler).</summary>
    internal static async Task<ForwardOutcome?> ForwardWithLeaseAsync(GatewayRuntime runtime, GatewaySnapshot snapshot, GatewayRequest request, HttpChatResponseSink sink, IdempotencyLease? lease, CancellationToken callerGone)
    {
        ForwardOutcome? outcome = null;
        try
        {
            // A logged stream outlives its caller for a while, so the rest can be resumed; anything else stops with it.
            var detached = request.Request.Stream && runtime.DeltaLog is not null ? TimeSpan.FromSeconds(snapshot.Options.Streams.DetachedGenerationSeconds) : TimeSpan.Zero;
            using var lifetime = new GenerationLifetime(detached, runtime.Time, callerGone);
            outcome = await snapshot.Forwarder.ForwardAsync(request, sink, lifetime.Token);
            return outcome;
        }
        finally
        {
            if (lease is not null)
            {
                await lease.FinishAsync(sink, outcome);
            }
        }
    }

    private async Task ResumeAsync(HttpContext context, IDeltaLog log, string tenant, string lastEventId, int retentionSeconds)
    {
        if (!EventIds.TryParse(lastEventId, out var streamId, out var after))
        {
            var invalid = new Failure(FailureKind.InvalidRequest, "The Last-Event-ID header is not an event id this gateway issued (expected '<stream id>:<sequence>', as sent in the stream's 'id:' lines).") { Param = "Last-Event-ID" };
            await FailureResponder.WriteAsync(context, codec, invalid, context.RequestAborted);
            return;
        }

        if (await StreamReplay.CheckAsync(context, codec, log, streamId, tenant, retentionSeconds)
            && await StreamReplay.CheckResumePointAsync(context, codec, log, streamId, tenant, after, "Last-Event-ID"))
        {
            await StreamReplay.WriteAsync(context, codec, log, streamId, tenant, after);
        }
    }

    /// <summary>The client headers that keep their meaning on a same-format route (<c>anthropic-beta</c>).</summary>
    internal static List<KeyValuePair<string, string>> ReadForwardedHeaders(HttpRequest request)
    {
        var forwarded = new List<KeyValuePair<string, string>>();
        foreach (var name in ForwardedHeaderNames)
        {
            if (request.Headers.TryGetValue(name, out var values) && values.ToString() is { Length: > 0 } value)
            {
                forwarded.Add(new(name, value));
            }
        }

        return forwarded;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Chat request tenant={Tenant} model={Model} provider={Provider} status={Status} failure={FailureKind} in {ElapsedMs:F1} ms")]
    private static partial void LogCompleted(ILogger logger, string tenant, string model, string provider, int status, FailureKind? failureKind, double elapsedMs);
}
