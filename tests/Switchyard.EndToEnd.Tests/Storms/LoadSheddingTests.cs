using System.Diagnostics;
using System.Globalization;
using System.Net;
using Switchyard.EndToEnd.Tests.Routing;

namespace Switchyard.EndToEnd.Tests.Storms;

/// <summary>
/// When every target of a route is behind an open breaker, the gateway answers at once — 503 in the caller's format
/// with retry-after — instead of calling the provider or holding the connection.
/// </summary>
public sealed class LoadSheddingTests(LoadSheddingTests.Harness harness) : IClassFixture<LoadSheddingTests.Harness>
{
    [Fact]
    public async Task Post_EveryTargetsBreakerOpen_Sheds503AtOnceWithRetryAfterAndNoProviderCall()
    {
        // One 429 with retry-after 5 s opens the only target's breaker for at least 5 s.
        await harness.SetScenarioAsync("""{"rules":[{"provider":"openai","count":1,"fault":{"kind":"status","status":429,"retryAfterSeconds":5}}]}""");
        using (var first = await harness.PostChatAsync(RoutingHarness.ChatBody("solo")))
        {
            Assert.Equal((HttpStatusCode)429, first.StatusCode);
        }

        var callsBefore = RoutingHarness.Count(await harness.SimulatorStatsAsync(), "byProvider", "openai");
        var watch = Stopwatch.StartNew();
        using var shed = await harness.PostChatAsync(RoutingHarness.ChatBody("solo"));
        watch.Stop();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, shed.StatusCode);
        var retryAfter = int.Parse(shed.Headers.GetValues("retry-after").Single(), CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 5);
        Assert.Equal("true", shed.Headers.GetValues("x-should-retry").Single());
        var error = await RoutingHarness.ErrorOfAsync(shed);
        Assert.Contains("open", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(callsBefore, RoutingHarness.Count(await harness.SimulatorStatsAsync(), "byProvider", "openai"));
        Assert.True(watch.Elapsed < TimeSpan.FromMilliseconds(500), $"shedding took {watch.Elapsed.TotalMilliseconds:F0} ms");

        // The admin endpoint tells operators the same truth.
        using var admin = new HttpRequestMessage(HttpMethod.Get, new Uri(harness.GatewayUrl, "/admin/breakers"));
        admin.Headers.Add("Authorization", "Bearer " + RoutingHarness.Key);
        using var breakers = await harness.Http.SendAsync(admin, TestContext.Current.CancellationToken);
        using var body = System.Text.Json.JsonDocument.Parse(await breakers.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var breaker = Assert.Single(body.RootElement.GetProperty("breakers").EnumerateArray(), b => b.GetProperty("name").GetString()!.Contains(RoutingHarness.PrimaryModel, StringComparison.Ordinal));
        Assert.Equal("open", breaker.GetProperty("state").GetString());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, breaker.GetProperty("open_until").ValueKind);
    }

    public sealed class Harness : RoutingHarness
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
        [
            Setting("Switchyard:StormControl", "true"),
            .. Route("solo", PrimaryModel),
            // The single target must not retry its own 429 here: the point is what the next request sees.
            Setting("Switchyard:Routes:solo:MaxRetriesPerTarget", "0"),
        ];
    }
}
