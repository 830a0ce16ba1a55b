using Microsoft.Extensions.AI;

namespace Switchyard.Extensions.AI.Tests;

/// <summary>The engine with layered memory on: <see cref="ChatOptions.ConversationId"/> names the session.</summary>
public sealed class MemoryLibraryHarness : LibraryHarness
{
    // Embeddings from the simulator rather than the local model: these tests are about the client's sessions, and
    // loading the ONNX model costs a second of CPU that the suite's timing-sensitive tests, running beside, would feel.
    // The local embedder is tested end to end in Switchyard.EndToEnd.Tests.
    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
    [
        new("Switchyard:Memory:Enabled", "true"),
        new("Switchyard:Memory:Embedder", "openai"),
        new("Switchyard:Memory:EmbeddingDimensions", "256"),
    ];
}

/// <summary>
/// Memory sessions in-process: a caller sends only its new turn, and the provider gets the earlier turns (and answers,
/// streamed ones included) from memory; tenants do not share sessions; the function-invocation loop works on a session.
/// </summary>
public sealed class MemoryTests(MemoryLibraryHarness harness) : IClassFixture<MemoryLibraryHarness>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ConversationId_SendsOnlyTheNewTurn_AndTheProviderGetsTheEarlierOnes(bool streamFirstTurn)
    {
        await harness.SetScenarioAsync("""{"rules":[]}""");
        var session = "s-" + Guid.NewGuid().ToString("N");
        var client = harness.Engine.CreateChatClient(new SwitchyardChatClientOptions { DefaultModelId = "gpt-4o-mini", Tenant = "agents" });
        var options = new ChatOptions { ConversationId = session, MaxOutputTokens = 30 };

        string firstAnswer;
        if (streamFirstTurn)
        {
            var updates = new List<ChatResponseUpdate>();
            await foreach (var update in client.GetStreamingResponseAsync("My locker code is 4711.", options, Cancel))
            {
                updates.Add(update);
            }

            Assert.All(updates, u => Assert.Equal(session, u.ConversationId));
            firstAnswer = updates.ToChatResponse().Text;
        }
        else
        {
            var first = await client.GetResponseAsync("My locker code is 4711.", options, Cancel);
            Assert.Equal(session, first.ConversationId);
            firstAnswer = first.Text;
        }

        await client.GetResponseAsync("What is my locker code?", options, Cancel);

        var sent = (await harness.ChatRequestsAsync())[^1].Body;
        Assert.Contains("What is my locker code?", sent, StringComparison.Ordinal);
        Assert.Contains("4711", sent, StringComparison.Ordinal);
        Assert.Contains(System.Text.Json.JsonSerializer.Serialize(firstAnswer)[1..^1], sent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SameConversationId_AnotherTenant_SeesNothing()
    {
        await harness.SetScenarioAsync("""{"rules":[]}""");
        var session = "shared-" + Guid.NewGuid().ToString("N");
        var options = new ChatOptions { ConversationId = session, ModelId = "gpt-4o-mini", MaxOutputTokens = 30 };
        await harness.Engine.CreateChatClient(new SwitchyardChatClientOptions { Tenant = "alpha" }).GetResponseAsync("My locker code is 4711.", options, Cancel);

        await harness.Engine.CreateChatClient(new SwitchyardChatClientOptions { Tenant = "beta" }).GetResponseAsync("What is my locker code?", options, Cancel);

        Assert.DoesNotContain("4711", (await harness.ChatRequestsAsync())[^1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForgetSession_RemovesWhatTheSessionHeld()
    {
        await harness.SetScenarioAsync("""{"rules":[]}""");
        var session = "forget-" + Guid.NewGuid().ToString("N");
        var client = harness.Engine.CreateChatClient(new SwitchyardChatClientOptions { DefaultModelId = "gpt-4o-mini", Tenant = "agents" });
        var options = new ChatOptions { ConversationId = session, MaxOutputTokens = 30 };
        await client.GetResponseAsync("My locker code is 4711.", options, Cancel);

        var deletion = await harness.Engine.ForgetSessionAsync("agents", session, Cancel);
        await client.GetResponseAsync("What is my locker code?", options, Cancel);

        Assert.True(deletion.Turns >= 2, $"the turn and its answer were deleted ({deletion})");
        Assert.DoesNotContain("4711", (await harness.ChatRequestsAsync())[^1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FunctionInvocation_OnASession_SendsTheToolResultAfterItsCall()
    {
        await harness.SetScenarioAsync("""{"rules":[]}""");
        var weather = AIFunctionFactory.Create((string city) => $"Sunny in {city}.", "get_weather", "The weather in a city.");
        using var client = new ChatClientBuilder(harness.Engine.CreateChatClient(new SwitchyardChatClientOptions { DefaultModelId = "gpt-4o-mini", Tenant = "agents" }))
            .UseFunctionInvocation()
            .Build();

        var response = await client.GetResponseAsync(
            [new ChatMessage(ChatRole.User, "Call get_weather, please.")],
            new ChatOptions { ConversationId = "tools-" + Guid.NewGuid().ToString("N"), Tools = [weather], MaxOutputTokens = 60 },
            Cancel);

        var requests = await harness.ChatRequestsAsync();
        Assert.Equal(2, requests.Count);
        var call = Assert.Single(LibraryHarness.Expected(requests[0]).ToolCalls);
        // The middleware sent only the tool result (the session holds the rest): memory put the call before it.
        Assert.Contains(call.Id, requests[1].Body, StringComparison.Ordinal);
        Assert.Contains("Call get_weather, please.", requests[1].Body, StringComparison.Ordinal);
        Assert.Equal(LibraryHarness.Expected(requests[1]).Text, response.Text);
    }
}
