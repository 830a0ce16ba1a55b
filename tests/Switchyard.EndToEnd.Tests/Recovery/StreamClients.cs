#pragma warning disable OPENAI001 // The Responses client of the official SDK is experimental.
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text;
using Anthropic.Models.Messages;
using OpenAI.Chat;
using OpenAI.Responses;
using Switchyard.Testing;

namespace Switchyard.EndToEnd.Tests.Recovery;

/// <summary>Streams one answer through the gateway with an official SDK and joins its text.</summary>
internal static class StreamClients
{
    public const string Question = "Tell me about harbours and the ships that use them.";

    // Large enough that no simulated answer is cut by the limit: a continuation's remaining budget is an estimate
    // (exact for o200k models, ×1.2 for Claude), so a truncated answer would not be comparable to an uninterrupted one.

    /// <summary>The text of a streamed chat completion (OpenAI SDK), and whether it finished with a stop.</summary>
    public static async Task<(string Text, bool Finished)> OpenAIChatAsync(GatewayHarness harness, string model, int maxTokens = 2000)
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
    public static async Task<(string Text, bool Finished)> AnthropicAsync(GatewayHarness harness, string model, int maxTokens = 2000)
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

    /// <summary>The text of a streamed response (OpenAI SDK, Responses API), and whether it completed.</summary>
    public static async Task<(string Text, bool Finished)> OpenAIResponsesAsync(GatewayHarness harness, string model, int maxTokens = 2000)
    {
        var client = new ResponsesClient(new ApiKeyCredential(GatewayHarness.Key), new ResponsesClientOptions { Endpoint = new Uri(harness.GatewayUrl, "/v1"), RetryPolicy = new ClientRetryPolicy(0) });
        var options = new CreateResponseOptions { Model = model, MaxOutputTokenCount = maxTokens, StreamingEnabled = true };
        options.InputItems.Add(ResponseItem.CreateUserMessageItem(Question));
        var text = new StringBuilder();
        var finished = false;
        await foreach (var update in await client.CreateResponseStreamingAsync(options, TestContext.Current.CancellationToken))
        {
            text.Append((update as StreamingResponseOutputTextDeltaUpdate)?.Delta);
            finished |= update is StreamingResponseCompletedUpdate or StreamingResponseIncompleteUpdate;
        }

        return (text.ToString(), finished);
    }

    /// <summary>Streams on <paramref name="door"/> (<c>chat</c>, <c>messages</c> or <c>responses</c>).</summary>
    public static Task<(string Text, bool Finished)> StreamAsync(GatewayHarness harness, string door, string model) => door switch
    {
        "chat" => OpenAIChatAsync(harness, model),
        "messages" => AnthropicAsync(harness, model),
        _ => OpenAIResponsesAsync(harness, model),
    };
}
