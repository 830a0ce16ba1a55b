using System.Diagnostics;
using Switchyard.Failures;
using Switchyard.Model;
using Switchyard.Providers;
using Switchyard.Resilience;

namespace Switchyard.Gateway.Attempts;

/// <summary>
/// One request to one target, in two phases: <see cref="PrepareAsync"/> runs up to the commit point (nothing has reached
/// the caller, so a failure can still fail over invisibly), <see cref="CommitAsync"/> hands the answer to the caller.
/// Owns its timers and cancellation; dispose it.
/// </summary>
internal abstract class UpstreamAttempt : IAsyncDisposable
{
    private readonly CancellationTokenSource _timer;
    private readonly CancellationTokenSource _linked;
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly CancellationToken _caller;
    private bool _armedForDeadline;
    private Activity? _activity;

    protected UpstreamAttempt(AttemptContext context, CancellationToken callerToken)
    {
        Context = context;
        _caller = callerToken;
        _timer = new CancellationTokenSource(System.Threading.Timeout.InfiniteTimeSpan, context.Time);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(callerToken, _timer.Token);
    }

    public AttemptContext Context { get; }

    /// <summary>The provider's request id, once it answered.</summary>
    public string? ProviderRequestId { get; protected set; }

    /// <summary>The model the provider says answered (often a dated snapshot of the target's model), once known.</summary>
    public string? ReportedModel { get; protected set; }

    /// <summary>Usage the provider reported (or null).</summary>
    public TokenUsage? Usage { get; protected set; }

    /// <summary>Time from start to the first content event (streams) or to the complete body.</summary>
    public TimeSpan? TimeToFirstToken { get; protected set; }

    /// <summary>Characters of text and tool arguments received so far (streams).</summary>
    public long StreamedCharacters { get; protected set; }

    /// <summary>Whether the provider accepted the request (so it may bill for it).</summary>
    public bool ReachedProvider { get; protected set; }

