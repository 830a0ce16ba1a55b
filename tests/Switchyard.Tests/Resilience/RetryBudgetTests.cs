using Microsoft.Extensions.Time.Testing;
using Switchyard.Resilience;

namespace Switchyard.Tests.Resilience;

public sealed class RetryBudgetTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 14, 12, 0, 0, TimeSpan.Zero));

    private RetryBudget Budget(int floor = 0, double ratio = 0.1) =>
        new("openai/default/gpt-4o", new RetryBudgetOptions { Ratio = ratio, MinRetriesPerSecond = floor }, _time);

    private static int WithdrawAll(RetryBudget budget)
    {
        var n = 0;
        while (budget.TryWithdrawRetry())
        {
            n++;
        }

        return n;
    }

    [Fact]
    public void TryWithdrawRetry_HundredRequestsNoFloor_AllowsTenThenRefuses()
    {
        var budget = Budget();
        for (var i = 0; i < 100; i++)
        {
            budget.RecordRequest();
        }

        Assert.Equal(10, WithdrawAll(budget));
        Assert.False(budget.TryWithdrawRetry());
        Assert.Equal(new RetryBudgetSnapshot(100, 10, 0), budget.Snapshot());
    }

    [Fact]
    public void TryWithdrawRetry_HundredRequestsWithFloor_AllowsTenPlusFloorTimesTtl()
    {
        var budget = Budget(floor: 5);
        for (var i = 0; i < 100; i++)
        {
            budget.RecordRequest();
        }

        Assert.Equal(10 + (5 * 10), WithdrawAll(budget));
    }

    [Fact]
    public void TryWithdrawRetry_NoTrafficNoFloor_Refuses()
    {
        Assert.False(Budget().TryWithdrawRetry());
    }

    [Fact]
    public void TryWithdrawRetry_DepositsOlderThanTtl_HaveExpired()
    {
        var budget = Budget();
        for (var i = 0; i < 100; i++)
        {
            budget.RecordRequest();
        }

        _time.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(100, budget.Snapshot().Requests);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(0, budget.Snapshot().Requests);
        Assert.False(budget.TryWithdrawRetry());
    }

    [Fact]
    public void TryWithdrawRetry_WithdrawalsOlderThanTtl_NoLongerCount()
    {
        var budget = Budget();
        for (var i = 0; i < 100; i++)
        {
            budget.RecordRequest();
        }

        Assert.Equal(10, WithdrawAll(budget));
        _time.Advance(TimeSpan.FromSeconds(5));
        for (var i = 0; i < 100; i++)
        {
            budget.RecordRequest();
        }

        // 200 requests in the window deposit 20; the 10 made 5 s ago still count.
        Assert.Equal(10, WithdrawAll(budget));
        _time.Advance(TimeSpan.FromSeconds(5));

        // The first 100 requests and first 10 retries have aged out together.
        Assert.Equal(0, WithdrawAll(budget));
    }

    [Fact]
    public void TryWithdrawRetry_FloorSpentSecondBySecond_ComesBackAtFloorPerSecond()
    {
        var budget = Budget(floor: 5);
        for (var second = 0; second < 10; second++)
        {
            Assert.Equal(second == 0 ? 50 : 0, WithdrawAll(budget));
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        // The 50 withdrawn in the first second have aged out: the whole floor is back.
        Assert.Equal(50, WithdrawAll(budget));

        var steady = Budget(floor: 5);
        for (var second = 0; second < 10; second++)
        {
            for (var i = 0; i < 5; i++)
            {
                Assert.True(steady.TryWithdrawRetry());
            }

            _time.Advance(TimeSpan.FromSeconds(1));
        }

        // At 5 retries a second the floor is spent exactly; each second frees the 5 made ten seconds earlier.
        Assert.Equal(5, WithdrawAll(steady));
        Assert.Equal(0, WithdrawAll(steady));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(5, WithdrawAll(steady));
    }

    [Fact]
    public async Task TryWithdrawRetry_Concurrent_NeverExceedsBudget()
    {
        var budget = Budget(floor: 1);
        for (var i = 0; i < 1000; i++)
        {
            budget.RecordRequest();
        }

        var granted = 0;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 100; i++)
            {
                if (budget.TryWithdrawRetry())
                {
                    Interlocked.Increment(ref granted);
                }
            }
        })));

        Assert.Equal(100 + 10, granted);
    }

    [Fact]
    public void Validate_BadValues_ReportsEveryErrorWithPath()
    {
        var errors = new RetryBudgetOptions { Ratio = -1, MinRetriesPerSecond = -1, Ttl = TimeSpan.FromMilliseconds(1500) }.Validate();

        Assert.Equal(3, errors.Count);
        Assert.All(errors, e => Assert.StartsWith("Resilience:RetryBudget:", e, StringComparison.Ordinal));
        Assert.Empty(new RetryBudgetOptions().Validate());
    }
}
