using System.Net;
using System.Text.Json;
using Switchyard.Hosting.Auth;
using Switchyard.Testing;

namespace Switchyard.EndToEnd.Tests.Observability;

/// <summary>
/// <c>/metrics</c> names every tenant and counts each one's spend, and tenants never see each other's: with the keys of two
/// tenants it takes an admin key (a tenant's key is a 403, none a 401), with the keys of one it is open to a plain scrape,
/// and <c>MetricsRequireKey</c> overrides either way.
/// </summary>
public sealed class MetricsAccessTests
{
    private const string GlobexKey = "sy-test-globex-metrics-5150";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public sealed class TwoTenants : GatewayHarness
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
        [
            new("Switchyard:Keys:1:Tenant", "globex"),
            new("Switchyard:Keys:1:Hash", KeyHash.Compute(GlobexKey)),
        ];
    }

    public sealed class OneTenantKeyRequired : GatewayHarness
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
            [new("Switchyard:Observability:MetricsRequireKey", "true")];
    }

    public sealed class TwoTenantsOpenedByTheOperator : GatewayHarness
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
        [
            new("Switchyard:Keys:1:Tenant", "globex"),
            new("Switchyard:Keys:1:Hash", KeyHash.Compute(GlobexKey)),
            new("Switchyard:Observability:MetricsRequireKey", "false"),
        ];
    }

    public sealed class WithTwoTenants(TwoTenants harness) : IClassFixture<TwoTenants>
    {
        [Fact]
        public async Task AnotherTenantsSpendIsThere_OnlyTheAdminKeyReadsIt()
        {
            using var served = await harness.PostAsync("/v1/chat/completions", Routing.RoutingHarness.ChatBody("gpt-4o-mini"), GlobexKey);
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);

            using var anonymous = await ScrapeAsync(harness, key: null);
            using var acme = await ScrapeAsync(harness, GatewayHarness.Key);
            using var globex = await ScrapeAsync(harness, GlobexKey);

            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, acme.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, globex.StatusCode);
            var error = JsonDocument.Parse(await globex.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("error");
            Assert.Equal("permission_denied", error.GetProperty("code").GetString());
            Assert.Contains("admin key", error.GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.DoesNotContain("switchyard_tenant", await globex.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

            // Metrics are exported in the background: the admin key sees globex's spend once it is recorded.
            var seen = false;
            for (var i = 0; i < 50 && !seen; i++)
            {
                await Task.Delay(i == 0 ? 0 : 100, Ct);
                seen = (await harness.ScrapeMetricsAsync(Ct)).Contains("switchyard_tenant=\"globex\"", StringComparison.Ordinal);
            }

            Assert.True(seen, "The admin scrape never showed globex's series.");
        }
    }

    public sealed class WithOneTenant(GatewayHarness harness) : IClassFixture<GatewayHarness>
    {
        [Fact]
        public async Task APlainScrapeIsServed()
        {
            using var anonymous = await ScrapeAsync(harness, key: null);

            Assert.Equal(HttpStatusCode.OK, anonymous.StatusCode);
            Assert.Contains("# TYPE", await anonymous.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
    }

    public sealed class WithOneTenantAndTheKeyRequired(OneTenantKeyRequired harness) : IClassFixture<OneTenantKeyRequired>
    {
        [Fact]
        public async Task TheTenantsOwnKeyReadsIt_NoKeyIs401()
        {
            using var anonymous = await ScrapeAsync(harness, key: null);
            using var acme = await ScrapeAsync(harness, GatewayHarness.Key);

            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.Equal(HttpStatusCode.OK, acme.StatusCode);
        }
    }

    public sealed class WithTwoTenantsOpenedByTheOperator(TwoTenantsOpenedByTheOperator harness) : IClassFixture<TwoTenantsOpenedByTheOperator>
    {
        [Fact]
        public async Task APlainScrapeIsServed()
        {
            using var anonymous = await ScrapeAsync(harness, key: null);

            Assert.Equal(HttpStatusCode.OK, anonymous.StatusCode);
        }
    }

    private static Task<HttpResponseMessage> ScrapeAsync(GatewayHarness harness, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(harness.GatewayUrl, "/metrics"));
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + key);
        }

        return harness.Http.SendAsync(request, Ct);
    }
}
