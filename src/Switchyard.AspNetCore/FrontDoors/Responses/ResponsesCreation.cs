using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Switchyard.AspNetCore.FrontDoors.Idempotency;
using Switchyard.AspNetCore.Hosting;
using Switchyard.AspNetCore.Memory;
using Switchyard.Conversations;
using Switchyard.Failures;
using Switchyard.Gateway;
using Switchyard.Hosting;
using Switchyard.Hosting.Memory;
using Switchyard.Model;
using Switchyard.Providers;

namespace Switchyard.AspNetCore.FrontDoors.Responses;

/// <summary>
/// <c>POST /v1/responses</c> after validation: names the response with the gateway's own id (whichever provider serves
/// it), puts the stored conversation of <c>previous_response_id</c> in front of the input, stores the answer when asked
/// (delta log and conversation store), and runs <c>background</c> responses detached from the request.
/// </summary>
internal sealed partial class ResponsesCreation(IWireCodec codec, GatewayRuntime runtime, BackgroundResponses background, StoringResponses storing, ILogger logger)
{
    private readonly ConversationRecorder _recorder = new(runtime, logger);

    // A background response is not bound by the caller; it still must end. Its tier deadline applies inside the engine.
    private static readonly TimeSpan BackgroundCeiling = TimeSpan.FromHours(1);

    /// <summary>Creates a response; <paramref name="named"/> is the session the request names (<see cref="SessionIds.Read"/>), if any.</summary>
    public async Task<ForwardOutcome?> CreateAsync(HttpContext context, GatewaySnapshot snapshot, GatewayRequest request, IdempotencyLease? lease, string? named, CancellationToken cancellationToken)
    {
        var controls = request.Request.Responses ?? new ResponsesControls();
        var id = ResponseIds.New();
        request = request with { ClientResponseId = id };
        var log = runtime.DeltaLog;
        var session = named is not null && SessionMemory.IsValid(named) ? named : null;
        var turn = new ConversationTurn(id, request.Tenant, request.Request.Model, ResponseChain.NewInput(request), session ?? id, controls.PreviousResponseId, controls.Store);
        var memory = controls.Store ? runtime.Memory : null;
        ConversationHistory? history = null;
        if (controls.PreviousResponseId is { } previous)
        {
            // Unknown, expired, deleted, store:false and another tenant's ids all read alike: not found. With memory, the
            // chain's session is enough (memory supplies the context); without, the whole stored conversation is sent.
            // The previous answer may still be on its way into the store: then it is waited for.
            var found = await PreviousAsync(request.Tenant, previous, withHistory: memory is null, cancellationToken);
            if (found is null && await storing.WaitAsync(request.Tenant, previous, cancellationToken))
            {
                found = await PreviousAsync(request.Tenant, previous, withHistory: memory is null, cancellationToken);
            }

            if (found is not { } earlier)
            {
                await RefuseAsync(context, ResponseChain.NotFound(previous), lease, cancellationToken);
                return null;
            }

            turn = turn with { SessionId = session ?? earlier.Session };
            history = earlier.History;
        }

        MemoryTicket? ticket = null;
        if (memory is not null)
        {
            var instructions = request.Request.Messages.Take(request.Request.Messages.Count - turn.Input.Count).ToList();
            (request, ticket) = await MemoryStep.AssembleAsync(context, memory, request, turn.SessionId, instructions, turn.Input, [context.TraceIdentifier, id]);
        }
        else if (history is not null)
        {
            request = ResponseChain.Expand(request, history);
        }

        turn = turn with { Memory = ticket };
        if (controls.Background)
        {
            if (log is null)
            {
                var off = new Failure(FailureKind.InvalidRequest, "Background responses need the gateway's stream log, which is turned off (Switchyard:Streams:Log).") { Param = "background" };
                await RefuseAsync(context, off, lease, cancellationToken);
                return null;
            }

            await StartBackgroundAsync(context, snapshot, request, turn, log, lease);
            return null;
        }

        using var stored = controls.Store ? storing.Begin(request.Tenant, id) : default;
        var sink = new HttpChatResponseSink(context, codec) { OnStreamStarted = lease is null ? null : lease.AttachStream };
        var outcome = await ChatEndpoint.ForwardWithLeaseAsync(runtime, snapshot, request, sink, lease, cancellationToken);
        if (outcome is null || outcome.Failure is not null)
        {
            return outcome;
        }

        if (!request.Request.Stream && sink.SentBody is { } body)
        {
            if (controls.Store && log is not null)
            {
                // A streamed response is already in the log, event by event; a buffered one is stored as its final object.
                await ResponseArchive.StoreAsync(log, request.Tenant, id, "response.completed", body.ToArray(), runtime.Time);
            }

            await _recorder.RecordAsync(turn, body.ToArray());
        }
        else if (request.Request.Stream && turn.Store && log is not null && await ConversationRecorder.FinalObjectAsync(log, request.Tenant, id) is { } final)
        {
            await _recorder.RecordAsync(turn, final);
        }

        return outcome;
    }

