using Switchyard.Simulator.Runtime;

namespace Switchyard.Simulator.Tests;

public sealed class GoDurationTests
{
    [Theory]
    [InlineData(0, "0s")]
    [InlineData(12, "12ms")]
    [InlineData(1000, "1s")]
    [InlineData(18642, "18.642s")]
    [InlineData(360000, "6m0s")]
    [InlineData(3723000, "1h2m3s")]
    public void Format_Milliseconds_GoStyle(int milliseconds, string expected)
    {
        Assert.Equal(expected, GoDuration.Format(TimeSpan.FromMilliseconds(milliseconds)));
    }
}
