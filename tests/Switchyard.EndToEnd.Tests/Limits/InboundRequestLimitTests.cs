using System.Net;
using System.Text.Json;
using Switchyard.Testing;

namespace Switchyard.EndToEnd.Tests.Limits;

/// <summary>A tenant over its requests-per-minute limit gets a standard 429 in its own format, with retry-after and rate-limit headers.</summary>
public sealed class InboundRequestLimitTests(InboundRequestLimitTests.Harness harness) : IClassFixture<InboundRequestLimitTests.Harness>
{
    private const string OpenAIBody = """{"model":"gpt-4o-mini","max_completion_tokens":16,"messages":[{"role":"user","content":"hi"}]}""";
    private const string AnthropicBody = """{"model":"claude-haiku-4-5","max_tokens":16,"messages":[{"role":"user","content":"hi"}]}""";

    [Fact]
    public async Task Post_OverTheTenantsRequestsPerMinute_Returns429WithRetryAfterAndLimitHeaders()
    {
        var statuses = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++)
        {
            var anthropic = i == 1;
            statuses.Add(await harness.PostAsync(anthropic ? "/v1/messages" : "/v1/chat/completions", anthropic ? AnthropicBody : OpenAIBody, anthropicHeaders: anthropic));
        }

        try
        {
            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, (HttpStatusCode)429], statuses.Select(r => r.StatusCode));
            Assert.Equal("3", statuses[0].Headers.GetValues("x-ratelimit-limit-requests").Single());
            Assert.Equal("2", statuses[0].Headers.GetValues("x-ratelimit-remaining-requests").Single());
            Assert.Equal("3", statuses[1].Headers.GetValues("anthropic-ratelimit-requests-limit").Single());
            Assert.Equal("1", statuses[1].Headers.GetValues("anthropic-ratelimit-requests-remaining").Single());

            var refused = statuses[3];
            Assert.True(int.Parse(refused.Headers.GetValues("retry-after").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
            Assert.Equal("true", refused.Headers.GetValues("x-should-retry").Single());
            using var error = JsonDocument.Parse(await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            Assert.Equal("rate_limit_exceeded", error.RootElement.GetProperty("error").GetProperty("code").GetString());
            Assert.Contains("requests per minute", error.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.Equal(3, await harness.SimulatorRequestCountAsync());
        }
        finally
        {
            statuses.ForEach(r => r.Dispose());
        }
    }

    public sealed class Harness : GatewayHarness
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
        [
            new("Switchyard:InboundLimits:Tenant:RequestsPerMinute", "3"),
        ];
    }
}
