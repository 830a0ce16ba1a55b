using Microsoft.AspNetCore.Http;
using Switchyard.Simulator.Wire;

namespace Switchyard.Simulator.Hosting;

/// <summary>
/// Sends pre-rendered SSE frames with pacing and stream faults (stall, cut, errorEvent, duplicate).
/// Faults work on frame counts so they behave the same for both providers.
/// </summary>
internal static class StreamPump
{
    private static readonly TimeSpan CutGrace = TimeSpan.FromMilliseconds(50);

    /// <summary>Streams the frames; returns false when the connection was deliberately cut.</summary>
    public static async Task<bool> RunAsync(HttpContext context, IReadOnlyList<SseFrame> frames, SseFrame errorFrame, FaultSpec? fault, Pacer pacer, CancellationToken ct)
    {
        var response = context.Response;
        await response.StartAsync(ct);
        await response.Body.FlushAsync(ct);
        var sent = 0;
        for (var i = 0; i <= frames.Count; i++)
        {
            if (fault is { } f && f.AfterEvents == i)
            {
                switch (f.Kind)
                {
                    case FaultKind.Stall:
                        await pacer.StallAsync(TimeSpan.FromSeconds(f.Seconds), ct);
                        break;
                    case FaultKind.Cut:
                        await response.Body.FlushAsync(ct);
                        // Abort discards whatever Kestrel's output pipe has not yet written to the socket;
                        // a short grace period lets the flushed events reach the client first.
                        await Task.Delay(CutGrace, ct);
                        context.Abort();
                        return false;
                    case FaultKind.ErrorEvent:
                        await SendAsync(response, errorFrame, ct);
                        return true;
                    case FaultKind.Duplicate:
                        for (var j = Math.Max(0, i - f.Count); j < i; j++)
                        {
                            await SendAsync(response, frames[j], ct);
                        }

                        break;
                }
            }

            if (i == frames.Count)
            {
                break;
            }

            await pacer.WaitAsync(i == 0 ? 0 : frames[i].Tokens, ct);
            await SendAsync(response, frames[i], ct);
            sent++;
        }

        return sent == frames.Count;
    }

    private static async Task SendAsync(HttpResponse response, SseFrame frame, CancellationToken ct)
    {
        await response.Body.WriteAsync(frame.Bytes, ct);
        await response.Body.FlushAsync(ct);
    }
}
