using Microsoft.AspNetCore.Http;
using Switchyard.Simulator.Requests;
using Switchyard.Simulator.Runtime;
using Switchyard.Simulator.Wire;

namespace Switchyard.Simulator.Hosting;

/// <summary>The follow-up endpoints on a stored response: retrieve, resume (stream), cancel, delete (PROTOCOLS §2.4).</summary>
internal sealed partial class ResponsesEndpoint
{
    private const string StoredPath = "/v1/responses/{id}";

    /// <summary><c>GET /v1/responses/{id}</c>, or with <c>?stream=true&amp;starting_after=N</c> a replay of the events after N and the live tail.</summary>
    public async Task GetAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var resume = string.Equals(query["stream"], "true", StringComparison.OrdinalIgnoreCase);
        var ct = context.RequestAborted;
        try
        {
            if (await FindAsync(context, resume ? "resume" : "retrieve", ct) is not { } found)
            {
                return;
            }

            var (record, requestId, started) = found;
            ProviderHeaders.ApplyOpenAIBase(context.Response, requestId, runtime.Time.GetElapsedTime(started));
            if (!resume)
            {
                await WriteStoredAsync(context, record.Writer.Body(record.View), ct);
                return;
            }

            var startingAfter = int.TryParse(query["starting_after"], out var n) ? n : -1;
            runtime.Stats.RecordStatus(200);
            // Faults apply to generation requests only: a resume replays exactly what was generated.
            await ResponsesPump.RunAsync(context, record.Events, startingAfter, null, ct);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && ct.IsCancellationRequested)
        {
            runtime.Stats.RecordCancelled();
        }
    }

    /// <summary><c>POST /v1/responses/{id}/cancel</c>: background responses only; idempotent.</summary>
    public async Task CancelAsync(HttpContext context)
    {
        var ct = context.RequestAborted;
        if (await FindAsync(context, "cancel", ct) is not { } found)
        {
            return;
        }

        var (record, requestId, started) = found;
        ProviderHeaders.ApplyOpenAIBase(context.Response, requestId, runtime.Time.GetElapsedTime(started));
        if (!record.Request.Background)
        {
            await WriteStoredErrorAsync(context, new WireError(400, "invalid_request_error", "Only background responses can be cancelled.", null, null), requestId, ct);
            return;
        }

        if (record.TryMove(new ResponseView("cancelled")))
        {
            await record.Stop.CancelAsync();
            record.Events.Complete();
        }

        await WriteStoredAsync(context, record.Writer.Body(record.View), ct);
    }

    /// <summary><c>DELETE /v1/responses/{id}</c>: forgets the response (stopping its generation).</summary>
    public async Task DeleteAsync(HttpContext context)
    {
        var ct = context.RequestAborted;
        if (await FindAsync(context, "delete", ct) is not { } found)
        {
            return;
        }

        var (record, requestId, started) = found;
        runtime.Responses.Delete(record.Id);
        record.Events.Complete();
        ProviderHeaders.ApplyOpenAIBase(context.Response, requestId, runtime.Time.GetElapsedTime(started));
        await WriteStoredAsync(context, JsonBytes.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("id", record.Id);
            w.WriteString("object", "response");
            w.WriteBoolean("deleted", true);
            w.WriteEndObject();
        }), ct);
    }

    /// <summary>Counts the call, checks the key and finds the response; answers 401/404 itself and returns null then.</summary>
    private async Task<(ResponseRecord Record, string RequestId, long Started)?> FindAsync(HttpContext context, string kind, CancellationToken ct)
    {
        var started = runtime.Time.GetTimestamp();
        runtime.Stats.RecordArrival(Provider, StoredPath);
        runtime.Stats.RecordResponsesCall(kind);
        var requestId = Ids.OpenAIRequestId();
        var id = context.Request.RouteValues["id"] as string ?? string.Empty;
        WireError? error = null;
        ResponseRecord? record = null;
        if (KeyError(context.Request) is { } keyError)
        {
            error = keyError;
        }
        else if ((record = runtime.Responses.Get(id)) is null)
        {
            error = new WireError(404, "invalid_request_error", $"Response with id '{id}' not found.", null, null);
        }

        if (error is not null)
        {
            ProviderHeaders.ApplyOpenAIBase(context.Response, requestId, runtime.Time.GetElapsedTime(started));
            await WriteStoredErrorAsync(context, error, requestId, ct);
            return null;
        }

        return (record!, requestId, started);
    }

    private async Task WriteStoredAsync(HttpContext context, byte[] body, CancellationToken ct)
    {
        runtime.Stats.RecordStatus(200);
        await WriteJsonAsync(context, 200, body, ct);
    }

    private async Task WriteStoredErrorAsync(HttpContext context, WireError error, string requestId, CancellationToken ct)
    {
        runtime.Stats.RecordStatus(error.Status);
        await ErrorResponses.WriteAsync(context.Response, Api, error, requestId, ct);
    }
}
