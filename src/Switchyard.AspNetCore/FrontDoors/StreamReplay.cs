using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Switchyard.Failures;
using Switchyard.Gateway;
using Switchyard.Providers;
using Switchyard.Streaming;

namespace Switchyard.AspNetCore.FrontDoors;

/// <summary>
/// Serves a stream from the delta log to a caller that resumes it: exactly the events after the one it last saw, then
/// the live tail while the generation goes on, then the end. A stream whose process stopped before finishing it ends
/// with an explicit error event in the caller's format, never in silence.
/// </summary>
internal static class StreamReplay
{
    private static readonly TimeSpan AbortGrace = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Finds the stream for <paramref name="tenant"/>; writes a 404 (unknown, expired or another tenant's: the caller
    /// cannot tell which) or a 400 (a stream of another front door) in the caller's format and returns false otherwise.
    /// </summary>
    public static async Task<bool> CheckAsync(HttpContext context, IWireCodec codec, IDeltaLog log, string streamId, string tenant, int retentionSeconds)
    {
        var header = await log.GetHeaderAsync(streamId, tenant, context.RequestAborted);
        if (header is null)
        {
            var missing = new Failure(FailureKind.NotFound, $"No stream '{streamId}' to resume: it does not exist, belongs to another tenant, or ended more than {retentionSeconds} s ago and was deleted.");
            await FailureResponder.WriteAsync(context, codec, missing, context.RequestAborted);
            return false;
        }

        if (header.FrontDoor != FrontDoorNames.Of(codec.Format))
        {
            var wrongDoor = new Failure(FailureKind.InvalidRequest, $"Stream '{streamId}' was created on the {header.FrontDoor} API; resume it there.") { Param = "Last-Event-ID" };
            await FailureResponder.WriteAsync(context, codec, wrongDoor, context.RequestAborted);
            return false;
        }

        return true;
    }

    /// <summary>
    /// Writes a 400 naming <paramref name="param"/> in the caller's format and returns false when
    /// <paramref name="afterSequence"/> lies beyond the last event of a stream that has ended: the client names an event
    /// the stream never sent. Resuming at exactly its last event is fine (nothing more follows, and the stream ends as it
    /// ended live); a stream still being generated may yet reach any sequence, so its readers wait.
    /// </summary>
    public static async Task<bool> CheckResumePointAsync(HttpContext context, IWireCodec codec, IDeltaLog log, string streamId, string tenant, long afterSequence, string param)
    {
        var cancellationToken = context.RequestAborted;
        if (afterSequence < 0 || await log.GetStateAsync(streamId, tenant, cancellationToken) is null or StreamState.Open)
        {
            return true;
        }

        // Nothing at or after the sequence named: the stream ended before it.
        try
        {
            await foreach (var _ in log.ReadAsync(streamId, tenant, afterSequence - 1, cancellationToken))
            {
                return true;
            }
        }
        catch (InvalidDataException)
        {
            return true; // A damaged record there: the replay reports it in the caller's format.
        }

        var pastTheEnd = new Failure(FailureKind.InvalidRequest, $"Invalid '{param}': stream '{streamId}' ended before event {afterSequence}; resume after an event it sent.") { Param = param };
        await FailureResponder.WriteAsync(context, codec, pastTheEnd, cancellationToken);
        return false;
    }

    /// <summary>Writes the events after <paramref name="afterSequence"/> and the live tail as a 200 event stream.</summary>
    public static async Task WriteAsync(HttpContext context, IWireCodec codec, IDeltaLog log, string streamId, string tenant, long afterSequence)
    {
        var response = context.Response;
        var cancellationToken = context.RequestAborted;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = codec.Format == WireFormat.OpenAIChat ? "text/event-stream; charset=utf-8" : "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["x-accel-buffering"] = "no";
        response.Headers["x-switchyard-stream-id"] = streamId;
        response.Headers["x-switchyard-resumed-after"] = afterSequence.ToString(CultureInfo.InvariantCulture);
        GatewayMetrics.RecordResume(FrontDoorNames.Of(codec.Format));
        var last = afterSequence;
        var writer = response.BodyWriter;
        try
        {
            await foreach (var record in log.ReadAsync(streamId, tenant, afterSequence, cancellationToken))
            {
                var eventType = record.EventType is null ? default : Encoding.UTF8.GetBytes(record.EventType);
                SseFrame.Write(writer, EventIds.Format(streamId, record.Sequence), eventType, record.Data.Span);
                last = record.Sequence;
                await writer.FlushAsync(cancellationToken);
            }

            var state = await log.GetStateAsync(streamId, tenant, cancellationToken);
            if (state is StreamState.Completed)
            {
                return;
            }

            if (state is StreamState.Interrupted or StreamState.Open)
            {
                // The generating process stopped (or the log was closed under us): nothing more will come.
                var failure = new Failure(FailureKind.StreamBroken, "The gateway stopped while generating this answer; the events before this one are all that was produced. Retry the request.");
                InterruptionFrame.Write(writer, codec, streamId, last + 1, failure);
                await writer.FlushAsync(cancellationToken);
            }

            // Failed streams already end with their error event; either way the connection ends abruptly, as live.
            await Task.Delay(AbortGrace, cancellationToken);
            context.Abort();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The resuming caller left too; it may resume again.
        }
        catch (InvalidDataException)
        {
            // A damaged log record: say so in the caller's format rather than fail the connection silently.
            var failure = new Failure(FailureKind.StreamBroken, "The stored stream is damaged after this point; retry the request.");
            InterruptionFrame.Write(writer, codec, streamId, last + 1, failure);
            await writer.FlushAsync(CancellationToken.None);
            context.Abort();
        }
    }
}
