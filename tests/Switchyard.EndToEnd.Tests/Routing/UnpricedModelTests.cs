#pragma warning disable OPENAI001 // Files and Batch clients are marked experimental in the SDK.
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;
using Anthropic.Models.Messages.Batches;
using OpenAI;
using OpenAI.Chat;

namespace Switchyard.EndToEnd.Tests.Routing;

/// <summary>
/// <c>Costs:UnpricedModels</c> = <c>reject</c>: a model the price book does not know (newer than the book, a typo'd
/// override) is refused with 403 <c>model_not_priced</c> before any provider sees it, so no spend escapes the budgets;
/// priced models, fine-tunes of priced bases included, are served. Batches naming one are refused too.
/// </summary>
public sealed class UnpricedModelTests(UnpricedModelTests.Harness harness) : IClassFixture<UnpricedModelTests.Harness>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public sealed class Harness : Batches.BatchHarness
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
            [.. base.ExtraSettings(), new("Switchyard:Costs:UnpricedModels", "reject")];
    }

    [Fact]
    public async Task OpenAISdk_UnpricedModel_403ModelNotPricedWithoutCallingTheProvider_PricedServed()
    {
        var client = new OpenAIClient(new ApiKeyCredential(Batches.BatchHarness.Key), new OpenAIClientOptions { Endpoint = new Uri(harness.GatewayUrl, "/v1"), RetryPolicy = new ClientRetryPolicy(0) });
        var callsBefore = await harness.SimulatorRequestCountAsync();

        var refused = await Assert.ThrowsAsync<ClientResultException>(() => client.GetChatClient("gpt-9-preview").CompleteChatAsync([new UserChatMessage("Hi")], cancellationToken: Ct));

        Assert.Equal(403, refused.Status);
        var error = JsonDocument.Parse(refused.GetRawResponse()!.Content.ToString()).RootElement.GetProperty("error");
        Assert.Equal("model_not_priced", error.GetProperty("code").GetString());
        Assert.Contains("`gpt-9-preview` has no price", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(callsBefore, await harness.SimulatorRequestCountAsync());

        ChatCompletion served = await client.GetChatClient("ft:gpt-4o-mini:acme::abc").CompleteChatAsync([new UserChatMessage("Hi")], cancellationToken: Ct);
        Assert.NotEmpty(served.Content[0].Text);
    }

    [Fact]
    public async Task AnthropicSdk_UnpricedModelInAMessageOrABatch_403PermissionError()
    {
        var client = harness.Anthropic();

        var message = await Assert.ThrowsAsync<AnthropicForbiddenException>(() => client.Messages.Create(new MessageCreateParams
        {
            Model = "claude-nova-9",
            MaxTokens = 20,
            Messages = [new UserMessageParam("Hi")],
        }, Ct));
        var batch = await Assert.ThrowsAsync<AnthropicForbiddenException>(() => client.Messages.Batches.Create(new BatchCreateParams
        {
            Requests =
            [
                new Request { CustomID = "priced", Params = new Params { MaxTokens = 20, Messages = [new UserMessageParam("Hi")], Model = "claude-haiku-4-5" } },
                new Request { CustomID = "unpriced", Params = new Params { MaxTokens = 20, Messages = [new UserMessageParam("Hi")], Model = "claude-nova-9" } },
            ],
        }, Ct));

        Assert.Contains("`claude-nova-9` has no price", message.Message, StringComparison.Ordinal);
        Assert.Contains("`claude-nova-9`, which has no price", batch.Message, StringComparison.Ordinal);
        Assert.Empty((await client.Messages.Batches.List(new BatchListParams(), Ct)).Items);
    }
}
