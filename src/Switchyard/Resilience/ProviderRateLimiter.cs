using Switchyard.Providers;

namespace Switchyard.Resilience;

// The buckets are hand-written rather than System.Threading.RateLimiting's TokenBucketRateLimiter (checked against
// 10.0): it reads time from Stopwatch and its own Timer, not from a TimeProvider (dotnet/runtime#106447, open), so
// neither tests on a fake clock nor a deterministic "does the wait fit the deadline" answer are possible; it cannot give
// tokens back (corrections, releases), cannot be told its current fill (learned from headers) or be emptied until a
// time (retry-after), and its queue is bounded by a count, not by each caller's deadline. Emulating those by replacing
// and draining limiters would take more code than the bucket itself (TokenBucket, ~100 lines).

/// <summary>
/// Client-side rate limiting of one provider deployment (provider + key + model family): a request bucket and a token
/// bucket, each refilled continuously per minute. <see cref="AcquireAsync"/> admits a call at once, after a wait that
/// fits the caller's allowed wait, or refuses at once — never queuing past the deadline. Limits and remaining counts are
/// learned from every response's headers (<see cref="Learn"/>); a provider's <c>retry-after</c> empties both buckets
/// until then. Thread-safe: one short lock per call; waiting happens outside it. All time comes from the
/// <see cref="TimeProvider"/>.
/// </summary>
public sealed class ProviderRateLimiter
{
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(1);

    private readonly ProviderRateLimitOptions _options;
    private readonly TimeProvider _time;
    private readonly long _origin;
    private readonly TokenBucket _requests = new(Period);
    private readonly TokenBucket _tokens = new(Period);
    private readonly Lock _lock = new();
    private DateTimeOffset _blockedUntil;

    /// <summary>Creates a limiter named <paramref name="name"/> (its deployment key) with the configured limits, full.</summary>
    public ProviderRateLimiter(string name, ProviderRateLimitOptions options, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(options);
        Name = name;
        _options = options;
        _time = time ?? TimeProvider.System;
        _origin = _time.GetTimestamp();
        _requests.SetCapacity(options.RequestsPerMinute, TimeSpan.Zero);
        _tokens.SetCapacity(options.TokensPerMinute, TimeSpan.Zero);
    }

    /// <summary>The deployment key.</summary>
    public string Name { get; }

    /// <summary>
    /// Takes one request and <paramref name="estimatedTokens"/> tokens. If both buckets can admit them within
    /// <paramref name="maxWait"/> (pass the request's remaining deadline), reserves them at once and waits out the
    /// difference; otherwise returns a refused lease at once, with the wait it would have needed. A request larger than
    /// the token bucket waits for a full bucket rather than forever. Cancellation gives the reservation back and throws
    /// <see cref="OperationCanceledException"/>.
    /// </summary>
    public async ValueTask<RateLease> AcquireAsync(int estimatedTokens, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(estimatedTokens);
        TimeSpan wait;
        lock (_lock)
        {
            var now = Now;
            var requestsAt = _requests.ReadyAt(1, now);
            var tokensAt = _tokens.ReadyAt(estimatedTokens, now);
            wait = (requestsAt > tokensAt ? requestsAt : tokensAt) - now;
            if (wait <= maxWait)
            {
                _requests.Take(1, now);
                _tokens.Take(estimatedTokens, now);
            }
        }

        if (wait > maxWait)
        {
            ResilienceMetrics.RecordRateLimited(Name);
            return RateLease.Refused(wait);
        }

        ResilienceMetrics.RecordBucketWait(Name, wait > TimeSpan.Zero ? wait : TimeSpan.Zero);
        var lease = RateLease.Acquired(estimatedTokens, wait);
        if (wait > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(wait, _time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Release(lease);
                throw;
            }
        }

        return lease;
    }

    /// <summary>Gives back an admitted lease whose call never went out (its request and its tokens).</summary>
    public void Release(in RateLease lease)
    {
        if (!lease.IsAcquired)
        {
            return;
        }

        lock (_lock)
        {
            var now = Now;
            _requests.Take(-1, now);
            _tokens.Take(-lease.Tokens, now);
        }
    }

    /// <summary>
    /// Corrects the token bucket once the call's actual usage is known: <paramref name="tokenDelta"/> = actual −
    /// estimated. Positive takes more (possibly into debt, which later callers wait out); negative gives tokens back.
    /// </summary>
    public void Correct(int tokenDelta)
    {
        lock (_lock)
        {
            _tokens.Take(tokenDelta, Now);
        }
    }

    /// <summary>
    /// Adopts what a response's headers say (call on every response, failed or not). A window's <c>Limit</c> becomes
    /// the capacity (never above the configured limit); <c>Remaining</c> (or, without it, the fill implied by
    /// <c>ResetsAt</c>: full at the reset, refilling at the limit per minute) lowers the fill, never raises it — calls
    /// admitted after the provider counted are not in its number. A <c>retry-after</c> empties both buckets until then.
    /// The token bucket follows <c>Tokens</c>, else Anthropic's <c>InputTokens</c>.
    /// </summary>
    /// <param name="snapshot">The response's rate-limit headers.</param>
    /// <param name="now">When the response was received (the time <c>ResetsAt</c> was computed against).</param>
    public void Learn(RateLimitSnapshot snapshot, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        lock (_lock)
        {
            var elapsed = Now;
            if (_options.LearnFromHeaders)
            {
                Adopt(_requests, snapshot.Requests, _options.RequestsPerMinute, now, elapsed);
                Adopt(_tokens, snapshot.Tokens ?? snapshot.InputTokens, _options.TokensPerMinute, now, elapsed);
            }

            if (snapshot.RetryAfter is { } wait && wait > TimeSpan.Zero)
            {
                _requests.Block(elapsed + wait, elapsed);
                _tokens.Block(elapsed + wait, elapsed);
                var until = _time.GetUtcNow() + wait;
                _blockedUntil = until > _blockedUntil ? until : _blockedUntil;
            }
        }
    }

    /// <summary>The limiter's state now.</summary>
    public RateLimiterSnapshot Snapshot()
    {
        lock (_lock)
        {
            var now = Now;
            var utc = _time.GetUtcNow();
            return new RateLimiterSnapshot(
                Name,
                _requests.Capacity,
                _requests.Capacity is null ? null : _requests.Available(now),
                _tokens.Capacity,
                _tokens.Capacity is null ? null : _tokens.Available(now),
                _blockedUntil > utc ? _blockedUntil : null);
        }
    }

    private TimeSpan Now => _time.GetElapsedTime(_origin);

    private static void Adopt(TokenBucket bucket, RateLimitWindow? window, long? configured, DateTimeOffset now, TimeSpan elapsed)
    {
        if (window is not { } learned)
        {
            return;
        }

        if (learned.Limit is { } limit && limit > 0)
        {
            bucket.SetCapacity(configured is { } cap && cap < limit ? cap : limit, elapsed);
        }

        var remaining = (double?)learned.Remaining;
        if (remaining is null && learned.ResetsAt is { } reset && (learned.Limit ?? bucket.Capacity) is { } full)
        {
            var untilFull = reset - now;
            remaining = untilFull <= TimeSpan.Zero ? full : full * Math.Max(0, 1 - (untilFull / Period));
        }

        if (remaining is { } left)
        {
            bucket.LowerTo(left, elapsed);
        }
    }
}
