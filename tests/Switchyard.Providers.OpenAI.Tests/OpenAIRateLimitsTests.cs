using System.Text.Json;

namespace Switchyard.Providers.OpenAI.Tests;

public sealed class OpenAIRateLimitsTests
{
    private static readonly DateTimeOffset Now = new(2026, 2, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("openai/chat/dotnet-HelloWorldChat-ratelimit-headers.json", 30000, 29999, 150000000, 149999992, 2)]
    [InlineData("openai/chat/dotnet-StreamingStructuredRefusalWorks.json", 10000, 9999, 30000000, 29999969, 6)]
    [InlineData("openai/errors/dotnet-chat-StructuredOutputs-strict-without-schema-400.json", 10000, 9999, 30000000, 29999966, 6)]
    public void Read_RecordedHeaders_ReadsBothWindowsWithAbsoluteResets(
        string fixture, long requestLimit, long requestsLeft, long tokenLimit, long tokensLeft, int requestResetMs)
    {
        var headers = Headers(Fixtures.HttpEntries(fixture)[0]);

        var snapshot = OpenAIRateLimits.Read(headers, Now);

        Assert.Equal(new RateLimitWindow(requestLimit, requestsLeft, Now.AddMilliseconds(requestResetMs)), snapshot.Requests);
        Assert.Equal(new RateLimitWindow(tokenLimit, tokensLeft, Now), snapshot.Tokens);
        Assert.Null(snapshot.InputTokens);
    }

    [Fact]
    public void Read_AuthFailureRecordingWithoutHeaders_ReturnsEmptyWindows()
    {
        var snapshot = OpenAIRateLimits.Read(Headers(Fixtures.HttpEntries("openai/errors/dotnet-chat-AuthFailure-401.json")[0]), Now);

        Assert.Null(snapshot.Requests);
        Assert.Null(snapshot.Tokens);
    }

    [Fact]
    public void Read_GarbageValues_AreIgnoredOneByOne()
    {
        var headers = new Dictionary<string, string>
        {
            ["x-ratelimit-limit-requests"] = "lots",
            ["x-ratelimit-remaining-requests"] = "-5",
            ["x-ratelimit-reset-requests"] = "1m30s",
            ["x-ratelimit-limit-tokens"] = "1e9",
            ["x-ratelimit-remaining-tokens"] = "99999999999999999999999",
            ["x-ratelimit-reset-tokens"] = "tomorrow",
        };

        var snapshot = OpenAIRateLimits.Read(name => headers.GetValueOrDefault(name), Now);

        Assert.Equal(new RateLimitWindow(null, null, Now.AddSeconds(90)), snapshot.Requests);
        Assert.Null(snapshot.Tokens);
    }

    [Fact]
    public void Read_HttpResponseHeaders_ReadsThroughTheDialect()
    {
        using var response = new HttpResponseMessage();
        response.Headers.TryAddWithoutValidation("x-ratelimit-limit-tokens", "1000");
        response.Headers.TryAddWithoutValidation("x-ratelimit-reset-tokens", "18.642s");

        var snapshot = OpenAIDialect.Instance.ReadRateLimits(response.Headers, Now);

        Assert.Equal(new RateLimitWindow(1000, null, Now.AddMilliseconds(18642)), snapshot.Tokens);
        Assert.Null(snapshot.Requests);
    }

    /// <summary>The recorded response headers with lower-case names, as HTTP header lookup is case-insensitive.</summary>
    private static Func<string, string?> Headers(JsonElement entry)
    {
        var map = entry.GetProperty("ResponseHeaders").EnumerateObject()
            .Where(p => p.Value.ValueKind == JsonValueKind.String)
            .ToDictionary(p => p.Name.ToLowerInvariant(), p => p.Value.GetString());
        return name => map.GetValueOrDefault(name);
    }
}
