using Microsoft.Extensions.AI;
using Switchyard.Costs;

namespace Switchyard.Extensions.AI.Tests;

/// <summary>One client under concurrent calls, and callers that cancel: answers stay whole and separate, spend is settled.</summary>
public sealed class ConcurrencyAndCancellationTests(LibraryHarness harness) : IClassFixture<LibraryHarness>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ConcurrentCalls_OnOneClient_EachGetsItsOwnWholeAnswer()
    {
        await harness.SetScenarioAsync("""{"rules":[]}""");
        var client = harness.Engine.CreateChatClient(new SwitchyardChatClientOptions { DefaultModelId = "gpt-4o-mini", Tenant = "busy" });

        var calls = Enumerable.Range(0, 24).Select(async i =>
        {
            ChatMessage[] question = [new(ChatRole.User, $"Question number {i}, about rivers.")];
            if (i % 2 == 0)
            {
                return (i, (await client.GetResponseAsync(question, new ChatOptions { MaxOutputTokens = 40 }, Cancel)).Text);
            }

            var updates = new List<ChatResponseUpdate>();
            await foreach (var update in client.GetStreamingResponseAsync(question, new ChatOptions { MaxOutputTokens = 40 }, Cancel))
            {
                updates.Add(update);
            }

            return (i, updates.ToChatResponse().Text);
        });
        var answers = await Task.WhenAll(calls);

        var requests = await harness.ProviderRequestsAsync();
        Assert.Equal(24, requests.Count);
        foreach (var (i, text) in answers)
        {
            var sent = Assert.Single(requests, r => r.Body.Contains($"Question number {i},", StringComparison.Ordinal));
            Assert.Equal(LibraryHarness.Expected(sent).Text, text);
        }
    }

    [Fact]
    public async Task CancelledMidStream_ThrowsCancellation_AndWhatTheProviderStreamedIsStillBilled()
    {
        // A slow stream, so the cancellation lands while the provider is still generating.
        await harness.SetScenarioAsync("""{"rules":[{"stream":true,"fault":{"kind":"slow","tokensPerSecond":200}}]}""");
        var client = harness.Engine.CreateChatClient(new SwitchyardChatClientOptions { DefaultModelId = "gpt-4o-mini", Tenant = "impatient" });
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Cancel);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync("Tell me a long story.", new ChatOptions { MaxOutputTokens = 300 }, cancel.Token))
            {
                if (update.Text.Length > 0)
                {
                    await cancel.CancelAsync();
                }
            }
        });

        // The library waits for the engine's settlement before the cancellation reaches the caller.
        var spend = await harness.Engine.Ledger.QuerySpendAsync(new SpendQuery { Tenant = "impatient" }, Cancel);
        var row = Assert.Single(spend);
        Assert.Equal(1, row.Requests);
        Assert.True(row.CostUsd > 0m, "the streamed part was billed");
    }
}
