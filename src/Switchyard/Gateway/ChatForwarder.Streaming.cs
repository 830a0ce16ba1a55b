using System.Buffers;
using System.IO.Pipelines;
using Switchyard.Failures;
using Switchyard.Model;
using Switchyard.Providers;

namespace Switchyard.Gateway;

public sealed partial class ChatForwarder
{
    private static async Task<ForwardOutcome> StreamAsync(
        GatewayRequest request,
        IChatProvider provider,
        UpstreamResponse upstream,
        bool sameFormat,
        ServedBy servedBy,
        IChatResponseSink sink,
        CancellationToken cancellationToken)
    {
        var relay = new StreamRelay(request, provider, sameFormat);
        try
        {
            await foreach (var item in upstream.ReadEventsAsync(cancellationToken))
            {
                if (relay.Accept(item.EventType, item.Data) is { } failure && !relay.Committed)
                {
                    // Nothing reached the caller yet: a clean HTTP error beats a stream that starts and fails.
                    await sink.SendFailureAsync(failure, servedBy, cancellationToken);
                    return new ForwardOutcome(servedBy, failure, relay.Usage);
                }

                if (relay.Committed || relay.ShouldCommit)
                {
                    await relay.FlushAsync(sink, servedBy, cancellationToken);
                }

                if (relay.Failure is not null)
                {
                    // The caller has its error event; whatever the provider still sends cannot be used.
                    break;
                }
            }

            if (relay.Failure is null)
            {
                relay.Complete();
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            relay.Break(new Failure(FailureKind.StreamBroken, $"The stream from {provider.Name} broke: {ex.Message}") { Provider = provider.Name });
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new ForwardOutcome(servedBy, new Failure(FailureKind.Cancelled, "The caller went away."), relay.Usage);
        }

        if (relay.Failure is { } final && !relay.Committed)
        {
            await sink.SendFailureAsync(final, servedBy, cancellationToken);
            return new ForwardOutcome(servedBy, final, relay.Usage);
        }

        await relay.FlushAsync(sink, servedBy, cancellationToken);
        if (relay.Failure is not null)
        {
            await sink.AbortStreamAsync();
        }

        return new ForwardOutcome(servedBy, relay.Failure, relay.Usage);
    }

    /// <summary>
    /// The per-stream state: decodes upstream events, writes the caller's frames (raw on same-format routes, translated
    /// otherwise), and holds them until the commit point — the first content event — so that an early failure can
    /// still become a clean HTTP error.
    /// </summary>
    private sealed class StreamRelay(GatewayRequest request, IChatProvider provider, bool sameFormat)
    {
        private readonly IStreamDecoder _decoder = provider.Codec.CreateStreamDecoder();
        private readonly IStreamEncoder _encoder = request.FrontDoor.CreateStreamEncoder(request.Request);
        private readonly List<StreamEvent> _events = new(4);
        private readonly ArrayBufferWriter<byte> _pending = new(1024);
        private readonly bool _namedEvents = request.FrontDoor.Format == WireFormat.AnthropicMessages;
        private PipeWriter? _pipe;
        private bool _failed;

        public bool Committed => _pipe is not null;

        public bool ShouldCommit { get; private set; }

        public Failure? Failure { get; private set; }

        public TokenUsage? Usage { get; private set; }

        private IBufferWriter<byte> Output => (IBufferWriter<byte>?)_pipe ?? _pending;

        /// <summary>Decodes and writes one upstream event; returns the failure it carried, if any.</summary>
        public Failure? Accept(string eventType, ReadOnlySpan<byte> data)
        {
            if (_failed)
            {
                return null;
            }

            _events.Clear();
            var disposition = _decoder.Decode(eventType, data, _events);
            foreach (var e in _events)
            {
                switch (e)
                {
                    case UsageEvent usage:
                        Usage = usage.Usage;
                        break;
                    case MessageStartEvent { Usage: { } early }:
                        // Anthropic states input tokens up front: if the stream breaks early, this is all we will know.
                        Usage ??= early;
                        break;
                    case StreamErrorEvent error:
                        Failure = error.Failure;
                        _failed = true;
                        break;
                    default:
                        ShouldCommit |= IsContent(e);
                        break;
                }
            }

            if (_failed && !Committed)
            {
                return Failure;
            }

            if (sameFormat)
            {
                if (disposition != DecodeDisposition.Drop && !IsUnrequestedUsage())
                {
                    SseFrame.Write(Output, _namedEvents ? eventType : null, data);
                }
            }
            else
            {
                foreach (var e in _events)
                {
                    _encoder.Encode(e, Output);
                }
            }

            return Failure;
        }

        /// <summary>The upstream body ended: a missing terminal event becomes an explicit error, never a clean end.</summary>
        public void Complete()
        {
            if (_failed)
            {
                return;
            }

            _events.Clear();
            _decoder.Complete(_events);
            foreach (var e in _events.OfType<StreamErrorEvent>())
            {
                Break(e.Failure);
            }
        }

        /// <summary>Ends the stream with an error event in the caller's format.</summary>
        public void Break(Failure failure)
        {
            if (_failed)
            {
                return;
            }

            _failed = true;
            Failure = failure;
            if (Committed)
            {
                _encoder.Encode(new StreamErrorEvent(failure), Output);
            }
        }

        public async ValueTask FlushAsync(IChatResponseSink sink, ServedBy servedBy, CancellationToken cancellationToken)
        {
            if (_pipe is null)
            {
                _pipe = sink.StartStream(servedBy);
                _pipe.Write(_pending.WrittenSpan);
                _pending.Clear();
            }

            await _pipe.FlushAsync(cancellationToken);
        }

        // The gateway forced include_usage upstream (OpenAI only); a client that did not ask must not see the extra chunk.
        // Anthropic streams are never altered upstream, so their usage-only events belong to the client.
        private bool IsUnrequestedUsage() =>
            request.FrontDoor.Format == WireFormat.OpenAIChat
            && !request.Request.IncludeUsage && _events.Count == 1 && _events[0] is UsageEvent;
    }
}
