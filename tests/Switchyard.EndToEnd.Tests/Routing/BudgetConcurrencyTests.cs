using System.Net;
using Switchyard.AspNetCore.Auth;
using Switchyard.Hosting.Auth;

namespace Switchyard.EndToEnd.Tests.Routing;

/// <summary>
/// A hard tenant budget under concurrency: every request reserves its worst case before it is sent, so the total spend
/// never passes the cap, refusals are 429 <c>budget_exceeded</c> that SDKs must not retry, and a request is refused only
/// when the budget minus what is spent and reserved cannot hold its worst case.
/// </summary>
public sealed class BudgetConcurrencyTests(BudgetConcurrencyTests.Harness harness) : IClassFixture<BudgetConcurrencyTests.Harness>
{
    /// <summary>Tenant <c>globex</c>'s key (tenant <c>acme</c> uses <see cref="Testing.GatewayHarness.Key"/>).</summary>
    public const string GlobexKey = "sy-test-globex-0123456789";

    public sealed class Harness : RoutingHarness
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
        [
            Setting("Switchyard:Keys:1:Tenant", "globex"),
            Setting("Switchyard:Keys:1:Hash", KeyHash.Compute(GlobexKey)),
            // acme on gpt-4o-mini: output only, $0.001 a token; 20 tokens cost $0.02 whether estimated or real
            // (the simulator's answers are 100+ tokens, so max_tokens 20 always cuts at exactly 20).
            Setting("Switchyard:Costs:Prices:gpt-4o-mini:Input", "0"),
            Setting("Switchyard:Costs:Prices:gpt-4o-mini:Output", "1000"),
            Setting("Switchyard:Costs:Budgets:0:Name", "acme-cap"),
            Setting("Switchyard:Costs:Budgets:0:Scope", "tenant"),
            Setting("Switchyard:Costs:Budgets:0:Subject", "acme"),
            Setting("Switchyard:Costs:Budgets:0:LimitUsd", "1.00"),
            // globex on gpt-4.1-nano: $10 per million output tokens; max_tokens 2000 reserves $0.02, answers of 100-300
            // tokens cost $0.001-0.003.
            Setting("Switchyard:Costs:Prices:gpt-4.1-nano:Input", "0"),
            Setting("Switchyard:Costs:Prices:gpt-4.1-nano:Output", "10"),
            Setting("Switchyard:Costs:Budgets:1:Name", "globex-cap"),
            Setting("Switchyard:Costs:Budgets:1:Scope", "tenant"),
            Setting("Switchyard:Costs:Budgets:1:Subject", "globex"),
            Setting("Switchyard:Costs:Budgets:1:LimitUsd", "0.20"),
        ];
    }

    [Fact]
    public async Task Post_200ConcurrentRequestsCostingTheirWorstCase_AdmitsExactlyWhatFitsAndNeverOverspends()
    {
        const decimal cap = 1.00m, worstCase = 0.02m;
        // The other test of this class shares the simulator and may have run first.
        var callsBefore = await harness.SimulatorRequestCountAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(async _ =>
        {
            using var response = await harness.PostAsync("/v1/chat/completions", RoutingHarness.ChatBody("gpt-4o-mini", maxTokens: 20));
            var body = await response.Content.ReadAsStringAsync();
            return (response.StatusCode, ShouldRetry: RoutingHarness.Header(response, "x-should-retry"), Body: body);
        }));

        var succeeded = responses.Count(r => r.StatusCode == HttpStatusCode.OK);
        var refused = responses.Where(r => r.StatusCode != HttpStatusCode.OK).ToList();
        Assert.All(refused, r =>
        {
            Assert.Equal((HttpStatusCode)429, r.StatusCode);
            Assert.Equal("false", r.ShouldRetry);
            Assert.Contains("\"budget_exceeded\"", r.Body, StringComparison.Ordinal);
        });
        // A buffered answer (Content-Length) is complete at the client before its request settles: wait for the last rows.
        var spent = await harness.TotalSpendAsync();
        for (var i = 0; i < 50 && spent < succeeded * worstCase; i++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
            spent = await harness.TotalSpendAsync();
        }

        Assert.True(spent <= cap, $"spent {spent} over the cap {cap}");
        // Each success costs exactly its reservation, so the budget holds exactly cap / worstCase of them: a refusal
        // while a slot was free would show as fewer.
        Assert.Equal((int)(cap / worstCase), succeeded);
        Assert.Equal(succeeded * worstCase, spent);
        Assert.Equal(succeeded, await harness.SimulatorRequestCountAsync() - callsBefore);
    }

    [Fact]
    public async Task Post_WavesOfRequestsCostingFarBelowTheirWorstCase_AdmitsUntilTheWorstCaseNoLongerFits()
    {
        const decimal cap = 0.20m, worstCase = 0.02m;
        var succeeded = 0;
        var refusedAtSpend = -1m;

        // Waves of 10 while they are all admitted, then one at a time until the first refusal.
        for (var wave = 0; wave < 100 && refusedAtSpend < 0; wave++)
        {
            var size = await harness.TotalSpendAsync(GlobexKey) + (10 * worstCase) <= cap ? 10 : 1;
            var statuses = await Task.WhenAll(Enumerable.Range(0, size).Select(async _ =>
            {
                using var response = await harness.PostAsync("/v1/chat/completions", RoutingHarness.ChatBody("gpt-4.1-nano", maxTokens: 2000), GlobexKey);
                return response.StatusCode;
            }));
            succeeded += statuses.Count(s => s == HttpStatusCode.OK);
            if (statuses.Any(s => s != HttpStatusCode.OK))
            {
                Assert.All(statuses, s => Assert.True(s is HttpStatusCode.OK or (HttpStatusCode)429));
                refusedAtSpend = await harness.TotalSpendAsync(GlobexKey);
            }
        }

        Assert.True(refusedAtSpend >= 0, "the budget never refused");
        Assert.True(refusedAtSpend <= cap, $"spent {refusedAtSpend} over the cap {cap}");
        // Refused only once the worst case no longer fit next to what was spent (nothing else was in flight).
        Assert.True(refusedAtSpend > cap - worstCase, $"refused with {cap - refusedAtSpend} left, room for a ${worstCase} worst case");
        Assert.True(succeeded > 3 * (int)(cap / worstCase), $"{succeeded} requests served; settling to real cost should admit far more than {(int)(cap / worstCase)}");
    }
}
