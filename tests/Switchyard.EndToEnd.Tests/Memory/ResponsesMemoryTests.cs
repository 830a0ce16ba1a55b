#pragma warning disable OPENAI001 // The Responses client of the official SDK is experimental.
using System.ClientModel;
using System.ClientModel.Primitives;
using OpenAI.Responses;

namespace Switchyard.EndToEnd.Tests.Memory;

/// <summary>
/// With memory on, a <c>previous_response_id</c> chain is a memory session (named by its first response): a long chain
/// across both providers sends a bounded context that still recalls the planted fact.
/// </summary>
public sealed class ResponsesMemoryTests(MemoryHarness harness) : IClassFixture<MemoryHarness>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task LongChainAcrossProviders_ContextStaysBoundedAndRecallsThePlantedFact()
    {
        await harness.ResetSimulatorAsync();
        var client = new ResponsesClient(new ApiKeyCredential(MemoryHarness.Key), new ResponsesClientOptions
        {
            Endpoint = new Uri(harness.GatewayUrl, "/v1"),
            RetryPolicy = new ClientRetryPolicy(0),
        });
        string? previous = null;
        var turns = new List<string> { MemoryTalk.Fact };
        turns.AddRange(Enumerable.Range(0, 12).Select(i => $"Tell me something about the mountains of region {i}."));
        turns.Add(MemoryTalk.Question);

        for (var i = 0; i < turns.Count; i++)
        {
            var options = new CreateResponseOptions { Model = i % 2 == 0 ? "gpt-4o-mini" : "claude-haiku-4-5", PreviousResponseId = previous, MaxOutputTokenCount = 30 };
            options.InputItems.Add(ResponseItem.CreateUserMessageItem(turns[i]));
            ResponseResult response = await client.CreateResponseAsync(options, Ct);
            Assert.False(string.IsNullOrEmpty(response.GetOutputText()));
            previous = response.Id;
        }

        var sent = await harness.LastRequestWithAsync(MemoryTalk.Question);

        Assert.Contains("4711", sent.GetRawText(), StringComparison.Ordinal);
        Assert.True(sent.GetProperty("messages").GetArrayLength() < 12, sent.GetRawText());
    }
}
