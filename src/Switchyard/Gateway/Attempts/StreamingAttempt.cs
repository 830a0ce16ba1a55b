using System.Buffers;
using System.Runtime.CompilerServices;
using CommunityToolkit.HighPerformance.Buffers;
using Switchyard.Failures;
using Switchyard.Gateway.Streams;
using Switchyard.Model;
using Switchyard.Providers;
using Switchyard.Streaming;

namespace Switchyard.Gateway.Attempts;

/// <summary>
/// A streaming attempt. Before the commit point (the first content event) frames are held back, so a failure — an
/// error status, an early error event, no first token in time — fails over without the caller seeing anything. After
/// it, frames go to the caller's <see cref="ClientStream"/> as they arrive. A break after commit is returned to the
/// attempt loop, which repairs it with a continuation or ends the stream with an error event.
/// </summary>
/// <remarks>
/// A continuation attempt (<see cref="AttemptContext.Continuation"/>) continues text the caller already has: it writes
/// through the client stream's encoder, drops the new answer's start, and trims any overlap with what was sent.
/// </remarks>
internal sealed partial class StreamingAttempt : UpstreamAttempt
{
    // Resumes of one upstream stream before the break counts as a failure (then continuation may still repair it).
    private const int MaxResumes = 3;

    private readonly IStreamDecoder _decoder;
    private readonly IStreamEncoder _encoder;
    private readonly ClientStream _client;
    private readonly OverlapTrimmer? _trimmer;
    private readonly bool _passthrough;
    private readonly List<StreamEvent> _events = new(4);
    private readonly List<StreamEvent> _emit = new(4);
    private readonly ArrayBufferWriter<byte> _pending = new(1024);
    // The visible text, kept for a continuation; pooled, returned when the attempt is disposed.
    private readonly ArrayPoolBufferWriter<char> _text = new();
    private readonly StreamObservation? _observation;
    private readonly bool _namedEvents;
    private UpstreamResponse? _upstream;
    private SseEventReader? _upstreamEvents;
    private bool _committed;
    private bool _sawContent;
    private bool _sawNonText;
    private bool _ended;
    private Failure? _failure;
    private MessageStartEvent? _start;
    private bool _disposed;
    private int _resumes;

    public StreamingAttempt(AttemptContext context, ClientStream client, CancellationToken callerToken)
        : base(context, callerToken)
    {
        _client = client;
        _decoder = context.Provider.Codec.CreateStreamDecoder();
        _namedEvents = context.Request.FrontDoor.Format != WireFormat.OpenAIChat;
        if (context.Continuation is { } continuation)
        {
            _encoder = client.Encoder!;
            _trimmer = continuation.Plan.CreateTrimmer(continuation.SentText);
        }
        else
        {
            _encoder = context.Request.FrontDoor.CreateStreamEncoder(context.Request.Request);
            _passthrough = context.SameFormat;
            _observation = _passthrough ? new StreamObservation(_text) : null;
        }
    }

    /// <summary>Characters of overlap dropped from a continuation.</summary>
    public int TrimmedCharacters => _trimmer?.TrimmedCharacters ?? 0;

    private IBufferWriter<byte> Output => _committed ? _client.Output : _pending;

    protected override async Task<Failure?> SendAndPrepareAsync()
    {
        Arm(Context.Tier.FirstToken);
        try
        {
            _upstream = await Context.Provider.SendAsync(BuildRequest(), Token);
            ProviderRequestId = _upstream.RequestId;
            Learn(_upstream);
            if (_upstream.Failure is { } failure)
            {
                // Cancelled after the request went out (a losing hedge, the deadline): the provider may bill it anyway.
                ReachedProvider = _upstream.RequestSent;
                return failure.Kind == FailureKind.Cancelled ? Timeout(afterFirstToken: false) : failure;
            }

            ReachedProvider = true;
            _upstreamEvents = _upstream.ReadEvents(Token);
            while (!_sawContent && !_ended && _failure is null)
            {
                await ReadOneAsync();
            }

            return _failure;
        }
        catch (OperationCanceledException)
        {
            return Timeout(afterFirstToken: false);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            return Broken(ex);
        }
    }

