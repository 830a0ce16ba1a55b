using System.Buffers;
using System.IO.Pipelines;
using System.Net.ServerSentEvents;
using Switchyard.Failures;
using Switchyard.Model;
using Switchyard.Providers;

namespace Switchyard.Gateway.Attempts;

/// <summary>
/// A streaming attempt. Before the commit point (the first content event) frames are held back, so a failure — an
/// error status, an early error event, no first token in time — fails over without the caller seeing anything. After
/// it, frames go straight out; a break ends the stream with an error event in the caller's format and an abort.
/// </summary>
internal sealed partial class StreamingAttempt(AttemptContext context, CancellationToken callerToken) : UpstreamAttempt(context, callerToken)
{
    private readonly IStreamDecoder _decoder = context.Provider.Codec.CreateStreamDecoder();
    private readonly IStreamEncoder _encoder = context.Request.FrontDoor.CreateStreamEncoder(context.Request.Request);
    private readonly List<StreamEvent> _events = new(4);
    private readonly ArrayBufferWriter<byte> _pending = new(1024);
    private readonly bool _namedEvents = context.Request.FrontDoor.Format == WireFormat.AnthropicMessages;
    private UpstreamResponse? _upstream;
    private IAsyncEnumerator<SseItem<byte[]>>? _upstreamEvents;
    private PipeWriter? _pipe;
    private bool _sawContent;
    private bool _ended;
    private Failure? _failure;
    private bool _disposed;

    private IBufferWriter<byte> Output => (IBufferWriter<byte>?)_pipe ?? _pending;

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
            _upstreamEvents = _upstream.ReadEventsAsync(Token).GetAsyncEnumerator(Token);
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

    public override async Task<Failure?> CommitAsync(IChatResponseSink sink, ServedBy servedBy)
    {
        _pipe = sink.StartStream(servedBy);
        _pipe.Write(_pending.WrittenSpan);
        _pending.Clear();
        try
        {
            await _pipe.FlushAsync(Token);
            while (!_ended && _failure is null)
            {
                Arm(Context.Tier.StreamIdle);
                await ReadOneAsync();
                await _pipe.FlushAsync(Token);
            }
        }
        catch (OperationCanceledException)
        {
            Fail(Timeout(afterFirstToken: true));
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            Fail(Broken(ex));
        }

        if (_failure is null || _failure.Kind == FailureKind.Cancelled)
        {
            return _failure;
        }

        await _pipe.FlushAsync(CancellationToken.None);
        await sink.AbortStreamAsync();
        return _failure;
    }

    public override async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
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
        await base.DisposeAsync();
    }

    private Failure Broken(Exception ex) =>
        new(FailureKind.StreamBroken, $"The stream from {Context.Provider.Name} broke: {ex.Message}") { Provider = Context.Provider.Name };
}
