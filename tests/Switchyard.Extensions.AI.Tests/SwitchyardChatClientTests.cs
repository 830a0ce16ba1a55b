using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Switchyard.Failures;

namespace Switchyard.Extensions.AI.Tests;

/// <summary>
/// The engine in-process behind <see cref="IChatClient"/>, against the real simulator: answers, streams, fallback,
/// stream repair, budgets and failures, each checked against what the simulator received and answered.
/// </summary>
public sealed class SwitchyardChatClientTests(LibraryHarness harness) : IClassFixture<LibraryHarness>
{
    private static readonly ChatMessage[] Question = [new(ChatRole.User, "Tell me about rivers.")];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetResponseAsync_ReturnsTheProvidersAnswer_WithUsageAndWhoServedIt()
    {
        await harness.SetScenarioAsync("""{"rules":[]}""");
        var client = harness.Engine.CreateChatClient(new SwitchyardChatClientOptions { DefaultModelId = "gpt-4o-mini" });

        var response = await client.GetResponseAsync(Question, new ChatOptions { MaxOutputTokens = 60 }, Cancel);

        var sent = Assert.Single(await harness.ProviderRequestsAsync());
        Assert.Equal("/v1/chat/completions", sent.Path);
        Assert.Contains("\"max_completion_tokens\":60", sent.Body, StringComparison.Ordinal);
        var expected = LibraryHarness.Expected(sent);
        Assert.Equal(expected.Text, response.Text);
        Assert.Equal(expected.PromptTokens, response.Usage!.InputTokenCount);
        Assert.Equal(expected.CompletionTokens, response.Usage.OutputTokenCount);
        Assert.Equal(expected.FinishReason == "length" ? ChatFinishReason.Length : ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal("openai", response.AdditionalProperties![SwitchyardProperties.Provider]);
        Assert.Equal(1, response.AdditionalProperties[SwitchyardProperties.Attempts]);
        Assert.True((decimal)response.AdditionalProperties[SwitchyardProperties.CostUsd]! > 0m, "gpt-4o-mini has a price, so the answer has a cost");
        Assert.StartsWith("gpt-4o-mini", response.ModelId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_StreamsTheSameAnswer_AndEndsWithItsCost()
    {
        await harness.SetScenarioAsync("""{"rules":[]}""");
        var client = harness.Engine.CreateChatClient();

        var updates = await ToListAsync(client.GetStreamingResponseAsync(Question, new ChatOptions { ModelId = "gpt-4o-mini", MaxOutputTokens = 60 }, Cancel));

        var expected = LibraryHarness.Expected(Assert.Single(await harness.ProviderRequestsAsync()));
        Assert.True(updates.Count(u => u.Text.Length > 0) > 3, "text arrives in several updates, not one");
        var response = updates.ToChatResponse();
        Assert.Equal(expected.Text, response.Text);
        Assert.Equal(expected.CompletionTokens, response.Usage!.OutputTokenCount);
        Assert.Equal("openai", updates[0].AdditionalProperties![SwitchyardProperties.Provider]);
        Assert.True((decimal)updates[^1].AdditionalProperties![SwitchyardProperties.CostUsd]! > 0m);
    }

    [Fact]
    public async Task Route_OpenAIDown_FallsBackToClaude_TranslatedBothWays()
    {
        await harness.SetScenarioAsync("""{"rules":[{"provider":"openai","fault":{"kind":"status","status":503}}]}""");
        var client = harness.Engine.CreateChatClient(new SwitchyardChatClientOptions { DefaultModelId = "chat" });

        var response = await client.GetResponseAsync(Question, new ChatOptions { MaxOutputTokens = 60 }, Cancel);

        var requests = await harness.ProviderRequestsAsync();
        Assert.Equal("/v1/messages", requests[^1].Path);
        Assert.Equal(LibraryHarness.Expected(requests[^1]).Text, response.Text);
        Assert.Equal("anthropic", response.AdditionalProperties![SwitchyardProperties.Provider]);
        Assert.Equal("chat", response.AdditionalProperties[SwitchyardProperties.Route]);
        Assert.True((int)response.AdditionalProperties[SwitchyardProperties.Attempts]! >= 2);
    }

    [Fact]
    public async Task Stream_CutUpstream_IsContinued_AndTheCallerGetsEachCharacterOnce()
    {
        var client = harness.Engine.CreateChatClient(new SwitchyardChatClientOptions { DefaultModelId = "gpt-4o-mini" });
        await harness.SetScenarioAsync("""{"rules":[]}""");
        var whole = (await ToListAsync(client.GetStreamingResponseAsync(Question, null, Cancel))).ToChatResponse().Text;

        await harness.SetScenarioAsync("""{"rules":[{"count":1,"stream":true,"fault":{"kind":"cut","afterEvents":6}}]}""");
        var updates = await ToListAsync(client.GetStreamingResponseAsync(Question, null, Cancel));

        Assert.Equal(whole, updates.ToChatResponse().Text);
        Assert.Equal(1, updates[^1].AdditionalProperties![SwitchyardProperties.Continuations]);
        Assert.Equal(2, (await harness.ProviderRequestsAsync()).Count);
    }

    [Fact]
    public async Task Stream_BrokenBeyondRepair_ThrowsStreamBroken_AfterTheTextItHad()
    {
        await harness.SetScenarioAsync("""{"rules":[{"stream":true,"fault":{"kind":"cut","afterEvents":6}}]}""");
        var client = harness.Engine.CreateChatClient(new SwitchyardChatClientOptions { DefaultModelId = "gpt-4o-mini" });
        var text = new StringBuilder();

        var error = await Assert.ThrowsAsync<SwitchyardException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync(Question, null, Cancel))
            {
                text.Append(update.Text);
            }
        });

        Assert.True(text.Length > 0, "the text before the break reached the caller");
        Assert.Equal(FailureKind.StreamBroken, error.Kind);
    }

