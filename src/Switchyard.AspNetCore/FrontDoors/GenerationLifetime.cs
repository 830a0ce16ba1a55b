namespace Switchyard.AspNetCore.FrontDoors;

/// <summary>
/// How long a generation may run, as a cancellation token: a logged stream outlives its caller by a grace period (so
/// the rest can be resumed from the delta log); anything else ends when the caller leaves. The request's deadline
/// applies either way (the engine enforces it).
/// </summary>
internal sealed class GenerationLifetime : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly CancellationTokenRegistration _registration;

    public GenerationLifetime(TimeSpan afterCallerLeft, TimeProvider time, CancellationToken callerGone)
    {
        _source = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        _registration = callerGone.Register(
            static state =>
            {
                var (source, grace) = ((CancellationTokenSource, TimeSpan))state!;
                try
                {
                    if (grace <= TimeSpan.Zero)
                    {
                        source.Cancel();
                    }
                    else
                    {
                        source.CancelAfter(grace);
                    }
                }
                catch (ObjectDisposedException)
                {
                    // The generation already ended.
                }
            },
            (_source, afterCallerLeft));
    }

    /// <summary>Cancelled when the generation must stop.</summary>
    public CancellationToken Token => _source.Token;

    public void Dispose()
    {
        _registration.Dispose();
        _source.Dispose();
    }
}
