using Switchyard.Failures;
using Switchyard.Model;
using Switchyard.Providers;

namespace Switchyard.Gateway.Attempts;

internal sealed partial class StreamingAttempt
{
    /// <summary>Reads one upstream event (or the end) and writes what the caller should see of it.</summary>
    private async Task ReadOneAsync()
    {
        if (!await _upstreamEvents!.MoveNextAsync())
        {
            _events.Clear();
            _decoder.Complete(_events);
            _ended = true;
            if (_events.OfType<StreamErrorEvent>().FirstOrDefault() is { } error)
            {
                Fail(error.Failure);
            }

            return;
        }

        var item = _upstreamEvents.Current;
        _events.Clear();
        var disposition = _decoder.Decode(item.EventType, item.Data, _events);
        Failure? failure = null;
        foreach (var e in _events)
        {
            switch (e)
            {
                case UsageEvent usage:
                    Usage = usage.Usage;
                    break;
                case MessageStartEvent start:
                    ReportedModel ??= start.Model.Length > 0 ? start.Model : null;

                    // Anthropic states input tokens up front: if the stream breaks early, this is all we will know.
                    Usage ??= start.Usage;
                    break;
                case StreamErrorEvent error:
                    failure = error.Failure;
                    break;
                case StreamEndEvent:
                    _ended = true;
                    break;
                case TextDeltaEvent text:
                    StreamedCharacters += text.Text.Length;
                    OnContent();
                    break;
                case ToolCallArgumentsDeltaEvent arguments:
                    StreamedCharacters += arguments.Fragment.Length;
                    OnContent();
                    break;
                case ToolCallStartEvent or RefusalDeltaEvent or ThinkingDeltaEvent or FinishEvent:
                    OnContent();
                    break;
            }
        }

        if (failure is not null && _pipe is null)
        {
            // Before the commit point an error is only this attempt's failure; the caller sees nothing of it.
            _failure = failure;
            return;
        }

        if (Context.SameFormat)
        {
            if (disposition != DecodeDisposition.Drop && !IsUnrequestedUsage())
            {
                SseFrame.Write(Output, _namedEvents ? item.EventType : null, item.Data);
            }
        }
        else
        {
            foreach (var e in _events)
            {
                _encoder.Encode(e, Output);
            }
        }

        _failure ??= failure;
    }

    /// <summary>The first content event is the commit point and the end of the time to first token.</summary>
    private void OnContent()
    {
        if (!_sawContent)
        {
            _sawContent = true;
            TimeToFirstToken = Elapsed;
        }
    }

    /// <summary>Records a failure after the commit point and writes its error event in the caller's format.</summary>
    private void Fail(Failure failure)
    {
        if (_failure is not null)
        {
            return;
        }

        _failure = failure;
        if (_pipe is not null && failure.Kind != FailureKind.Cancelled)
        {
            _encoder.Encode(new StreamErrorEvent(failure), _pipe);
        }
    }

    // The gateway forced include_usage upstream; an OpenAI client that did not ask must not see the extra chunk.
    private bool IsUnrequestedUsage() =>
        Context.Request.FrontDoor.Format == WireFormat.OpenAIChat
        && !Context.Request.Request.IncludeUsage
        && _events.Count == 1
        && _events[0] is UsageEvent;
}
