namespace Switchyard.Simulator.Runtime;

/// <summary>
/// A fixed one-minute window of requests and tokens so that <c>remaining</c> headers decrease as real
/// ones do. It only reports; it never rejects (429s come from scenario rules). Thread-safe.
/// </summary>
internal sealed class RateLimitWindow(TimeProvider time, long requestLimit, long inputTokenLimit, long outputTokenLimit)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly Lock _gate = new();
    private DateTimeOffset _start = DateTimeOffset.MinValue;
    private long _requests;
    private long _input;
    private long _output;

    public RateLimitSnapshot Consume(int inputTokens, int outputTokens)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (now - _start >= Window)
            {
                _start = now;
                _requests = _input = _output = 0;
            }

            _requests++;
            _input += inputTokens;
            _output += outputTokens;
            // Reset values follow a token bucket: the time to refill what has been used at the per-minute rate.
            var requestsReset = Window * Math.Min(1.0, (double)_requests / requestLimit);
            var tokensReset = Window * Math.Min(1.0, (double)(_input + _output) / (inputTokenLimit + outputTokenLimit));
            return new RateLimitSnapshot(
                requestLimit,
                Math.Max(0, requestLimit - _requests),
                inputTokenLimit,
                Math.Max(0, inputTokenLimit - _input),
                outputTokenLimit,
                Math.Max(0, outputTokenLimit - _output),
                requestsReset,
                tokensReset,
                _start + Window);
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _start = DateTimeOffset.MinValue;
        }
    }
}
