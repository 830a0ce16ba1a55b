using Switchyard.Simulator.Runtime;
using Switchyard.Simulator.Wire;

namespace Switchyard.Simulator.Hosting;

/// <summary>
/// Produces a response's events into its log with the usual pacing, independently of who is reading: a background
/// response keeps generating after its client disconnects, and a resume replays the same bytes. Generation-side
/// faults (<c>stall</c>, <c>errorEvent</c>) act here; connection-side ones (<c>cut</c>, <c>duplicate</c>) in <see cref="ResponsesPump"/>.
/// </summary>
internal static class ResponsesGenerator
{
    private const string DefaultErrorMessage = "The server had an error while processing your request. Sorry about that!";

    /// <summary>Runs to a terminal status; never throws. Cancelling <paramref name="ct"/> ends it as <c>cancelled</c>.</summary>
    public static async Task RunAsync(ResponseRecord record, FaultSpec? fault, Pacer pacer, TimeProvider time, CancellationToken ct)
    {
        var writer = record.Writer;
        var events = writer.Events(record.Request.Background, record.Request.Sim.IncludeObfuscation);
        try
        {
            for (var i = 0; i <= events.Count; i++)
            {
                if (fault is { } f && f.AfterEvents == i)
                {
                    if (f.Kind == FaultKind.Stall)
                    {
                        await pacer.StallAsync(TimeSpan.FromSeconds(f.Seconds), ct);
                    }
                    else if (f.Kind == FaultKind.ErrorEvent)
                    {
                        Fail(record, f.ErrorType ?? "server_error", f.Message ?? DefaultErrorMessage, time);
                        return;
                    }
                }

                if (i == events.Count)
                {
                    break;
                }

                await pacer.WaitAsync(i == 0 ? 0 : events[i].Tokens, ct);
                if (events[i].Type == "response.in_progress")
                {
                    record.TryMove(new ResponseView("in_progress"));
                }

                Append(record, events[i]);
            }

            var done = new ResponseView(writer.FinalStatus, time.GetUtcNow().ToUnixTimeSeconds(), HasOutput: true);
            if (record.TryMove(done))
            {
                Append(record, writer.Terminal(done));
            }
        }
        catch (OperationCanceledException)
        {
            record.TryMove(new ResponseView("cancelled"));
        }
        finally
        {
            record.Events.Complete();
        }
    }

    private static void Fail(ResponseRecord record, string type, string message, TimeProvider time)
    {
        var failed = new ResponseView("failed", time.GetUtcNow().ToUnixTimeSeconds(), type, message);
        if (record.TryMove(failed))
        {
            Append(record, ResponsesWriter.Error(type, message));
            Append(record, record.Writer.Terminal(failed));
        }
    }

    private static void Append(ResponseRecord record, ResponseEvent e) =>
        record.Events.Append(ResponsesWriter.Frame(e, record.Events.Count));
}
