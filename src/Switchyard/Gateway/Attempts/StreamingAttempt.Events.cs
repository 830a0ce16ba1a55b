using System.Buffers;
using System.Runtime.CompilerServices;
using Switchyard.Model;
using Switchyard.Providers;

namespace Switchyard.Gateway.Attempts;

internal sealed partial class StreamingAttempt
{
    /// <summary>Reads one upstream event (or the end) and writes what the caller should see of it.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask ReadOneAsync()
    {
        if (!await MoveNextAsync())
        {
            _events.Clear();
            _decoder.Complete(_events);
            _ended = true;
            if (_events.OfType<StreamErrorEvent>().FirstOrDefault() is { } error)
            {
                _failure ??= error.Failure;
            }

            return;
        }

        var item = _upstreamEvents!;
        if (_passthrough)
        {
            PassThrough(item.EventType, item.Data.Span);
            return;
        }

        _events.Clear();
        _decoder.Decode(item.EventType, item.Data.Span, _events);
        _emit.Clear();
        Failures.Failure? failure = null;
        foreach (var e in _events)
        {
            if (Observe(e) is { } seen)
            {
                _emit.Add(seen);
            }

            if (e is StreamErrorEvent error)
            {
                failure = error.Failure;
            }
        }

        // An error is this attempt's failure, never forwarded as is: before the commit point the caller sees nothing of
        // it; after it, the attempt loop decides between a continuation and an error event in the caller's format.
        _failure ??= failure;
        foreach (var e in _emit)
        {
            _encoder.Encode(e, Output);
        }
    }

    /// <summary>Tracks one decoded event; returns what the caller should see of it (null: nothing).</summary>
    private StreamEvent? Observe(StreamEvent e)
    {
        switch (e)
        {
            case UsageEvent usage:
                Usage = usage.Usage;
                return e;
            case MessageStartEvent start:
                ReportedModel ??= start.Model.Length > 0 ? start.Model : null;

                // Anthropic states input tokens up front: if the stream breaks early, this is all we will know.
                Usage ??= start.Usage;
                _start ??= start;

                // A continuation is the same answer to the caller: its new start is not shown. The Responses front door
                // shows the gateway's own response id.
                return _trimmer is not null ? null
                    : Context.Request.ClientResponseId is { } id ? start with { Id = id } : start;
            case StreamErrorEvent:
                return null;
            case StreamEndEvent:
                _ended = true;
                return e;
            case TextDeltaEvent text:
                StreamedCharacters += text.Text.Length;
                var visible = _trimmer is null ? text.Text : _trimmer.Push(text.Text);
                if (visible.Length == 0)
                {
                    return null;
                }

                _text.Write(visible.AsSpan());
                OnContent();
                return ReferenceEquals(visible, text.Text) ? e : new TextDeltaEvent(visible);
            case FinishEvent when _trimmer is not null && _trimmer.Complete() is { Length: > 0 } held:
                // The continuation ended while text was still held back as a possible overlap: it was new text after all.
                _text.Write(held.AsSpan());
                OnContent();
                _emit.Add(new TextDeltaEvent(held));
                return e;
            case ToolCallArgumentsDeltaEvent arguments:
                StreamedCharacters += arguments.Fragment.Length;
                _sawNonText = true;
                OnContent();
                return e;
            case ThinkingDeltaEvent thinking:
                // Thinking is billed as output: a stream that ends without usage is estimated from it too.
                StreamedCharacters += thinking.Text?.Length ?? 0;
                _sawNonText = true;
                OnContent();
                return e;
            case ToolCallStartEvent or RefusalDeltaEvent:
                _sawNonText = true;
                OnContent();
                return e;
            case FinishEvent:
                OnContent();
                return e;
            default:
                return e;
        }
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
}
