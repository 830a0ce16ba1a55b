using System.Net;
using System.Text.Json;
using Switchyard.Testing;

namespace Switchyard.EndToEnd.Tests.Observability;

/// <summary><c>GET /readyz</c> on a healthy gateway, and on one with no provider configured; <c>GET /healthz</c> stays live.</summary>
public sealed class ReadinessTests(GatewayHarness harness) : IClassFixture<GatewayHarness>
{
    public sealed class NoProviderHarness : GatewayHarness
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
        [
            new("Switchyard:Providers:OpenAI:ApiKey", ""),
            new("Switchyard:Providers:Anthropic:ApiKey", ""),
        ];
    }

    [Fact]
    public async Task Readyz_HealthyGateway_Is200WithEveryCheckOk()
    {
        using var response = await harness.Http.GetAsync(new Uri(harness.GatewayUrl, "/readyz"), TestContext.Current.CancellationToken);
        var body = await BodyAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ready", body.GetProperty("status").GetString());
        Assert.Empty(body.GetProperty("not_ready").EnumerateArray());
        var checks = body.GetProperty("checks");
        Assert.Equal("ok", checks.GetProperty("ledger").GetString());
        Assert.Equal("ok", checks.GetProperty("delta_log").GetString());
        Assert.StartsWith("ok", checks.GetProperty("configuration").GetString(), StringComparison.Ordinal);
        Assert.Contains("anthropic", checks.GetProperty("providers").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readyz_NoProviderConfigured_Is503NamingProviders()
    {
        await using var noProvider = new NoProviderHarness();
        await noProvider.InitializeAsync();
        using var response = await noProvider.Http.GetAsync(new Uri(noProvider.GatewayUrl, "/readyz"), TestContext.Current.CancellationToken);
        var body = await BodyAsync(response);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("not_ready", body.GetProperty("status").GetString());
        Assert.Equal(["providers"], body.GetProperty("not_ready").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("none configured", body.GetProperty("checks").GetProperty("providers").GetString());

        // Liveness is not readiness: the process still answers.
        using var live = await noProvider.Http.GetAsync(new Uri(noProvider.GatewayUrl, "/healthz"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    private static async Task<JsonElement> BodyAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.Clone();
    }
}