    [Fact]
    public async Task HardBudget_RefusesBeforeAnyProviderIsCalled()
    {
        await harness.SetScenarioAsync("""{"rules":[]}""");
        var client = harness.Engine.CreateChatClient(new SwitchyardChatClientOptions { Tenant = "capped", DefaultModelId = "gpt-4o-mini" });

        var error = await Assert.ThrowsAsync<SwitchyardException>(() => client.GetResponseAsync(Question, null, Cancel));

        Assert.Equal(FailureKind.BudgetExceeded, error.Kind);
        Assert.Equal(429, error.StatusCode);
        Assert.False(error.ShouldRetry);
        Assert.Contains("capped-tenant", error.Message, StringComparison.Ordinal);
        Assert.Empty(await harness.ProviderRequestsAsync());
    }

    [Fact]
    public async Task Failures_AreClassified_AsTheGatewayWouldAnswerThem()
    {
        await harness.SetScenarioAsync("""{"rules":[{"provider":"openai","fault":{"kind":"status","status":400,"message":"Bad thing."}}]}""");
        var client = harness.Engine.CreateChatClient();

        var unknown = await Assert.ThrowsAsync<SwitchyardException>(() => client.GetResponseAsync(Question, new ChatOptions { ModelId = "no-such-model" }, Cancel));
        var invalid = await Assert.ThrowsAsync<SwitchyardException>(() => client.GetResponseAsync(Question, new ChatOptions { ModelId = "gpt-4o-mini" }, Cancel));
        var streamed = await Assert.ThrowsAsync<SwitchyardException>(() => ToListAsync(client.GetStreamingResponseAsync(Question, new ChatOptions { ModelId = "gpt-4o-mini" }, Cancel)));

        Assert.Equal((FailureKind.NotFound, 404), (unknown.Kind, unknown.StatusCode));
        Assert.Equal((FailureKind.InvalidRequest, 400), (invalid.Kind, invalid.StatusCode));
        Assert.Equal(FailureKind.InvalidRequest, streamed.Kind);
    }

    [Fact]
    public async Task OpenAISamplingKnobs_ReachOpenAI_AndAreLeftOutForClaude()
    {
        await harness.SetScenarioAsync("""{"rules":[]}""");
        var client = harness.Engine.CreateChatClient();
        var knobs = new ChatOptions { PresencePenalty = 0.5f, FrequencyPenalty = -0.25f, Seed = 12345678901 };

        await client.GetResponseAsync(Question, WithModel(knobs, "gpt-4o-mini"), Cancel);
        await client.GetResponseAsync(Question, WithModel(knobs, "claude-haiku-4-5"), Cancel);

        var sent = await harness.ChatRequestsAsync();
        Assert.Equal(["/v1/chat/completions", "/v1/messages"], sent.Select(r => r.Path));
        using var openAI = JsonDocument.Parse(sent[0].Body);
        Assert.Equal(0.5, openAI.RootElement.GetProperty("presence_penalty").GetDouble());
        Assert.Equal(-0.25, openAI.RootElement.GetProperty("frequency_penalty").GetDouble());
        Assert.Equal(12345678901L, openAI.RootElement.GetProperty("seed").GetInt64());
        Assert.DoesNotContain("penalty", sent[1].Body, StringComparison.Ordinal);
        Assert.DoesNotContain("seed", sent[1].Body, StringComparison.Ordinal);

        static ChatOptions WithModel(ChatOptions options, string model)
        {
            var copy = options.Clone();
            copy.ModelId = model;
            return copy;
        }
    }

