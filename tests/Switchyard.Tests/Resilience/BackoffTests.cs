using Switchyard.Resilience;

namespace Switchyard.Tests.Resilience;

public sealed class BackoffTests
{
    private static readonly TimeSpan Plenty = TimeSpan.FromMinutes(10);

    [Theory]
    [InlineData(1, 100)]
    [InlineData(2, 200)]
    [InlineData(4, 800)]
    [InlineData(6, 3200)]
    [InlineData(7, 5000)]
    [InlineData(100, 5000)]
    public void NextDelay_ManySamples_StayWithinBoundWithMeanNearHalf(int retry, int boundMs)
    {
        var backoff = new Backoff(new BackoffOptions(), new Random(42));
        var bound = TimeSpan.FromMilliseconds(boundMs);
        const int samples = 20_000;
        double sum = 0;
        for (var i = 0; i < samples; i++)
        {
            var delay = backoff.NextDelay(retry, null, Plenty)!.Value;
            Assert.InRange(delay, TimeSpan.Zero, bound);
            sum += delay.TotalMilliseconds;
        }

        // Uniform on [0, bound): mean bound/2, standard error bound/√(12n) ≈ 0.2% of the bound here.
        Assert.InRange(sum / samples, boundMs * 0.48, boundMs * 0.52);
    }

    [Fact]
    public void Bound_LargeRetryNumber_IsTheCap()
    {
        var backoff = new Backoff(new BackoffOptions { Base = TimeSpan.FromSeconds(1), Cap = TimeSpan.FromSeconds(30) });

        Assert.Equal(TimeSpan.FromSeconds(30), backoff.Bound(int.MaxValue));
        Assert.Equal(TimeSpan.FromSeconds(16), backoff.Bound(5));
    }

    [Fact]
    public void NextDelay_RetryAfter_IsHonouredExactly()
    {
        var backoff = new Backoff(new BackoffOptions(), new Random(1));

        Assert.Equal(TimeSpan.FromSeconds(7), backoff.NextDelay(1, TimeSpan.FromSeconds(7), Plenty));
        Assert.Equal(TimeSpan.FromMilliseconds(20), backoff.NextDelay(9, TimeSpan.FromMilliseconds(20), Plenty));
    }

    [Fact]
    public void NextDelay_RetryAfterBeyondDeadline_ReturnsNull()
    {
        var backoff = new Backoff(new BackoffOptions(), new Random(1));

        Assert.Null(backoff.NextDelay(1, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(10)));
        Assert.Null(backoff.NextDelay(1, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void NextDelay_JitteredWaitBeyondDeadline_ReturnsNull()
    {
        var backoff = new Backoff(new BackoffOptions(), new Random(3));

        for (var i = 0; i < 1000; i++)
        {
            var delay = backoff.NextDelay(7, null, TimeSpan.FromSeconds(1));
            Assert.True(delay is null || delay < TimeSpan.FromSeconds(1));
        }

        Assert.Null(backoff.NextDelay(1, null, TimeSpan.Zero));
    }

    [Fact]
    public void NextDelay_NegativeRetryAfter_CountsAsZero()
    {
        var backoff = new Backoff(new BackoffOptions());

        Assert.Equal(TimeSpan.Zero, backoff.NextDelay(1, TimeSpan.FromSeconds(-3), Plenty));
    }

    [Fact]
    public void NextDelay_SameSeed_SameSequence()
    {
        var a = new Backoff(new BackoffOptions(), new Random(9));
        var b = new Backoff(new BackoffOptions(), new Random(9));

        for (var i = 1; i < 20; i++)
        {
            Assert.Equal(a.NextDelay(i, null, Plenty), b.NextDelay(i, null, Plenty));
        }
    }

    [Fact]
    public void NextDelay_RetryNumberZero_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Backoff(new BackoffOptions()).NextDelay(0, null, Plenty));
    }

    [Fact]
    public void Validate_BadValues_ReportsEveryErrorWithPath()
    {
        var errors = new BackoffOptions { Base = TimeSpan.Zero, Cap = TimeSpan.FromSeconds(-1) }.Validate();

        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("Resilience:Backoff:Base", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Resilience:Backoff:Cap", StringComparison.Ordinal));
        Assert.Empty(new BackoffOptions().Validate());
    }
}
