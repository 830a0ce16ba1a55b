using Switchyard.Model;
using Switchyard.Providers;

namespace Switchyard.Gateway.Attempts;

internal sealed partial class StreamingAttempt
{
    /// <summary>
    /// Same format: the upstream bytes go to the caller unchanged, so the event is only observed (no canonical events;
    /// the decoders read the common events without allocating) and written as a frame.
    /// </summary>
    private void PassThrough(string? eventType, ReadOnlySpan<byte> data)
    {
        var observation = _observation!;
        observation.Reset();
        var disposition = _decoder.Observe(eventType, data, observation);
        Track(observation);

        // An error is this attempt's failure, never forwarded as is (see the translating path).
        _failure ??= observation.Error;
        if (observation.Error is null && disposition != DecodeDisposition.Drop && !IsUnrequestedUsage(observation))
        {
            SseFrame.Write(Output, _namedEvents ? eventType : null, data);
        }
    }

    /// <summary>What <see cref="Observe"/> does for the same events, from the observed facts (the text is already in <c>_text</c>).</summary>
    private void Track(StreamObservation observation)
    {
        if (observation.Start is { } start)
        {
            ReportedModel ??= start.Model.Length > 0 ? start.Model : null;

            // Anthropic states input tokens up front: if the stream breaks early, this is all we will know.
            Usage ??= start.Usage;
            _start ??= start;
        }

        if (observation.Usage is { } usage)
        {
            Usage = usage;
        }

        StreamedCharacters += observation.Characters;
        _sawNonText |= observation.NonText;
        _ended |= observation.Ended;
        if (observation.Content)
        {
            OnContent();
        }
    }

    // The gateway forced include_usage upstream; an OpenAI client that did not ask must not see the extra chunk.
    private bool IsUnrequestedUsage(StreamObservation observation) =>
        Context.Request.FrontDoor.Format == WireFormat.OpenAIChat
        && !Context.Request.Request.IncludeUsage
        && observation.UsageOnly;
}
