#pragma warning disable OPENAI001 // The Responses client of the official SDK is experimental.
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json;
using OpenAI.Responses;

namespace Switchyard.EndToEnd.Tests.Memory;

/// <summary>
/// <c>previous_response_id</c> and <c>store</c> through the real gateway with the official OpenAI SDK: a conversation
/// continues across providers, and the provider receives the whole prior conversation.
/// </summary>
public sealed class ResponsesChainTests(ConversationHarness harness) : IClassFixture<ConversationHarness>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ResponsesClient Client(string key = ConversationHarness.Key) =>
        new(new ApiKeyCredential(key), new ResponsesClientOptions { Endpoint = new Uri(harness.GatewayUrl, "/v1"), RetryPolicy = new ClientRetryPolicy(0) });

    [Fact]
    public async Task Chain_GptClaudeGpt_EachProviderReceivesTheWholeConversationWithoutOldInstructions()
    {
        await harness.ResetSimulatorAsync();
        var client = Client();

        ResponseResult first = await client.CreateResponseAsync(Options("gpt-4o-mini", "My locker code is 4711.", instructions: "Answer like a pirate."), Ct);
        ResponseResult second = await client.CreateResponseAsync(Options("claude-haiku-4-5", "What else should I know?", previous: first.Id), Ct);
        var (claudePath, claudeBody) = await harness.LastSimulatorRequestAsync();
        ResponseResult third = await client.CreateResponseAsync(Options("gpt-4o-mini", "What is my locker code?", previous: second.Id), Ct);
        var (gptPath, gptBody) = await harness.LastSimulatorRequestAsync();

        Assert.Equal("/v1/messages", claudePath);
        Assert.False(claudeBody.TryGetProperty("system", out _), "The first response's instructions must not be carried over.");
        Assert.Equal(
            ["user:My locker code is 4711.", "assistant:" + first.GetOutputText(), "user:What else should I know?"],
            AnthropicTurns(claudeBody));
        Assert.Equal("/v1/chat/completions", gptPath);
        Assert.Equal(
            [
                "user:My locker code is 4711.", "assistant:" + first.GetOutputText(), "user:What else should I know?",
                "assistant:" + second.GetOutputText(), "user:What is my locker code?",
            ],
            ChatTurns(gptBody));
        Assert.All(new[] { first, second, third }, r => Assert.False(string.IsNullOrEmpty(r.GetOutputText())));
    }

    [Fact]
    public async Task NonStreamed_EchoesPreviousResponseId_AsTheStreamDoes()
    {
        await harness.ResetSimulatorAsync();
        var client = Client();

        ResponseResult first = await client.CreateResponseAsync(Options("gpt-4o-mini", "Remember the number 31."), Ct);
        ResponseResult second = await client.CreateResponseAsync(Options("claude-haiku-4-5", "Which number?", previous: first.Id, instructions: "Be brief."), Ct);

        Assert.Null(first.PreviousResponseId);
        Assert.Equal(first.Id, second.PreviousResponseId);
    }

    [Fact]
    public async Task Chain_Streamed_IsStoredAndContinued()
    {
        await harness.ResetSimulatorAsync();
        var client = Client();
        string? id = null;
        var streamed = Options("claude-haiku-4-5", "Remember: the password is swordfish.");
        streamed.StreamingEnabled = true;
        await foreach (var update in await client.CreateResponseStreamingAsync(streamed, Ct))
        {
            id ??= (update as StreamingResponseCreatedUpdate)?.Response.Id;
        }

        await client.CreateResponseAsync(Options("gpt-4o-mini", "What is the password?", previous: id), Ct);
        var (_, body) = await harness.LastSimulatorRequestAsync();

        Assert.Equal("user:Remember: the password is swordfish.", ChatTurns(body)[0]);
        Assert.StartsWith("assistant:", ChatTurns(body)[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Previous_OfAnotherTenant_IsNotFoundAndNothingIsSent()
    {
        await harness.ResetSimulatorAsync();
        ResponseResult mine = await Client().CreateResponseAsync(Options("gpt-4o-mini", "A secret of acme."), Ct);
        var before = await harness.SimulatorRequestCountAsync();

        var error = await Assert.ThrowsAsync<ClientResultException>(() => Client(ConversationHarness.OtherTenantKey).CreateResponseAsync(Options("gpt-4o-mini", "Tell me.", previous: mine.Id), Ct));

        Assert.Equal(404, error.Status);
        Assert.Contains("previous_response_not_found", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await harness.SimulatorRequestCountAsync());
    }

    [Fact]
    public async Task Previous_StoreFalse_IsNotFound()
    {
        await harness.ResetSimulatorAsync();
        var options = Options("gpt-4o-mini", "Do not keep this.");
        options.StoredOutputEnabled = false;
        ResponseResult unstored = await Client().CreateResponseAsync(options, Ct);

        var error = await Assert.ThrowsAsync<ClientResultException>(() => Client().CreateResponseAsync(Options("claude-haiku-4-5", "Go on.", previous: unstored.Id), Ct));

        Assert.Equal(404, error.Status);
    }

    [Fact]
    public async Task Get_AfterTheStreamLogForgotIt_IsServedFromTheConversationStore()
    {
        await harness.ResetSimulatorAsync();
        ResponseResult created = await Client().CreateResponseAsync(Options("claude-haiku-4-5", "Keep me a while."), Ct);

        // The stream log keeps responses for one second in this harness and purges every second.
        await Task.Delay(TimeSpan.FromSeconds(3), Ct);
        ResponseResult retrieved = await Client().GetResponseAsync(created.Id, Ct);

        Assert.Equal(created.GetOutputText(), retrieved.GetOutputText());
        Assert.Equal(ResponseStatus.Completed, retrieved.Status);
    }

    [Fact]
    public async Task Delete_RemovesTheResponse_NeitherRetrievableNorContinuable()
    {
        await harness.ResetSimulatorAsync();
        var client = Client();
        ResponseResult created = await client.CreateResponseAsync(Options("gpt-4o-mini", "Forget me."), Ct);

        var deleted = await client.DeleteResponseAsync(created.Id, Ct);
        var otherTenant = await Assert.ThrowsAsync<ClientResultException>(() => Client(ConversationHarness.OtherTenantKey).DeleteResponseAsync(created.Id, Ct));
        var get = await Assert.ThrowsAsync<ClientResultException>(() => client.GetResponseAsync(created.Id, Ct));
        var chain = await Assert.ThrowsAsync<ClientResultException>(() => client.CreateResponseAsync(Options("gpt-4o-mini", "Still there?", previous: created.Id), Ct));

        Assert.True(deleted.Value.Deleted);
        Assert.Equal(404, otherTenant.Status);
        Assert.Equal(404, get.Status);
        Assert.Equal(404, chain.Status);
    }

    private static CreateResponseOptions Options(string model, string input, string? previous = null, string? instructions = null)
    {
        var options = new CreateResponseOptions { Model = model, PreviousResponseId = previous, Instructions = instructions };
        options.InputItems.Add(ResponseItem.CreateUserMessageItem(input));
        return options;
    }

    /// <summary>An Anthropic request's turns as <c>role:text</c>.</summary>
    private static List<string> AnthropicTurns(JsonElement body) =>
        body.GetProperty("messages").EnumerateArray().Select(m => $"{m.GetProperty("role").GetString()}:{Text(m.GetProperty("content"))}").ToList();

    /// <summary>A Chat Completions request's turns as <c>role:text</c>.</summary>
    private static List<string> ChatTurns(JsonElement body) =>
        body.GetProperty("messages").EnumerateArray().Select(m => $"{m.GetProperty("role").GetString()}:{Text(m.GetProperty("content"))}").ToList();

    private static string Text(JsonElement content) => content.ValueKind == JsonValueKind.String
        ? content.GetString()!
        : string.Concat(content.EnumerateArray().Select(p => p.TryGetProperty("text", out var t) ? t.GetString() : string.Empty));
}
