using System.Net;

namespace Switchyard.EndToEnd.Tests.Routing;

/// <summary>Weighted and lowest-latency routes pick their first target as configured and as measured.</summary>
public sealed class RoutingStrategyTests(RoutingStrategyTests.Harness harness) : IClassFixture<RoutingStrategyTests.Harness>
{
    public sealed class Harness : RoutingHarness
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
        [
            .. Route("weighted", PrimaryModel, SecondaryModel),
            Setting("Switchyard:Routes:weighted:Strategy", "weighted"),
            Setting("Switchyard:Routes:weighted:Targets:0:Weight", "1"),
            Setting("Switchyard:Routes:weighted:Targets:1:Weight", "0"),
            // Models of their own, so the latency averages start empty whatever ran before.
            .. Route("fastest", "gpt-4.1-mini", "claude-sonnet-4-5"),
            Setting("Switchyard:Routes:fastest:Strategy", "lowest-latency"),
        ];
    }

    [Fact]
    public async Task Post_WeightsOneToZero_SendsEverythingToTheFirst()
    {
        var providers = new List<string?>();
        for (var i = 0; i < 20; i++)
        {
            using var response = await harness.PostChatAsync(RoutingHarness.ChatBody("weighted", text: $"Question {i}."));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            providers.Add(RoutingHarness.Header(response, "x-switchyard-provider"));
        }

        Assert.All(providers, p => Assert.Equal("openai", p));
    }

    [Fact]
    public async Task Post_LowestLatencyWithASlowFirstTarget_ShiftsTrafficToTheFasterTarget()
    {
        await harness.SetScenarioAsync("""{"rules":[{"model":"gpt-4.1-mini","fault":{"kind":"stall","afterEvents":0,"seconds":0.3}}]}""");
        var models = new List<string?>();
        for (var i = 0; i < 10; i++)
        {
            using var response = await harness.PostChatAsync(RoutingHarness.ChatBody("fastest", text: $"Question {i}."));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            models.Add(RoutingHarness.Header(response, "x-switchyard-model"));
        }

        // Each target is tried while unmeasured; from then on the faster one leads.
        Assert.Equal("gpt-4.1-mini", models[0]);
        Assert.All(models.Skip(2), m => Assert.Equal("claude-sonnet-4-5", m));
    }
}
