using System.Text;
using Anthropic.Models.Messages;
using OpenAI.Chat;
using Switchyard.Testing;

namespace Switchyard.EndToEnd.Tests.Recovery;

/// <summary>Streams one answer through the gateway with an official SDK and joins its text.</summary>
internal static class StreamClients
{
    public const string Question = "Tell me about harbours and the ships that use them.";

    /// <summary>The text of a streamed chat completion (OpenAI SDK), and whether it finished with a stop.</summary>
    public static async Task<(string Text, bool Finished)> OpenAIChatAsync(GatewayHarness harness, string model, int maxTokens = 300)
    {
        var text = new StringBuilder();
        ChatFinishReason? finish = null;
        await foreach (var update in harness.OpenAIChat(model).CompleteChatStreamingAsync(
            [new UserChatMessage(Question)], new ChatCompletionOptions { MaxOutputTokenCount = maxTokens }, TestContext.Current.CancellationToken))
        {
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }

            finish ??= update.FinishReason;
        }

        return (text.ToString(), finish is not null);
    }

    /// <summary>The text of a streamed message (Anthropic SDK), and whether it finished with a stop reason.</summary>
    public static async Task<(string Text, bool Finished)> AnthropicAsync(GatewayHarness harness, string model, int maxTokens = 300)
    {
        var text = new StringBuilder();
        var finished = false;
        var request = new MessageCreateParams { Model = model, MaxTokens = maxTokens, Messages = [new UserMessageParam(Question)] };
        await foreach (var streamEvent in harness.Anthropic().Messages.CreateStreaming(request, TestContext.Current.CancellationToken))
        {
            if (streamEvent.TryPickContentBlockDelta(out var delta) && delta.Delta.TryPickText(out var textDelta))
            {
                text.Append(textDelta.Text);
            }

            finished |= streamEvent.TryPickDelta(out var messageDelta) && messageDelta.Delta.StopReason is not null;
        }

        return (text.ToString(), finished);
    }

    /// <summary>Streams on <paramref name="door"/> (<c>chat</c> or <c>messages</c>).</summary>
    public static Task<(string Text, bool Finished)> StreamAsync(GatewayHarness harness, string door, string model) =>
        door == "chat" ? OpenAIChatAsync(harness, model) : AnthropicAsync(harness, model);
}
