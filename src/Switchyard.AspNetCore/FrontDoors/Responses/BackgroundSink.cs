using System.IO.Pipelines;
using Switchyard.Failures;
using Switchyard.Gateway;

namespace Switchyard.AspNetCore.FrontDoors.Responses;

/// <summary>
/// Where a background response's generation "sends" its answer: no caller is attached, so the events live only in the
/// delta log (for <c>GET</c> and resumes); this sink records when the stream started or why it failed before.
/// </summary>
internal sealed class BackgroundSink(BackgroundResponse entry) : IChatResponseSink
{
    public CancellationToken ClientGone => CancellationToken.None;

    public Task SendResponseAsync(ReadOnlyMemory<byte> body, ServedBy servedBy, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("Background responses are generated as streams.");

    public Task SendFailureAsync(Failure failure, ServedBy? servedBy, CancellationToken cancellationToken)
    {
        entry.MarkFailed(failure);
        return Task.CompletedTask;
    }

    public PipeWriter StartStream(ServedBy servedBy)
    {
        entry.MarkStarted();

        // Nobody reads the live frames: readers follow the delta log.
        return PipeWriter.Create(Stream.Null);
    }

    public Task AbortStreamAsync() => Task.CompletedTask;
}
