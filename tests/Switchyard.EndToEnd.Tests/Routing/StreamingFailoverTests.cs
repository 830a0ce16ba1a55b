using System.Text;
using System.Text.Json;
using Anthropic.Models.Messages;
using OpenAI.Chat;
using Switchyard.Simulator;
using Switchyard.Testing;

namespace Switchyard.EndToEnd.Tests.Routing;

/// <summary>
/// A stream whose primary fails before its first content (error status, an early error event, a reset connection)
/// fails over before anything reaches the caller: an official SDK sees one clean stream with the full text of the
/// target that served, exactly as that target's fault-free answer.
/// </summary>
public sealed class StreamingFailoverTests(StreamingFailoverTests.Harness harness) : IClassFixture<StreamingFailoverTests.Harness>, IAsyncLifetime
{
    private const string Question = "Tell me about lighthouses.";

    public sealed class Harness : RoutingHarness
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
        [
            .. Route("chat", PrimaryModel, SecondaryModel),
            .. Route("claude-first", SecondaryModel, PrimaryModel),
        ];
    }

    public static TheoryData<string> OpenAIPrimaryFaults =>
    [
        """{"kind":"status","status":503}""",
        """{"kind":"errorEvent","afterEvents":1}""",
        """{"kind":"reset"}""",
    ];

    public static TheoryData<string> AnthropicPrimaryFaults =>
    [
        """{"kind":"status","status":529}""",
        """{"kind":"errorEvent","afterEvents":1}""",
        """{"kind":"errorEvent","afterEvents":3}""",
        """{"kind":"reset"}""",
    ];

    public ValueTask InitializeAsync() => new(harness.ResetSimulatorAsync());

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Theory]
    [MemberData(nameof(OpenAIPrimaryFaults))]
    public async Task OpenAISdkStreaming_PrimaryFailsBeforeContent_ReceivesTheSecondarysFullText(string fault)
    {
        await harness.SetScenarioAsync($$"""{"rules":[{"provider":"openai","stream":true,"fault":{{fault}}}]}""");
        var text = new StringBuilder();
        ChatFinishReason? finish = null;

        await foreach (var update in harness.OpenAIChat("chat").CompleteChatStreamingAsync(
            [new UserChatMessage(Question)], new ChatCompletionOptions { MaxOutputTokenCount = 400 }, TestContext.Current.CancellationToken))
        {
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }

            finish ??= update.FinishReason;
        }

        var expected = GatewayHarness.Expected(SimulatorApi.AnthropicMessages, JsonSerializer.Serialize(new
        {
            model = RoutingHarness.SecondaryModel,
            max_tokens = 400,
            messages = new object[] { new { role = "user", content = Question } },
        }));
        Assert.Equal(expected.Text, text.ToString());
        Assert.Equal(ChatFinishReason.Stop, finish);
        await AssertBothTriedAsync();
    }

    [Theory]
    [MemberData(nameof(AnthropicPrimaryFaults))]
    public async Task AnthropicSdkStreaming_PrimaryFailsBeforeContent_ReceivesTheSecondarysFullText(string fault)
    {
        await harness.SetScenarioAsync($$"""{"rules":[{"provider":"anthropic","stream":true,"fault":{{fault}}}]}""");
        var text = new StringBuilder();
        StopReason? stop = null;
        var starts = 0;
        var request = new MessageCreateParams { Model = "claude-first", MaxTokens = 400, Messages = [new UserMessageParam(Question)] };

        await foreach (var streamEvent in harness.Anthropic().Messages.CreateStreaming(request, TestContext.Current.CancellationToken))
        {
            starts += streamEvent.TryPickStart(out _) ? 1 : 0;
            if (streamEvent.TryPickContentBlockDelta(out var delta) && delta.Delta.TryPickText(out var textDelta))
            {
                text.Append(textDelta.Text);
            }

            if (streamEvent.TryPickDelta(out var messageDelta))
            {
                stop = messageDelta.Delta.StopReason?.Value();
            }
        }

        var expected = GatewayHarness.Expected(SimulatorApi.OpenAIChatCompletions, JsonSerializer.Serialize(new
        {
            model = RoutingHarness.PrimaryModel,
            max_completion_tokens = 400,
            messages = new object[] { new { role = "user", content = Question } },
        }));
        Assert.Equal(1, starts); // the failed primary's message_start never reached the caller
        Assert.Equal(expected.Text, text.ToString());
        Assert.Equal(StopReason.EndTurn, stop);
        await AssertBothTriedAsync();
    }

    private async Task AssertBothTriedAsync()
    {
        var stats = await harness.SimulatorStatsAsync();
        Assert.Equal(1, RoutingHarness.Count(stats, "byProvider", "openai"));
        Assert.Equal(1, RoutingHarness.Count(stats, "byProvider", "anthropic"));
    }
}
