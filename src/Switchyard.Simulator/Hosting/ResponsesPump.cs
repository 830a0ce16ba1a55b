using Microsoft.AspNetCore.Http;
using Switchyard.Simulator.Runtime;
using Switchyard.Simulator.Wire;

namespace Switchyard.Simulator.Hosting;

/// <summary>
/// Sends a response's event log to one client (live or resumed) and applies connection faults: <c>cut</c> aborts
/// this connection only (a background generation goes on, so a resume gets the rest) and <c>duplicate</c>
/// re-sends earlier events with their sequence numbers. Events are counted per connection from 1.
/// </summary>
internal static class ResponsesPump
{
    private static readonly TimeSpan CutGrace = TimeSpan.FromMilliseconds(50);

    public static async Task RunAsync(HttpContext context, ResponseEventLog log, int startingAfter, FaultSpec? fault, CancellationToken ct)
    {
        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        await response.StartAsync(ct);
        await response.Body.FlushAsync(ct);
        var sent = new List<SseFrame>();
        await foreach (var frame in log.ReadAsync(startingAfter, ct))
        {
            if (fault is { } f && f.AfterEvents == sent.Count)
            {
                if (f.Kind == FaultKind.Cut)
                {
                    await response.Body.FlushAsync(ct);
                    // Abort drops what Kestrel has not yet written; the grace lets the flushed events reach the client.
                    await Task.Delay(CutGrace, ct);
                    context.Abort();
                    return;
                }

                if (f.Kind == FaultKind.Duplicate)
                {
                    foreach (var previous in sent.Skip(Math.Max(0, sent.Count - f.Count)).ToList())
                    {
                        await SendAsync(response, previous, ct);
                    }
                }
            }

            await SendAsync(response, frame, ct);
            sent.Add(frame);
        }
    }

    private static async Task SendAsync(HttpResponse response, SseFrame frame, CancellationToken ct)
    {
        await response.Body.WriteAsync(frame.Bytes, ct);
        await response.Body.FlushAsync(ct);
    }
}