    /// <summary>Elapsed since the attempt started.</summary>
    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_started);

    protected CancellationToken Token => _linked.Token;

    /// <summary>The circuit breaker permit this attempt holds (reported by the attempt loop when it finishes).</summary>
    public BreakerPermit Permit { get; init; }

    /// <summary>The rate-limit lease taken before the call (corrected or released after it).</summary>
    public RateLease Lease { get; private set; }

    /// <summary>Whether the provider was actually called (false when refused client-side).</summary>
    public bool Sent { get; private set; }

    /// <summary>Sends and reads up to the commit point. Returns null when ready to commit, else the failure.</summary>
    public async Task<Failure?> PrepareAsync()
    {
        // Started here, in the request span's context, so the provider's HTTP span nests under this attempt's.
        _activity = GatewayTelemetry.StartAttempt(Context);
        var failure = await AdmitAndSendAsync();
        if (failure is not null)
        {
            EndTrace(failure, cancelled: false);
        }

        return failure;
    }

    private async Task<Failure?> AdmitAndSendAsync()
    {
        if (Context.Limiter is { } limiter)
        {
            // Never queue past the deadline: a bucket that cannot admit in time refuses at once, and the loop falls back.
            Lease = await limiter.AcquireAsync(Context.EstimatedTokens, Context.Deadline.Remaining, Token);
            if (!Lease.IsAcquired)
            {
                return new Failure(FailureKind.RateLimited, $"Client-side rate limit for {Context.Target.Key}: no capacity within the request's deadline.")
                {
                    RetryAfter = Lease.RetryAfter,
                };
            }
        }

        Sent = true;
        return await SendAndPrepareAsync();
    }

    /// <summary>Sends and reads up to the commit point (after client-side admission).</summary>
    protected abstract Task<Failure?> SendAndPrepareAsync();

    /// <summary>Feeds a provider's rate-limit headers to the client-side limiter.</summary>
    protected void Learn(UpstreamResponse upstream)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        Context.Limiter?.Learn(upstream.RateLimits, Context.Time.GetUtcNow());
    }

    /// <summary>Writes the answer to the caller and finishes reading; returns the final failure, if the stream broke after commit.</summary>
    public async Task<Failure?> CommitAsync(IChatResponseSink sink, ServedBy servedBy)
    {
        Failure? failure = null;
        var finished = false;
        try
        {
            failure = await CommitCoreAsync(sink, servedBy);
            finished = true;
        }
        finally
        {
            EndTrace(failure, cancelled: !finished);
        }

        return failure;
    }

    /// <summary>Writes the answer to the caller and finishes reading (see <see cref="CommitAsync"/>).</summary>
    protected abstract Task<Failure?> CommitCoreAsync(IChatResponseSink sink, ServedBy servedBy);

    /// <summary>Stops the attempt (a hedge that lost, or a request that ended).</summary>
    public void Cancel() => _timer.Cancel();

    /// <summary>Releases timers (and, in derived classes, the upstream connection). Safe to call more than once.</summary>
    public virtual async ValueTask DisposeAsync()
    {
        // An attempt that reached its commit point but never committed (a hedge that lost) ends its span here.
        EndTrace(null, cancelled: true);
        _linked.Dispose();
        _timer.Dispose();
        await Task.CompletedTask;
    }

    private void EndTrace(Failure? failure, bool cancelled)
    {
        if (_activity is { } activity)
        {
            _activity = null;
            GatewayTelemetry.EndAttempt(activity, failure, cancelled, ReportedModel, ProviderRequestId, Usage);
        }
    }

    /// <summary>Arms the step timer: whichever comes first of <paramref name="step"/> and the request's deadline.</summary>
    protected void Arm(TimeSpan step)
    {
        // Remember which limit the timer stands for: timers may fire a hair before the deadline's own clock says it has
        // passed, and a deadline must not be reported as a step timeout (which would also fall back with no time left).
        var remaining = Context.Deadline.Remaining;
        _armedForDeadline = remaining <= step + RequestDeadline.Tolerance;
        _timer.CancelAfter(_armedForDeadline ? remaining : step);
    }

    /// <summary>Classifies a cancellation of <see cref="Token"/>: the caller left, the deadline passed, or a step timed out.</summary>
    protected Failure Timeout(bool afterFirstToken)
    {
        if (_caller.IsCancellationRequested)
        {
            return new Failure(FailureKind.Cancelled, "The caller went away.");
        }

        var provider = Context.Provider.Name;
        if (_armedForDeadline || Context.Deadline.Passed)
        {
            return new Failure(FailureKind.DeadlineExceeded, $"The request's deadline passed while waiting for {provider}.") { Provider = provider };
        }

        return afterFirstToken
            ? new Failure(FailureKind.IdleTimeout, $"{provider} sent nothing for {Context.Tier.StreamIdle.TotalSeconds:0.###} s (tier '{Context.Tier.Name}').") { Provider = provider }
            : new Failure(FailureKind.FirstTokenTimeout, FirstStepTimeoutMessage(provider)) { Provider = provider };
    }

    /// <summary>What the caller is told when the first step's timer fired: no first token, or (non-streaming) no answer.</summary>
    protected virtual string FirstStepTimeoutMessage(string provider) =>
        $"{provider} produced no first token within {Context.Tier.FirstToken.TotalSeconds:0.###} s (tier '{Context.Tier.Name}').";

    /// <summary>The request body for this target: raw bytes with the model spliced in, or a translation.</summary>
    protected UpstreamRequest BuildRequest()
    {
        var request = Context.Request;
        var model = Context.Target.Model;
        ReadOnlyMemory<byte> body;
        if (Context.SameFormat)
        {
            // OpenAI reports stream usage only when asked; the gateway always needs it (billing).
            var forceUsage = request.Request.Stream && Context.Provider.Codec.Format == WireFormat.OpenAIChat;
            body = RequestBodyEditor.Edit(request.RawBody, model, forceUsage, request.MaxOutputTokensOverride);
        }
        else
        {
            var canonical = request.MaxOutputTokensOverride is { } max ? request.Request with { MaxOutputTokens = max } : request.Request;
            if (Context.ResumeUpstream)
            {
                // Only a stored background response can be resumed after its connection breaks.
                canonical = canonical with { Responses = (canonical.Responses ?? new ResponsesControls()) with { Background = true, Store = true, PreviousResponseId = null } };
            }

            body = Context.Provider.Codec.WriteRequest(canonical, new UpstreamRequestOptions(model, request.Request.Stream));
        }

        return new UpstreamRequest(body, request.Request.Stream)
        {
            ForwardedHeaders = Context.SameFormat ? request.ForwardedHeaders : [],
            ConnectTimeout = Context.Deadline.Cap(Context.Tier.Connect),
        };
    }
}
