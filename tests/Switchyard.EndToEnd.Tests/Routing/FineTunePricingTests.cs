using System.ClientModel;
using OpenAI;
using OpenAI.Chat;
using Switchyard.Costs;
using Switchyard.Model;

namespace Switchyard.EndToEnd.Tests.Routing;

/// <summary>
/// OpenAI fine-tunes (<c>ft:gpt-4o-mini:org::id</c>) route by convention and are billed: at their own price from
/// <c>Costs:PriceList</c> (a configuration key cannot hold their <c>:</c>), else at their base model's, never as free.
/// </summary>
public sealed class FineTunePricingTests(FineTunePricingTests.Harness harness) : IClassFixture<FineTunePricingTests.Harness>
{
    private const string Priced = "ft:gpt-4o-mini:acme:support:abc123";
    private const string Unpriced = "ft:gpt-4o-mini:acme::other9";

    public sealed class Harness : RoutingHarness
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
        [
            Setting("Switchyard:Costs:PriceList:0:Model", Priced),
            Setting("Switchyard:Costs:PriceList:0:Input", "300"),
            Setting("Switchyard:Costs:PriceList:0:Output", "1200"),
        ];
    }

    [Fact]
    public async Task OpenAISdk_FineTunes_BilledAtTheirListedPriceOrTheirBaseModels()
    {
        var client = new OpenAIClient(new ApiKeyCredential(RoutingHarness.Key), new OpenAIClientOptions { Endpoint = new Uri(harness.GatewayUrl, "/v1") });

        ChatCompletion priced = await client.GetChatClient(Priced).CompleteChatAsync([new UserChatMessage("Hi")], new ChatCompletionOptions { MaxOutputTokenCount = 20 }, TestContext.Current.CancellationToken);
        ChatCompletion unpriced = await client.GetChatClient(Unpriced).CompleteChatAsync([new UserChatMessage("Hi")], new ChatCompletionOptions { MaxOutputTokenCount = 20 }, TestContext.Current.CancellationToken);

        var spend = (await harness.SpendAsync("group_by=model")).EnumerateArray().ToDictionary(r => r.GetProperty("model").GetString()!, r => r.GetProperty("cost_usd").GetDecimal());
        Assert.Equal(Cost(new ModelPrice(300m, 300m, 300m, 1200m), priced.Usage), spend[Priced]);
        Assert.Equal(Cost(PriceBook.Default.Find("gpt-4o-mini")!, unpriced.Usage), spend[Unpriced]);
        Assert.True(spend[Unpriced] > 0);
    }

    private static decimal Cost(ModelPrice price, ChatTokenUsage usage) =>
        PriceBook.Cost(price, new TokenUsage(usage.InputTokenCount, usage.OutputTokenCount, usage.InputTokenDetails?.CachedTokenCount ?? 0));
}