    [Fact]
    public async Task LongSystemPromptToClaude_MarkedForCaching_TheSecondCallReadsIt()
    {
        await harness.SetScenarioAsync("""{"rules":[]}""");
        var client = harness.Engine.CreateChatClient();
        // About 2,400 tokens, over claude-sonnet-4-5's 1,024-token minimum; unique, as the harness's simulator is shared.
        var system = $"Library {Guid.NewGuid():N}. " + string.Concat(Enumerable.Repeat("The gateway keeps answers flowing when a provider fails. ", 240));
        ChatMessage[] messages = [new(ChatRole.System, system), .. Question];
        var options = new ChatOptions { ModelId = "claude-sonnet-4-5", MaxOutputTokens = 100 };

        var first = await client.GetResponseAsync(messages, options, Cancel);
        var sent = (await harness.ChatRequestsAsync())[^1];
        var second = await client.GetResponseAsync(messages, options, Cancel);

        using var body = JsonDocument.Parse(sent.Body);
        Assert.Equal("ephemeral", body.RootElement.GetProperty("system")[0].GetProperty("cache_control").GetProperty("type").GetString());
        Assert.True(first.Usage!.AdditionalCounts!["cache_write_input_tokens"] > 2000);
        Assert.Equal(first.Usage.AdditionalCounts["cache_write_input_tokens"], second.Usage!.CachedInputTokenCount);
    }

    [Fact]
    public async Task ReasoningEffort_ToClaude_ThinkingSentAndReturnedAsReasoningContent()
    {
        await harness.SetScenarioAsync("""{"rules":[]}""");
        var client = harness.Engine.CreateChatClient();
        var options = new ChatOptions { ModelId = "claude-haiku-4-5", MaxOutputTokens = 4096, Reasoning = new ReasoningOptions { Effort = ReasoningEffort.Low } };

        var response = await client.GetResponseAsync(Question, options, Cancel);
        var streamed = (await ToListAsync(client.GetStreamingResponseAsync(Question, options, Cancel))).ToChatResponse();

        var sent = (await harness.ChatRequestsAsync())[^1];
        using var body = JsonDocument.Parse(sent.Body);
        Assert.Equal("/v1/messages", sent.Path);
        Assert.Equal("""{"type":"enabled","budget_tokens":2048}""", body.RootElement.GetProperty("thinking").GetRawText());
        var expected = LibraryHarness.Expected(sent);
        foreach (var answer in new[] { response, streamed })
        {
            var contents = answer.Messages.SelectMany(m => m.Contents).ToList();
            Assert.Equal(expected.Thinking, string.Concat(contents.OfType<TextReasoningContent>().Select(c => c.Text)));
            Assert.Equal(expected.Text, answer.Text);
        }
    }

    [Fact]
    public async Task RequestsTheEngineCannotCarry_AreRefusedByName_BeforeAnyCall()
    {
        await harness.SetScenarioAsync("""{"rules":[]}""");
        var client = harness.Engine.CreateChatClient();

        var noModel = await Assert.ThrowsAsync<ArgumentException>(() => client.GetResponseAsync(Question, null, Cancel));
        var audio = new ChatMessage(ChatRole.User, [new DataContent(new byte[] { 1, 2, 3 }, "audio/wav")]);
        var unsupported = await Assert.ThrowsAsync<ArgumentException>(() => client.GetResponseAsync([audio], new ChatOptions { ModelId = "gpt-4o-mini" }, Cancel));

        var conversation = await Assert.ThrowsAsync<ArgumentException>(() => client.GetResponseAsync(Question, new ChatOptions { ModelId = "gpt-4o-mini", ConversationId = "s1" }, Cancel));

        Assert.Contains("Memory:Enabled", conversation.Message, StringComparison.Ordinal);
        Assert.Contains("ModelId", noModel.Message, StringComparison.Ordinal);
        Assert.Contains("DataContent", unsupported.Message, StringComparison.Ordinal);
        Assert.Empty(await harness.ProviderRequestsAsync());
    }

