using System.Text;
using System.Text.Json;
using Anthropic.Models.Messages;
using Switchyard.Simulator;
using Switchyard.Testing;

namespace Switchyard.EndToEnd.Tests;

/// <summary>Extended thinking through the gateway's messages door to a Claude model, with the official Anthropic .NET SDK.</summary>
public sealed class AnthropicThinkingTests(GatewayHarness harness) : IClassFixture<GatewayHarness>
{
    private const string Model = "claude-haiku-4-5";
    private const string Question = "Tell me about mountains.";
    private const int MaxTokens = 4096;
    private const int Budget = 2048;

    [Fact]
    public async Task Create_ThinkingEnabled_ThinkingBlockThenText()
    {
        var message = await harness.Anthropic().Messages.Create(Params(), TestContext.Current.CancellationToken);

        var expected = Expected();
        Assert.Equal(2, message.Content.Count);
        Assert.True(message.Content[0].TryPickThinking(out var thinking));
        Assert.True(message.Content[1].TryPickText(out var text));
        Assert.Equal(expected.Thinking, thinking.Thinking);
        Assert.NotEmpty(Convert.FromBase64String(thinking.Signature));
        Assert.Equal(expected.Text, text.Text);
        Assert.Equal(expected.CompletionTokens, message.Usage.OutputTokens);
        Assert.Equal(StopReason.EndTurn, message.StopReason?.Value());
    }

    [Fact]
    public async Task CreateStreaming_ThinkingEnabled_ThinkingDeltasAndSignatureThenText()
    {
        var thinking = new StringBuilder();
        var text = new StringBuilder();
        var order = new List<string>();
        var signatures = 0;
        long outputTokens = 0;
        await foreach (var streamEvent in harness.Anthropic().Messages.CreateStreaming(Params(), TestContext.Current.CancellationToken))
        {
            if (streamEvent.TryPickContentBlockStart(out var start))
            {
                order.Add(start.ContentBlock.TryPickThinking(out _) ? "thinking" : start.ContentBlock.TryPickText(out _) ? "text" : "other");
            }

            if (streamEvent.TryPickContentBlockDelta(out var delta))
            {
                if (delta.Delta.TryPickThinking(out var thinkingDelta))
                {
                    thinking.Append(thinkingDelta.Thinking);
                }
                else if (delta.Delta.TryPickSignature(out var signature))
                {
                    Assert.NotEmpty(Convert.FromBase64String(signature.Signature));
                    signatures++;
                }
                else if (delta.Delta.TryPickText(out var textDelta))
                {
                    text.Append(textDelta.Text);
                }
            }

            if (streamEvent.TryPickDelta(out var messageDelta))
            {
                outputTokens = messageDelta.Usage.OutputTokens;
            }
        }

        var expected = Expected();
        Assert.Equal(["thinking", "text"], order);
        Assert.Equal(1, signatures);
        Assert.Equal(expected.Thinking, thinking.ToString());
        Assert.Equal(expected.Text, text.ToString());
        Assert.Equal(expected.CompletionTokens, outputTokens);
    }

    private static MessageCreateParams Params() => new()
    {
        Model = Model,
        MaxTokens = MaxTokens,
        Messages = [new UserMessageParam(Question)],
        Thinking = new ThinkingConfigEnabled { BudgetTokens = Budget },
    };

    private static SimulatedAnswer Expected() => GatewayHarness.Expected(SimulatorApi.AnthropicMessages, JsonSerializer.Serialize(new
    {
        model = Model,
        max_tokens = MaxTokens,
        messages = new object[] { new { role = "user", content = Question } },
        thinking = new { type = "enabled", budget_tokens = Budget },
    }));
}