    protected override async Task<Failure?> CommitCoreAsync(IChatResponseSink sink, ServedBy servedBy)
    {
        if (!_client.IsCommitted)
        {
            await _client.CommitAsync(sink, servedBy, _encoder, _passthrough);
            _client.Start = _start;
        }

        _committed = true;
        if (_trimmer is not null)
        {
            await _client.AnnotateAsync($"x-switchyard-continued provider={Context.Target.Provider} model={Context.Target.Model}");
        }

        _client.Output.Write(_pending.WrittenSpan);
        _pending.Clear();
        try
        {
            await _client.PublishAsync();
            while (!_ended && _failure is null)
            {
                Arm(Context.Tier.StreamIdle);
                // Flush only when the next upstream event is not already here: a burst (several events in one upstream
                // read) reaches the caller in one write, not one send per event — which, with Kestrel's inline
                // scheduling (Server:InlineScheduling), is a syscall each. Nothing published waits on the network unsent.
                var read = ReadOneAsync();
                if (!read.IsCompleted)
                {
                    await _client.FlushAsync();
                }

                await read;
                await _client.PublishAsync(flush: false);
            }

            await _client.FlushAsync();
        }
        catch (OperationCanceledException)
        {
            _failure ??= Timeout(afterFirstToken: true);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            _failure ??= Broken(ex);
        }
        finally
        {
            _client.SentText.Append(_text.WrittenSpan);
            _client.SentNonText |= _sawNonText;
        }

        return _failure;
    }

    public override async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await CloseUpstreamAsync();
        await base.DisposeAsync();

        // Last: the attempt loop disposes an attempt only after its reads have finished. Clear wipes the answer's text
        // before the array goes back to the shared pool.
        _text.Clear();
        _text.Dispose();
    }

    /// <summary>
    /// The next upstream event. A connection that breaks, or ends without its terminal event, is resumed from the last
    /// sequence number when the provider can (OpenAI Responses background streams); the decoder drops any repeats.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> MoveNextAsync()
    {
        while (true)
        {
            try
            {
                if (await _upstreamEvents!.MoveNextAsync())
                {
                    return true;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException)
            {
                if (!await TryResumeAsync())
                {
                    throw;
                }

                continue;
            }

            if (_decoder.IsTerminated || !await TryResumeAsync())
            {
                return false;
            }
        }
    }

    private async Task<bool> TryResumeAsync()
    {
        if (!Context.ResumeUpstream || _resumes >= MaxResumes || Token.IsCancellationRequested
            || Context.Provider is not IResumableProvider provider
            || _decoder is not IResumableStreamDecoder { ResponseId: { } responseId, LastSequenceNumber: { } after })
        {
            return false;
        }

        _resumes++;
        await CloseUpstreamAsync();
        _upstream = await provider.ResumeAsync(responseId, after, Context.Deadline.Cap(Context.Tier.Connect), Token);
        if (_upstream.Failure is not null)
        {
            return false;
        }

        GatewayMetrics.RecordUpstreamResume(Context.Provider.Name);
        _upstreamEvents = _upstream.ReadEvents(Token);
        return true;
    }

    private async Task CloseUpstreamAsync()
    {
        if (_upstreamEvents is not null)
        {
            try
            {
                await _upstreamEvents.DisposeAsync();
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException)
            {
                // Tearing down a cancelled or broken stream; nothing left to report.
            }
        }

        _upstream?.Dispose();
        _upstreamEvents = null;
    }

    private Failure Broken(Exception ex) =>
        new(FailureKind.StreamBroken, $"The stream from {Context.Provider.Name} broke: {ex.Message}") { Provider = Context.Provider.Name };
}
