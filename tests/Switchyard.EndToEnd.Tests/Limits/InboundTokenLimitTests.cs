using System.Net;
using System.Text.Json;
using Switchyard.Testing;

namespace Switchyard.EndToEnd.Tests.Limits;

/// <summary>A key over its tokens-per-minute limit (prompt estimate + output limit) is refused in the Anthropic format.</summary>
public sealed class InboundTokenLimitTests(InboundTokenLimitTests.Harness harness) : IClassFixture<InboundTokenLimitTests.Harness>
{
    [Fact]
    public async Task Post_OverTheKeysTokensPerMinute_Returns429RateLimitErrorBeforeReachingAProvider()
    {
        const string body = """{"model":"claude-haiku-4-5","max_tokens":400,"messages":[{"role":"user","content":"Tell me a story."}]}""";

        using var first = await harness.PostAsync("/v1/messages", body, anthropicHeaders: true);
        using var second = await harness.PostAsync("/v1/messages", body, anthropicHeaders: true);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal((HttpStatusCode)429, second.StatusCode);
        using var error = JsonDocument.Parse(await second.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("rate_limit_error", error.RootElement.GetProperty("error").GetProperty("type").GetString());
        Assert.Contains("tokens per minute", error.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.True(second.Headers.Contains("retry-after"));
        Assert.Equal(1, await harness.SimulatorRequestCountAsync());
    }

    public sealed class Harness : GatewayHarness
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
        [
            new("Switchyard:Keys:0:Name", "acme-test"),
            new("Switchyard:InboundLimits:Key:TokensPerMinute", "600"),
        ];
    }
}
