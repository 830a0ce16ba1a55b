using Switchyard.Simulator.Generation;

namespace Switchyard.Simulator.Tests;

public sealed class BoundedMemoTests
{
    [Fact]
    public void Get_RepeatedKey_ComputesOnceAndReturnsTheSameValue()
    {
        var memo = new BoundedMemo<string, string>(8, StringComparer.Ordinal);
        var computed = 0;
        string Compute(string key)
        {
            computed++;
            return key.ToUpperInvariant();
        }

        Assert.Equal("HELLO", memo.Get("hello", Compute));
        Assert.Equal("HELLO", memo.Get(new string("hello".AsSpan()), Compute));
        Assert.Equal(1, computed);
    }

    [Fact]
    public void Get_BeyondCapacity_StartsOverAndStillAnswersCorrectly()
    {
        var memo = new BoundedMemo<int, int>(4);
        var computed = 0;
        int Square(int key)
        {
            computed++;
            return key * key;
        }

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(i * i, memo.Get(i, Square));
        }

        // Emptied when full: the first keys are computed again, and the answers do not change.
        Assert.Equal(0, memo.Get(0, Square));
        Assert.Equal(11, computed);
    }
}