    /// <summary>The stored response <paramref name="id"/>'s session, and its whole conversation when <paramref name="withHistory"/>; null when not found.</summary>
    private async Task<(string Session, ConversationHistory? History)?> PreviousAsync(string tenant, string id, bool withHistory, CancellationToken cancellationToken)
    {
        if (runtime.Conversations is not { } conversations)
        {
            return null;
        }

        if (withHistory)
        {
            return await conversations.LoadHistoryAsync(tenant, id, cancellationToken) is { } history ? (history.SessionId, history) : null;
        }

        return await conversations.FindAsync(tenant, id, cancellationToken) is { } response ? (response.SessionId, null) : null;
    }

    private async Task RefuseAsync(HttpContext context, Failure failure, IdempotencyLease? lease, CancellationToken cancellationToken)
    {
        await FailureResponder.WriteAsync(context, codec, failure, cancellationToken);
        if (lease is not null)
        {
            await lease.AbandonAsync();
        }
    }

    private async Task StartBackgroundAsync(HttpContext context, GatewaySnapshot snapshot, GatewayRequest request, ConversationTurn turn, Streaming.IDeltaLog log, IdempotencyLease? lease)
    {
        var id = turn.Id;
        var created = runtime.Time.GetUtcNow();
        var entry = background.Add(id, request.Tenant, request.Request.Model, created, BackgroundCeiling);

        // Generated as a stream whatever the caller asked: its events are what GET, resume and cancel work from.
        var streamed = request with { Request = request.Request with { Stream = true, IncludeUsage = true } };
        var stored = turn.Store ? storing.Begin(request.Tenant, id) : default;
        _ = Task.Run(() => RunAsync(snapshot, streamed, entry, turn, log, stored));
        if (!request.Request.Stream)
        {
            var queued = ResponseObjects.Pending(id, request.Request.Model, created, "queued", background: true);
            if (lease is not null)
            {
                // A duplicate gets the same queued response (the same id), and follows it with GET like the original.
                await lease.CompleteAsync(queued);
            }

            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(queued, context.RequestAborted);
            return;
        }

        // The caller watches the generation live: it is a reader of the log from the start, like any later resume.
        var failure = await entry.Started;
        if (lease is not null)
        {
            // Duplicates of a streamed background response read the same stream from the log, once it exists.
            await (failure is null ? lease.CompleteStreamAsync(id) : lease.AbandonAsync());
        }

        if (failure is not null)
        {
            await FailureResponder.WriteAsync(context, codec, failure, context.RequestAborted);
            return;
        }

        if (await StreamReplay.CheckAsync(context, codec, log, id, request.Tenant, snapshot.Options.Streams.RetentionSeconds))
        {
            await StreamReplay.WriteAsync(context, codec, log, id, request.Tenant, -1);
        }
    }

    private async Task RunAsync(GatewaySnapshot snapshot, GatewayRequest request, BackgroundResponse entry, ConversationTurn turn, Streaming.IDeltaLog log, StoringResponses.Storing stored)
    {
        try
        {
            var outcome = await snapshot.Forwarder.ForwardAsync(request, new BackgroundSink(entry), entry.Token);
            if (outcome.Failure is { } failure && !entry.Started.IsCompleted)
            {
                entry.MarkFailed(failure);
            }

            if (outcome.Failure is null && await ConversationRecorder.FinalObjectAsync(log, request.Tenant, entry.Id) is { } final)
            {
                await _recorder.RecordAsync(turn, final);
            }

            if (entry.Started.IsCompletedSuccessfully && entry.Started.Result is { } early)
            {
                // It failed before anything streamed: store the failed response, so GET can say why.
                var failed = ResponseObjects.Failed(entry.Id, entry.Model, entry.CreatedAt, entry.Cancelled ? early with { Kind = FailureKind.Cancelled } : early, background: true);
                await ResponseArchive.StoreAsync(log, request.Tenant, entry.Id, "response.failed", failed, runtime.Time);
            }
        }
#pragma warning disable CA1031 // A background generation has no caller to throw to; log it and end the response as failed.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogBackgroundFailed(logger, ex, entry.Id);
            entry.MarkFailed(new Failure(FailureKind.ServerError, "The background response failed inside the gateway."));
        }
        finally
        {
            background.Remove(entry);
            stored.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Background response {ResponseId} failed inside the gateway")]
    private static partial void LogBackgroundFailed(ILogger logger, Exception exception, string responseId);
}
