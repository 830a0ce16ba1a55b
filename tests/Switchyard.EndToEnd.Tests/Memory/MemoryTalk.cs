using System.ClientModel;
using System.ClientModel.Primitives;
using OpenAI;
using OpenAI.Chat;

namespace Switchyard.EndToEnd.Tests.Memory;

/// <summary>A conversation through the official OpenAI SDK with the session in <c>metadata.session_id</c>.</summary>
internal sealed class MemoryTalk(MemoryHarness harness, string session, string key = MemoryHarness.Key)
{
    public const string Fact = "My locker code is 4711 and my cat is called Biscuit.";

    public const string Question = "What is my locker code, and what is my cat called?";

    private readonly ChatClient _client = new("gpt-4o-mini", new ApiKeyCredential(key), new OpenAIClientOptions
    {
        Endpoint = new Uri(harness.GatewayUrl, "/v1"),
        RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
    });

    /// <summary>Plants <see cref="Fact"/>, then <paramref name="turns"/> unrelated turns; every one must succeed.</summary>
    public async Task PlantAndChatAsync(int turns, CancellationToken ct)
    {
        await SayAsync(Fact, ct);
        for (var i = 0; i < turns; i++)
        {
            await SayAsync($"Tell me something about the weather in city number {i}.", ct);
        }
    }

    /// <summary>Sends one user turn; the answer must be non-empty (the request succeeded).</summary>
    public async Task SayAsync(string text, CancellationToken ct)
    {
        var options = new ChatCompletionOptions { MaxOutputTokenCount = 30 };
        options.Metadata["session_id"] = session;
        ChatCompletion completion = await _client.CompleteChatAsync([new UserChatMessage(text)], options, ct);
        Assert.False(string.IsNullOrEmpty(completion.Content[0].Text));
    }
}
