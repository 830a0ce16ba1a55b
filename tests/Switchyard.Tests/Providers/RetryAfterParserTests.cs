using System.Net.Http.Headers;
using Switchyard.Providers;

namespace Switchyard.Tests.Providers;

public sealed class RetryAfterParserTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 14, 12, 0, 0, TimeSpan.Zero);

    private static HttpResponseHeaders Headers(params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage();
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response.Headers;
    }

    [Fact]
    public void Parse_NoHeaders_ReturnsNull()
    {
        Assert.Null(RetryAfterParser.Parse(Headers(), Now));
    }

    [Fact]
    public void Parse_BothHeaders_PrefersRetryAfterMs()
    {
        var wait = RetryAfterParser.Parse(Headers(("retry-after-ms", "250"), ("retry-after", "20")), Now);

        Assert.Equal(TimeSpan.FromMilliseconds(250), wait);
    }

    [Fact]
    public void Parse_FractionalMilliseconds_KeepsTheFraction()
    {
        var wait = RetryAfterParser.Parse(Headers(("retry-after-ms", "1.5")), Now);

        Assert.Equal(TimeSpan.FromTicks(15_000), wait);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("-5")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("")]
    public void Parse_UnusableRetryAfterMs_FallsBackToRetryAfter(string ms)
    {
        var wait = RetryAfterParser.Parse(Headers(("retry-after-ms", ms), ("retry-after", "3")), Now);

        Assert.Equal(TimeSpan.FromSeconds(3), wait);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("-5")]
    [InlineData("NaN")]
    public void Parse_UnusableRetryAfterMsAlone_ReturnsNull(string ms)
    {
        Assert.Null(RetryAfterParser.Parse(Headers(("retry-after-ms", ms)), Now));
    }

    [Fact]
    public void Parse_RetryAfterHttpDate_ReturnsTheDifferenceFromNow()
    {
        var wait = RetryAfterParser.Parse(Headers(("retry-after", "Fri, 14 Mar 2025 12:00:30 GMT")), Now);

        Assert.Equal(TimeSpan.FromSeconds(30), wait);
    }

    [Fact]
    public void Parse_NullHeaders_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => RetryAfterParser.Parse(null!, Now));
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("20", 20_000)]
    [InlineData("1.5", 1_500)]
    [InlineData("0.25", 250)]
    [InlineData(" 7 ", 7_000)]
    [InlineData("1e1", 10_000)]
    public void ParseRetryAfter_Seconds_ReturnsThem(string value, int expectedMs)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), RetryAfterParser.ParseRetryAfter(value, Now));
    }

    [Fact]
    public void ParseRetryAfter_FutureDate_ReturnsTheDifference()
    {
        var wait = RetryAfterParser.ParseRetryAfter("Fri, 14 Mar 2025 12:02:05 GMT", Now);

        Assert.Equal(TimeSpan.FromSeconds(125), wait);
    }

    [Theory]
    [InlineData("Fri, 14 Mar 2025 11:59:00 GMT")]
    [InlineData("Fri, 14 Mar 2025 12:00:00 GMT")]
    [InlineData("Thu, 01 Jan 1970 00:00:00 GMT")]
    public void ParseRetryAfter_PastOrPresentDate_ReturnsZero(string value)
    {
        Assert.Equal(TimeSpan.Zero, RetryAfterParser.ParseRetryAfter(value, Now));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("soon")]
    [InlineData("-1")]
    [InlineData("-0.5")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("1,5")]
    [InlineData("14 Mar 2025 12:02:05")]
    [InlineData("Fri, 14 Mar 2025 12:02:05 PST")]
    public void ParseRetryAfter_Garbage_ReturnsNull(string? value)
    {
        Assert.Null(RetryAfterParser.ParseRetryAfter(value, Now));
    }

    [Theory]
    [InlineData("1e300")]
    [InlineData("1e15")]
    [InlineData("1.7976931348623157E+308")]
    public void ParseRetryAfter_SecondsBeyondTimeSpan_ReturnsNullInsteadOfThrowing(string value)
    {
        Assert.Null(RetryAfterParser.ParseRetryAfter(value, Now));
    }

    [Fact]
    public void Parse_MillisecondsBeyondTimeSpan_FallsBackInsteadOfThrowing()
    {
        var wait = RetryAfterParser.Parse(Headers(("retry-after-ms", "1e300"), ("retry-after", "4")), Now);

        Assert.Equal(TimeSpan.FromSeconds(4), wait);
    }

    [Fact]
    public void ParseRetryAfter_LargeButRepresentableSeconds_ReturnsThem()
    {
        Assert.Equal(TimeSpan.FromDays(365), RetryAfterParser.ParseRetryAfter("31536000", Now));
    }
}
