using Microsoft.Extensions.Time.Testing;
using Switchyard.Failures;
using Switchyard.Resilience;

namespace Switchyard.Tests.Resilience;

public sealed class CircuitBreakerTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 14, 12, 0, 0, TimeSpan.Zero));

    private CircuitBreaker Breaker(CircuitBreakerOptions? options = null) => new("openai/default/gpt-4o|gpt-4o", options ?? new CircuitBreakerOptions(), _time);

    private static Failure Fail(FailureKind kind, TimeSpan? retryAfter = null) => new(kind, "test") { RetryAfter = retryAfter };

    private static void Call(CircuitBreaker breaker, Failure? outcome)
    {
        Assert.True(breaker.TryAcquire(out var permit));
        breaker.Report(permit, outcome);
    }

    private CircuitBreaker Opened(CircuitBreakerOptions? options = null)
    {
        var breaker = Breaker(options);
        for (var i = 0; i < 10; i++)
        {
            Call(breaker, Fail(FailureKind.ServerError));
        }

        Assert.Equal(BreakerState.Open, breaker.State);
        return breaker;
    }

    [Fact]
    public void Report_RatioReachedAtMinimumThroughput_Opens()
    {
        var breaker = Breaker();
        for (var i = 0; i < 5; i++)
        {
            Call(breaker, null);
        }

        for (var i = 0; i < 4; i++)
        {
            Call(breaker, Fail(FailureKind.Overloaded));
        }

        Assert.Equal(BreakerState.Closed, breaker.State);
        Call(breaker, Fail(FailureKind.ServerError));

        Assert.Equal(BreakerState.Open, breaker.State);
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromSeconds(5), breaker.OpenUntil);
        Assert.False(breaker.TryAcquire(out _));
    }

    [Fact]
    public void Report_ProviderRejectsTheGatewaysKeyAtMinimumThroughput_Opens()
    {
        // A revoked provider key fails every call the same way: skip the target instead of asking it each time.
        var breaker = Breaker();
        for (var i = 0; i < 10; i++)
        {
            Call(breaker, Fail(FailureKind.ProviderAccessDenied));
        }

        Assert.Equal(BreakerState.Open, breaker.State);
    }

    [Fact]
    public void Report_AllFailingBelowMinimumThroughput_StaysClosed()
    {
        var breaker = Breaker();
        for (var i = 0; i < 9; i++)
        {
            Call(breaker, Fail(FailureKind.ServerError));
        }

        Assert.Equal(BreakerState.Closed, breaker.State);
        Assert.Equal(9, breaker.Snapshot().Failures);
    }

    [Fact]
    public void Report_FailuresOlderThanSamplingWindow_DoNotCount()
    {
        var breaker = Breaker();
        for (var i = 0; i < 9; i++)
        {
            Call(breaker, Fail(FailureKind.ServerError));
        }

        _time.Advance(TimeSpan.FromSeconds(11));
        Call(breaker, Fail(FailureKind.ServerError));

        Assert.Equal(BreakerState.Closed, breaker.State);
        Assert.Equal(1, breaker.Snapshot().Calls);
    }

    [Fact]
    public void Report_ConsecutiveConnectFailures_OpenBelowMinimumThroughput()
    {
        var breaker = Breaker();
        for (var i = 0; i < 4; i++)
        {
            Call(breaker, Fail(FailureKind.ConnectFailed));
        }

        Call(breaker, null);
        for (var i = 0; i < 4; i++)
        {
            Call(breaker, Fail(FailureKind.ConnectFailed));
        }

        Assert.Equal(BreakerState.Closed, breaker.State);
        Call(breaker, Fail(FailureKind.ConnectFailed));

        Assert.Equal(BreakerState.Open, breaker.State);
        Assert.Contains("connect failures in a row", breaker.Snapshot().LastReason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FailureKind.InvalidRequest)]
    [InlineData(FailureKind.ContentFiltered)]
    [InlineData(FailureKind.ContextTooLong)]
    [InlineData(FailureKind.Unauthenticated)]
    [InlineData(FailureKind.QuotaExhausted)]
    [InlineData(FailureKind.Cancelled)]
    [InlineData(FailureKind.DeadlineExceeded)]
    public void Report_NonHealthFailures_NeverOpen(FailureKind kind)
    {
        var breaker = Breaker();
        for (var i = 0; i < 50; i++)
        {
            Call(breaker, Fail(kind));
        }

        Assert.Equal(BreakerState.Closed, breaker.State);
        Assert.Equal(0, breaker.Snapshot().Failures);
    }

    [Fact]
    public void Report_ClientErrorsAmongFailures_CountAsHealthyCalls()
    {
        var breaker = Breaker();
        for (var i = 0; i < 6; i++)
        {
            Call(breaker, Fail(FailureKind.InvalidRequest));
        }

        for (var i = 0; i < 5; i++)
        {
            Call(breaker, Fail(FailureKind.ServerError));
        }

        // 5 of 11 is below one half.
        Assert.Equal(BreakerState.Closed, breaker.State);
    }

    [Fact]
    public void State_AfterBreakDuration_IsHalfOpen()
    {
        var breaker = Opened();

        _time.Advance(TimeSpan.FromSeconds(4.9));
        Assert.Equal(BreakerState.Open, breaker.State);
        _time.Advance(TimeSpan.FromSeconds(0.1));

        Assert.Equal(BreakerState.HalfOpen, breaker.State);
        Assert.Null(breaker.OpenUntil);
    }

    [Fact]
    public void TryAcquire_HalfOpen_AllowsOnlyTheProbeLimit()
    {
        var breaker = Opened(new CircuitBreakerOptions { HalfOpenProbes = 2 });
        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.True(breaker.TryAcquire(out var first));
        Assert.True(breaker.TryAcquire(out var second));
        Assert.False(breaker.TryAcquire(out _));
        Assert.True(first.IsProbe && second.IsProbe);
        Assert.Equal(2, breaker.Snapshot().ProbesInFlight);
    }

    [Fact]
    public void Report_ProbeSucceeds_Closes()
    {
        var breaker = Opened();
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.True(breaker.TryAcquire(out var probe));

        breaker.Report(probe, null);

        Assert.Equal(BreakerState.Closed, breaker.State);
        Assert.True(breaker.TryAcquire(out var normal));
        Assert.False(normal.IsProbe);
    }

    [Fact]
    public void Report_ProbeFails_ReopensWithLongerBreak()
    {
        var breaker = Opened();
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.True(breaker.TryAcquire(out var probe));

        breaker.Report(probe, Fail(FailureKind.Overloaded));

        Assert.Equal(BreakerState.Open, breaker.State);
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromSeconds(10), breaker.OpenUntil);
        Assert.Equal(2, breaker.Snapshot().TimesOpened);
    }

    [Fact]
    public void Report_NeutralProbe_FreesTheSlotWithoutDeciding()
    {
        var breaker = Opened();
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.True(breaker.TryAcquire(out var probe));
        Assert.False(breaker.TryAcquire(out _));

        breaker.Report(probe, Fail(FailureKind.Cancelled));

        Assert.Equal(BreakerState.HalfOpen, breaker.State);
        Assert.True(breaker.TryAcquire(out _));
    }

    [Fact]
    public void TryAcquire_ProbeNeverReported_AnotherProbeAfterProbeTimeout()
    {
        var breaker = Opened();
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.True(breaker.TryAcquire(out var lost));
        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(breaker.TryAcquire(out _));
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(breaker.TryAcquire(out var fresh));
        // The lost probe's late success no longer decides anything.
        breaker.Report(lost, null);
        Assert.Equal(BreakerState.HalfOpen, breaker.State);
        breaker.Report(fresh, null);
        Assert.Equal(BreakerState.Closed, breaker.State);
    }

    [Fact]
    public void Report_RetryAfterWhileClosed_HoldsOpenUntilThen()
    {
        var breaker = Breaker();

        Call(breaker, Fail(FailureKind.RateLimited, TimeSpan.FromSeconds(30)));

        Assert.Equal(BreakerState.Open, breaker.State);
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromSeconds(30), breaker.OpenUntil);
        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(breaker.TryAcquire(out _));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(BreakerState.HalfOpen, breaker.State);
    }

    [Fact]
    public void Report_RetryAfterLongerThanBreak_ExtendsTheBreak()
    {
        var breaker = Breaker();
        Assert.True(breaker.TryAcquire(out var inFlight));
        for (var i = 0; i < 10; i++)
        {
            Call(breaker, Fail(FailureKind.ServerError));
        }

        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromSeconds(5), breaker.OpenUntil);

        // An attempt that started while closed reports after the breaker opened: its retry-after still counts.
        breaker.Report(inFlight, Fail(FailureKind.Overloaded, TimeSpan.FromSeconds(60)));

        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromSeconds(60), breaker.OpenUntil);
    }

    [Fact]
    public void Report_ShorterRetryAfter_DoesNotShortenTheHold()
    {
        var breaker = Breaker();
        Assert.True(breaker.TryAcquire(out var a));
        Assert.True(breaker.TryAcquire(out var b));
        breaker.Report(a, Fail(FailureKind.RateLimited, TimeSpan.FromSeconds(60)));
        var until = breaker.OpenUntil;

        _time.Advance(TimeSpan.FromSeconds(10));
        breaker.Report(b, Fail(FailureKind.RateLimited, TimeSpan.FromSeconds(5)));

        Assert.Equal(until, breaker.OpenUntil);
    }

    [Fact]
    public void Report_ProbeFailsWithRetryAfter_LatestDeadlineWins()
    {
        var breaker = Opened();
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.True(breaker.TryAcquire(out var probe));

        breaker.Report(probe, Fail(FailureKind.RateLimited, TimeSpan.FromSeconds(45)));

        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromSeconds(45), breaker.OpenUntil);
    }

    [Fact]
    public void Report_RetryAfterOnClientError_IsIgnored()
    {
        var breaker = Breaker();

        Call(breaker, Fail(FailureKind.QuotaExhausted, TimeSpan.FromSeconds(30)));

        Assert.Equal(BreakerState.Closed, breaker.State);
    }

    [Fact]
    public void Transitioned_FullCycle_RaisedOncePerChangeInOrder()
    {
        var breaker = Breaker();
        var seen = new List<(BreakerState From, BreakerState To)>();
        breaker.Transitioned += (_, t) => seen.Add((t.From, t.To));
        for (var i = 0; i < 10; i++)
        {
            Call(breaker, Fail(FailureKind.ServerError));
        }

        _time.Advance(TimeSpan.FromSeconds(5));
        Call(breaker, null);

        Assert.Equal([(BreakerState.Closed, BreakerState.Open), (BreakerState.Open, BreakerState.HalfOpen), (BreakerState.HalfOpen, BreakerState.Closed)], seen);
    }

    [Fact]
    public async Task TryAcquire_ConcurrentWhileHalfOpen_GrantsExactlyTheProbeLimit()
    {
        var breaker = Opened(new CircuitBreakerOptions { HalfOpenProbes = 3 });
        _time.Advance(TimeSpan.FromSeconds(5));
        var granted = 0;

        await Task.WhenAll(Enumerable.Range(0, 16).Select(worker => Task.Run(() =>
        {
            for (var i = 0; i < 100; i++)
            {
                if (breaker.TryAcquire(out _))
                {
                    Interlocked.Increment(ref granted);
                }
            }
        })));

        Assert.Equal(3, granted);
    }

    [Fact]
    public void Validate_BadValues_ReportsEveryErrorWithPath()
    {
        var errors = new CircuitBreakerOptions
        {
            FailureRatio = 0,
            MinimumThroughput = 0,
            SamplingDuration = TimeSpan.Zero,
            ConsecutiveConnectFailures = -1,
            BreakDuration = TimeSpan.FromSeconds(10),
            MaxBreakDuration = TimeSpan.FromSeconds(5),
            HalfOpenProbes = 0,
            ProbeTimeout = TimeSpan.Zero,
        }.Validate();

        Assert.Equal(7, errors.Count);
        Assert.All(errors, e => Assert.StartsWith("Resilience:CircuitBreaker:", e, StringComparison.Ordinal));
        Assert.Empty(new CircuitBreakerOptions().Validate());
    }
}
