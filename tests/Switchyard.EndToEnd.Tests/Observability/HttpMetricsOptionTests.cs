using System.Net;
using Switchyard.Testing;

namespace Switchyard.EndToEnd.Tests.Observability;

/// <summary>
/// The generic ASP.NET Core and HttpClient series are opt-in (<c>Switchyard:Observability:HttpMetrics</c>): off, a
/// scrape after traffic has the GenAI series and none of them; on, it has both.
/// </summary>
public sealed class HttpMetricsOptionTests
{
    [Theory]
    [InlineData(null, false)]
    [InlineData("false", false)]
    [InlineData("true", true)]
    public async Task Scrape_AfterARequest_HasTheHttpSeriesOnlyWhenAskedFor(string? setting, bool expected)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = new Harness(setting);
        await harness.InitializeAsync();
        using (var response = await harness.PostAsync("/v1/chat/completions", """{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}]}"""))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var scrape = await harness.Http.GetStringAsync(new Uri(harness.GatewayUrl, "/metrics"), ct);

        Assert.Contains("gen_ai_client_operation_duration_seconds", scrape, StringComparison.Ordinal);
        Assert.Contains("dotnet_gc_heap_total_allocated_bytes", scrape, StringComparison.Ordinal);
        Assert.Equal(expected, scrape.Contains("http_server_request_duration_seconds", StringComparison.Ordinal));
        Assert.Equal(expected, scrape.Contains("http_client_request_duration_seconds", StringComparison.Ordinal));
    }

    private sealed class Harness(string? httpMetrics) : GatewayHarness
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
            httpMetrics is null ? [] : [new("Switchyard:Observability:HttpMetrics", httpMetrics)];
    }
}
