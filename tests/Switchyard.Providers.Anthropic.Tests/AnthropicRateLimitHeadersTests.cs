namespace Switchyard.Providers.Anthropic.Tests;

public sealed class AnthropicRateLimitHeadersTests
{
    private static System.Net.Http.Headers.HttpResponseHeaders Headers(params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage();
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response.Headers;
    }

    [Fact]
    public void Read_RecordedSample_AllFourWindows()
    {
        // The tidyllm recording (PROTOCOLS.md §4.6).
        var snapshot = AnthropicRateLimitHeaders.Read(Headers(
            ("anthropic-ratelimit-requests-limit", "1000"),
            ("anthropic-ratelimit-requests-remaining", "999"),
            ("anthropic-ratelimit-requests-reset", "2025-08-21T12:40:59Z"),
            ("anthropic-ratelimit-input-tokens-limit", "80000"),
            ("anthropic-ratelimit-input-tokens-remaining", "80000"),
            ("anthropic-ratelimit-input-tokens-reset", "2025-08-21T12:40:59Z"),
            ("anthropic-ratelimit-output-tokens-limit", "16000"),
            ("anthropic-ratelimit-output-tokens-remaining", "16000"),
            ("anthropic-ratelimit-output-tokens-reset", "2025-08-21T12:41:00Z"),
            ("anthropic-ratelimit-tokens-limit", "96000"),
            ("anthropic-ratelimit-tokens-remaining", "96000"),
            ("anthropic-ratelimit-tokens-reset", "2025-08-21T12:40:59Z")));

        var at = new DateTimeOffset(2025, 8, 21, 12, 40, 59, TimeSpan.Zero);
        Assert.Equal(new RateLimitWindow(1000, 999, at), snapshot.Requests);
        Assert.Equal(new RateLimitWindow(80000, 80000, at), snapshot.InputTokens);
        Assert.Equal(new RateLimitWindow(16000, 16000, at.AddSeconds(1)), snapshot.OutputTokens);
        Assert.Equal(new RateLimitWindow(96000, 96000, at), snapshot.Tokens);
        Assert.Null(snapshot.RetryAfter);
    }

    [Fact]
    public void Read_NoHeaders_AllWindowsNull()
    {
        var snapshot = AnthropicRateLimitHeaders.Read(Headers(("x-ratelimit-limit-requests", "5")));

        Assert.Equal(RateLimitSnapshot.Empty, snapshot);
    }

    [Fact]
    public void Read_Garbage_IgnoredFieldByField()
    {
        var snapshot = AnthropicRateLimitHeaders.Read(Headers(
            ("anthropic-ratelimit-requests-limit", "lots"),
            ("anthropic-ratelimit-requests-remaining", "-5"),
            ("anthropic-ratelimit-requests-reset", "tomorrow"),
            ("anthropic-ratelimit-tokens-limit", "1.5"),
            ("anthropic-ratelimit-tokens-remaining", " 42 "),
            ("anthropic-ratelimit-tokens-reset", "12s")));

        Assert.Null(snapshot.Requests);
        Assert.Equal(new RateLimitWindow(null, 42, null), snapshot.Tokens);
    }

    [Theory]
    [InlineData("2025-08-21T12:40:59Z", "2025-08-21T12:40:59+00:00")]
    [InlineData("2025-08-21T14:40:59+02:00", "2025-08-21T12:40:59+00:00")]
    [InlineData("2025-08-21T12:40:59.123456Z", "2025-08-21T12:40:59.123456+00:00")]
    public void ParseReset_Rfc3339_AbsoluteUtc(string value, string expected)
    {
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), AnthropicRateLimitHeaders.ParseReset(value));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1s")]
    [InlineData("Thu, 21 Aug 2025 12:40:59 GMT")]
    [InlineData("2025-13-45T99:99:99Z")]
    public void ParseReset_NotRfc3339_Null(string? value)
    {
        Assert.Null(AnthropicRateLimitHeaders.ParseReset(value));
    }
}
