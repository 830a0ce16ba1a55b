using Microsoft.Extensions.Time.Testing;
using Switchyard.Providers;
using Switchyard.Resilience;

namespace Switchyard.Tests.Resilience;

public sealed class ProviderRateLimiterTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 8, 21, 12, 40, 0, TimeSpan.Zero));

    private ProviderRateLimiter Limiter(int? rpm = 60, long? tpm = 6000, bool learn = true) =>
        new("openai/default/gpt-4o", new ProviderRateLimitOptions { RequestsPerMinute = rpm, TokensPerMinute = tpm, LearnFromHeaders = learn }, _time);

    private static async Task<bool> Admitted(ProviderRateLimiter limiter, int tokens) =>
        (await limiter.AcquireAsync(tokens, TimeSpan.Zero, CancellationToken.None)).IsAcquired;

    [Fact]
    public async Task AcquireAsync_WithinCapacity_AdmitsAtOnce()
    {
        var limiter = Limiter();

        var lease = await limiter.AcquireAsync(1000, TimeSpan.Zero, CancellationToken.None);

        Assert.True(lease.IsAcquired);
        Assert.Equal(1000, lease.Tokens);
        Assert.Equal(TimeSpan.Zero, lease.Waited);
        Assert.Equal(59, limiter.Snapshot().RequestsAvailable);
        Assert.Equal(5000, limiter.Snapshot().TokensAvailable);
    }

    [Fact]
    public async Task AcquireAsync_NoLimitsKnown_AdmitsEverything()
    {
        var limiter = Limiter(rpm: null, tpm: null);

        for (var i = 0; i < 1000; i++)
        {
            Assert.True(await Admitted(limiter, 100_000));
        }
    }

    [Fact]
    public async Task AcquireAsync_WaitBeyondMaxWait_RefusesAtOnceWithTheWait()
    {
        var limiter = Limiter();
        Assert.True(await Admitted(limiter, 6000));

        // 3000 tokens at 100 per second: 30 s away, and only 10 s are allowed.
        var task = limiter.AcquireAsync(3000, TimeSpan.FromSeconds(10), CancellationToken.None);

        Assert.True(task.IsCompleted);
        var lease = await task;
        Assert.False(lease.IsAcquired);
        Assert.Equal(TimeSpan.FromSeconds(30), lease.RetryAfter);
        Assert.Equal(0, limiter.Snapshot().TokensAvailable);
    }

    [Fact]
    public async Task AcquireAsync_WaitWithinMaxWait_ReservesAndCompletesAfterReplenishment()
    {
        var limiter = Limiter();
        Assert.True(await Admitted(limiter, 6000));

        var task = limiter.AcquireAsync(500, TimeSpan.FromSeconds(10), CancellationToken.None).AsTask();
        Assert.False(task.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(4.9));
        Assert.False(task.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(0.1));

        var lease = await task;
        Assert.True(lease.IsAcquired);
        Assert.Equal(TimeSpan.FromSeconds(5), lease.Waited);
    }

    [Fact]
    public async Task AcquireAsync_AfterReplenishment_AdmitsAgain()
    {
        var limiter = Limiter(rpm: 2, tpm: null);
        Assert.True(await Admitted(limiter, 0));
        Assert.True(await Admitted(limiter, 0));
        Assert.False(await Admitted(limiter, 0));

        _time.Advance(TimeSpan.FromSeconds(30));

        Assert.True(await Admitted(limiter, 0));
        Assert.False(await Admitted(limiter, 0));
    }

    [Fact]
    public async Task AcquireAsync_QueuedReservations_WaitInArrivalOrder()
    {
        var limiter = Limiter(rpm: 60, tpm: null);
        for (var i = 0; i < 60; i++)
        {
            Assert.True(await Admitted(limiter, 0));
        }

        var first = limiter.AcquireAsync(0, TimeSpan.FromMinutes(1), CancellationToken.None).AsTask();
        var second = limiter.AcquireAsync(0, TimeSpan.FromMinutes(1), CancellationToken.None).AsTask();
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(first.IsCompleted);
        Assert.False(second.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(TimeSpan.FromSeconds(1), (await first).Waited);
        Assert.Equal(TimeSpan.FromSeconds(2), (await second).Waited);
    }

    [Fact]
    public async Task AcquireAsync_CancelledWhileWaiting_GivesTheReservationBack()
    {
        var limiter = Limiter();
        Assert.True(await Admitted(limiter, 6000));
        using var cts = new CancellationTokenSource();
        var task = limiter.AcquireAsync(3000, TimeSpan.FromMinutes(1), cts.Token).AsTask();
        Assert.Equal(-3000, limiter.Snapshot().TokensAvailable);

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);
        Assert.Equal(0, limiter.Snapshot().TokensAvailable);
        Assert.Equal(59, limiter.Snapshot().RequestsAvailable);
    }

    [Fact]
    public async Task AcquireAsync_LargerThanTheBucket_WaitsForAFullBucket()
    {
        var limiter = Limiter();
        Assert.True(await Admitted(limiter, 3000));

        var lease = await limiter.AcquireAsync(10_000, TimeSpan.Zero, CancellationToken.None);

        Assert.False(lease.IsAcquired);
        Assert.Equal(TimeSpan.FromSeconds(30), lease.RetryAfter);
    }

    [Fact]
    public async Task Correct_UnderEstimate_TakesMoreAndDelaysLaterCalls()
    {
        var limiter = Limiter();
        Assert.True(await Admitted(limiter, 1000));

        limiter.Correct(5500 - 1000);

        Assert.Equal(500, limiter.Snapshot().TokensAvailable);
        Assert.False(await Admitted(limiter, 1000));
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.True(await Admitted(limiter, 1000));
    }

    [Fact]
    public async Task Correct_OverEstimate_GivesTokensBackUpToCapacity()
    {
        var limiter = Limiter();
        Assert.True(await Admitted(limiter, 4000));

        limiter.Correct(1200 - 4000);
        Assert.Equal(4800, limiter.Snapshot().TokensAvailable);
        limiter.Correct(-100_000);

        Assert.Equal(6000, limiter.Snapshot().TokensAvailable);
    }

    [Fact]
    public async Task Release_UnusedLease_ReturnsRequestAndTokens()
    {
        var limiter = Limiter();
        var lease = await limiter.AcquireAsync(2000, TimeSpan.Zero, CancellationToken.None);

        limiter.Release(lease);

        Assert.Equal(60, limiter.Snapshot().RequestsAvailable);
        Assert.Equal(6000, limiter.Snapshot().TokensAvailable);
    }

    [Fact]
    public void Learn_OpenAIHeaders_LowersCapacityAndFill()
    {
        var limiter = Limiter(rpm: 10_000, tpm: 2_000_000);
        var now = _time.GetUtcNow();

        // x-ratelimit-limit-requests: 500, -remaining-requests: 499, -reset-requests: 120ms;
        // x-ratelimit-limit-tokens: 30000, -remaining-tokens: 29000, -reset-tokens: 2s (relative, converted upstream).
        limiter.Learn(new RateLimitSnapshot
        {
            Requests = new RateLimitWindow(500, 499, now + TimeSpan.FromMilliseconds(120)),
            Tokens = new RateLimitWindow(30_000, 29_000, now + TimeSpan.FromSeconds(2)),
        }, now);

        var snapshot = limiter.Snapshot();
        Assert.Equal(500, snapshot.RequestsPerMinute);
        Assert.Equal(499, snapshot.RequestsAvailable);
        Assert.Equal(30_000, snapshot.TokensPerMinute);
        Assert.Equal(29_000, snapshot.TokensAvailable);
    }

    [Fact]
    public void Learn_AnthropicHeaders_UsesTokensWindowAndNeverExceedsConfigured()
    {
        var limiter = Limiter(rpm: 50, tpm: null);
        var now = _time.GetUtcNow();

        // anthropic-ratelimit-requests-limit: 1000 / remaining 999; tokens-limit 96000 (no remaining);
        // input-tokens 80000 / 80000; reset timestamps are absolute.
        limiter.Learn(new RateLimitSnapshot
        {
            Requests = new RateLimitWindow(1000, 999, DateTimeOffset.Parse("2025-08-21T12:40:59Z", System.Globalization.CultureInfo.InvariantCulture)),
            Tokens = new RateLimitWindow(96_000, null, null),
            InputTokens = new RateLimitWindow(80_000, 80_000, DateTimeOffset.Parse("2025-08-21T12:41:00Z", System.Globalization.CultureInfo.InvariantCulture)),
        }, now);

        var snapshot = limiter.Snapshot();
        Assert.Equal(50, snapshot.RequestsPerMinute);
        Assert.Equal(50, snapshot.RequestsAvailable);
        Assert.Equal(96_000, snapshot.TokensPerMinute);
        Assert.Equal(96_000, snapshot.TokensAvailable);
    }

    [Fact]
    public void Learn_OnlyResetTime_DerivesTheFill()
    {
        var limiter = Limiter(rpm: null, tpm: null);
        var now = _time.GetUtcNow();

        // Full again in 15 s at 40000 per minute: 10000 are missing now.
        limiter.Learn(new RateLimitSnapshot { Tokens = new RateLimitWindow(40_000, null, now + TimeSpan.FromSeconds(15)) }, now);

        Assert.Equal(30_000, limiter.Snapshot().TokensAvailable!.Value, 3);
    }

    [Fact]
    public void Learn_HigherRemaining_NeverRaisesTheFill()
    {
        var limiter = Limiter(rpm: 60, tpm: null);
        var now = _time.GetUtcNow();
        limiter.Learn(new RateLimitSnapshot { Requests = new RateLimitWindow(60, 10, null) }, now);

        limiter.Learn(new RateLimitSnapshot { Requests = new RateLimitWindow(60, 59, null) }, now);

        Assert.Equal(10, limiter.Snapshot().RequestsAvailable);
    }

    [Fact]
    public async Task Learn_RetryAfter_EmptiesBucketsUntilThen()
    {
        var limiter = Limiter(learn: false);
        limiter.Learn(new RateLimitSnapshot { RetryAfter = TimeSpan.FromSeconds(20) }, _time.GetUtcNow());

        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromSeconds(20), limiter.Snapshot().BlockedUntil);
        var refused = await limiter.AcquireAsync(0, TimeSpan.FromSeconds(19), CancellationToken.None);
        Assert.False(refused.IsAcquired);
        Assert.Equal(TimeSpan.FromSeconds(21), refused.RetryAfter);

        _time.Advance(TimeSpan.FromSeconds(21));
        Assert.True(await Admitted(limiter, 100));
        Assert.Null(limiter.Snapshot().BlockedUntil);
    }

    [Fact]
    public async Task AcquireAsync_ConcurrentCallers_NeverExceedCapacity()
    {
        var limiter = Limiter(rpm: 100, tpm: 10_000);
        var admitted = 0;
        var tokens = 0;

        await Task.WhenAll(Enumerable.Range(0, 16).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; i < 50; i++)
            {
                var lease = await limiter.AcquireAsync(30 + worker, TimeSpan.Zero, CancellationToken.None);
                if (lease.IsAcquired)
                {
                    Interlocked.Increment(ref admitted);
                    Interlocked.Add(ref tokens, lease.Tokens);
                }
            }
        })));

        Assert.InRange(admitted, 1, 100);
        Assert.InRange(tokens, 1, 10_000);
        Assert.True(admitted == 100 || tokens > 10_000 - 45, $"admitted {admitted}, tokens {tokens}: the buckets should be spent");
    }

    [Fact]
    public void Validate_BadValues_ReportsEveryErrorWithPath()
    {
        var errors = new ProviderRateLimitOptions { RequestsPerMinute = 0, TokensPerMinute = -5 }.Validate();

        Assert.Equal(2, errors.Count);
        Assert.All(errors, e => Assert.StartsWith("Resilience:RateLimits:", e, StringComparison.Ordinal));
        Assert.Empty(new ProviderRateLimitOptions().Validate());
    }
}
