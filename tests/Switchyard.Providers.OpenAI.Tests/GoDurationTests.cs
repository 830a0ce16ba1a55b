namespace Switchyard.Providers.OpenAI.Tests;

public sealed class GoDurationTests
{
    [Theory]
    [InlineData("1s", 1_000)]
    [InlineData("12ms", 12)]
    [InlineData("2ms", 2)]
    [InlineData("6m0s", 360_000)]
    [InlineData("1h2m3s", 3_723_000)]
    [InlineData("18.642s", 18_642)]
    [InlineData("0s", 0)]
    [InlineData("0", 0)]
    [InlineData(" 7s ", 7_000)]
    [InlineData("1.5h", 5_400_000)]
    public void Parse_GoDuration_ReturnsTheSpan(string text, long milliseconds)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), GoDuration.Parse(text));
    }

    [Theory]
    [InlineData("500us", 5_000)]
    [InlineData("500µs", 5_000)]
    [InlineData("500μs", 5_000)]
    [InlineData("1500ns", 15)]
    public void Parse_SubMillisecondUnits_ReturnsTicks(string text, long ticks)
    {
        Assert.Equal(TimeSpan.FromTicks(ticks), GoDuration.Parse(text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("5")]
    [InlineData("-1s")]
    [InlineData("1x")]
    [InlineData("s")]
    [InlineData("1..2s")]
    [InlineData("99999999999999999999999999999h")]
    [InlineData("9000h")]
    public void Parse_Garbage_ReturnsNull(string? text)
    {
        Assert.Null(GoDuration.Parse(text));
    }
}
