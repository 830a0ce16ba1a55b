using System.Globalization;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;
using Switchyard.Failures;
using Switchyard.Gateway;
using Switchyard.Providers;

namespace Switchyard.AspNetCore.FrontDoors;

/// <summary>Writes the engine's answer to an ASP.NET Core response, in the front door's format.</summary>
internal sealed class HttpChatResponseSink(HttpContext context, IWireCodec frontDoor) : IChatResponseSink
{
    private static readonly TimeSpan AbortGrace = TimeSpan.FromMilliseconds(50);

    /// <summary>The trailer that says a stream was continued after an upstream break.</summary>
    public const string ContinuedTrailer = "x-switchyard-continued";

    public CancellationToken ClientGone => context.RequestAborted;

    /// <summary>The response headers set so far.</summary>
    public IHeaderDictionary Headers => context.Response.Headers;

    /// <summary>The HTTP status sent, for logs.</summary>
    public int Status => context.Response.StatusCode;

    /// <summary>Called with the stream's id when a logged stream starts (idempotency attaches duplicates to it).</summary>
    public Action<string>? OnStreamStarted { get; init; }

    /// <summary>The id of the logged stream sent, if one was.</summary>
    public string? StreamId { get; private set; }

    /// <summary>The non-streaming body sent, if one was (the Responses door stores it).</summary>
    public ReadOnlyMemory<byte>? SentBody { get; private set; }

    public async Task SendResponseAsync(ReadOnlyMemory<byte> body, ServedBy servedBy, CancellationToken cancellationToken)
    {
        SentBody = body;
        var response = context.Response;
        WriteServedBy(servedBy);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, cancellationToken);
    }

    public Task SendFailureAsync(Failure failure, ServedBy? servedBy, CancellationToken cancellationToken)
    {
        if (servedBy is not null)
        {
            WriteServedBy(servedBy);
        }

        return FailureResponder.WriteAsync(context, frontDoor, failure, cancellationToken);
    }

    public PipeWriter StartStream(ServedBy servedBy)
    {
        if (servedBy.StreamId is { } streamId)
        {
            StreamId = streamId;
            OnStreamStarted?.Invoke(streamId);
        }

        var response = context.Response;
        WriteServedBy(servedBy);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = frontDoor.Format == WireFormat.OpenAIChat ? "text/event-stream; charset=utf-8" : "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        // Reverse proxies (nginx) must not buffer an event stream.
        response.Headers["x-accel-buffering"] = "no";

        // Declared up front (RFC 9110 §6.6.2): it is only sent when a break was repaired.
        if (response.SupportsTrailers())
        {
            response.DeclareTrailer(ContinuedTrailer);
        }
        return response.BodyWriter;
    }

    public void AppendTrailer(string name, string value)
    {
        if (context.Response.SupportsTrailers())
        {
            context.Response.AppendTrailer(name, value);
        }
    }

    public async Task AbortStreamAsync()
    {
        // Kestrel hands flushed bytes to the socket asynchronously; aborting at once can drop the error event itself.
        // A short pause on this failure-only path lets it reach the client first.
        await Task.Delay(AbortGrace);
        context.Abort();
    }

    private void WriteServedBy(ServedBy servedBy)
    {
        var headers = context.Response.Headers;
        headers["x-switchyard-provider"] = servedBy.Provider;
        headers["x-switchyard-model"] = HeaderText.Safe(servedBy.Model);
        headers["x-switchyard-attempts"] = servedBy.Attempts.ToString(CultureInfo.InvariantCulture);
        if (servedBy.ProviderRequestId is { } id)
        {
            headers["x-switchyard-provider-request-id"] = HeaderText.Safe(id);
        }

        if (servedBy.Route is { } route)
        {
            headers["x-switchyard-route"] = HeaderText.Safe(route);
        }

        if (servedBy.CostUsd is { } cost)
        {
            headers["x-switchyard-cost-usd"] = cost.ToString("0.########", CultureInfo.InvariantCulture);
        }

        if (servedBy.BudgetRemainingUsd is { } remaining)
        {
            headers["x-switchyard-budget-remaining-usd"] = remaining.ToString("0.########", CultureInfo.InvariantCulture);
        }

        if (servedBy.StreamId is { } streamId)
        {
            headers["x-switchyard-stream-id"] = streamId;
        }

        if (servedBy.BudgetWarning is { } warning)
        {
            headers["x-switchyard-budget-warning"] = HeaderText.Safe(warning);
        }
    }
}