    [Fact]
    public async Task FunctionInvocation_RunsTheToolLoop_ThroughClaude()
    {
        await harness.SetScenarioAsync("""{"rules":[]}""");
        var calls = new List<string>();
        var weather = AIFunctionFactory.Create((string city) => { calls.Add(city); return $"Sunny in {city}."; }, "get_weather", "The weather in a city.");
        using var client = new ChatClientBuilder(harness.Engine.CreateChatClient(new SwitchyardChatClientOptions { DefaultModelId = "claude-haiku-4-5" }))
            .UseFunctionInvocation()
            .Build();

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "Call get_weather, please.")], new ChatOptions { Tools = [weather], MaxOutputTokens = 60 }, Cancel);

        var requests = await harness.ProviderRequestsAsync();
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r => Assert.Equal("/v1/messages", r.Path));
        var call = Assert.Single(LibraryHarness.Expected(requests[0]).ToolCalls);
        Assert.Single(calls);
        Assert.Contains($"Sunny in {calls[0]}.", requests[1].Body, StringComparison.Ordinal);
        Assert.Contains(call.Id, requests[1].Body, StringComparison.Ordinal);
        Assert.Equal(LibraryHarness.Expected(requests[1]).Text, response.Text);
        Assert.Contains(response.Messages, m => m.Contents.OfType<FunctionCallContent>().Any(c => c.Name == "get_weather" && c.CallId == call.Id));
    }

    [Theory]
    [InlineData("claude-haiku-4-5", "/v1/messages")]
    [InlineData("gpt-4o-mini", "/v1/chat/completions")]
    public async Task FunctionInvocation_Streaming_GetsEachToolCallWhole(string model, string path)
    {
        await harness.SetScenarioAsync("""{"rules":[]}""");
        var calls = new List<(string City, int Days)>();
        var forecast = AIFunctionFactory.Create((string city, int days) => { calls.Add((city, days)); return $"{days} days of sun in {city}."; }, "get_forecast", "A forecast.");
        using var client = new ChatClientBuilder(harness.Engine.CreateChatClient(new SwitchyardChatClientOptions { DefaultModelId = model }))
            .UseFunctionInvocation()
            .Build();

        var updates = await ToListAsync(client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Use get_forecast.")], new ChatOptions { Tools = [forecast], MaxOutputTokens = 60 }, Cancel));

        var requests = await harness.ProviderRequestsAsync();
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r => Assert.Equal(path, r.Path));
        var expected = Assert.Single(LibraryHarness.Expected(requests[0]).ToolCalls);
        using var arguments = System.Text.Json.JsonDocument.Parse(expected.ArgumentsJson);
        // The simulator streams the arguments in 2–5 fragments: the function ran once, with all of them.
        Assert.Equal((arguments.RootElement.GetProperty("city").GetString()!, arguments.RootElement.GetProperty("days").GetInt32()), Assert.Single(calls));
        var call = Assert.Single(updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>());
        Assert.Equal(expected.Id, call.CallId);
        Assert.Equal(LibraryHarness.Expected(requests[1]).Text, updates.ToChatResponse().Text);
    }

    [Fact]
    public async Task Stream_LeftEarly_StopsWithoutError_AndTheNextCallIsServed()
    {
        await harness.SetScenarioAsync("""{"rules":[]}""");
        var client = harness.Engine.CreateChatClient(new SwitchyardChatClientOptions { DefaultModelId = "gpt-4o-mini" });

        await foreach (var update in client.GetStreamingResponseAsync(Question, null, Cancel))
        {
            if (update.Text.Length > 0)
            {
                break;
            }
        }

        var next = await client.GetResponseAsync(Question, new ChatOptions { MaxOutputTokens = 20 }, Cancel);
        Assert.NotEmpty(next.Text);
    }

    private static async Task<List<ChatResponseUpdate>> ToListAsync(IAsyncEnumerable<ChatResponseUpdate> updates)
    {
        var list = new List<ChatResponseUpdate>();
        await foreach (var update in updates)
        {
            list.Add(update);
        }

        return list;
    }
}
