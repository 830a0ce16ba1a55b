using System.Text.Json;
using Switchyard.Failures;
using Switchyard.Model;
using Switchyard.Providers.Anthropic.Tests.Support;

namespace Switchyard.Providers.Anthropic.Tests;

public sealed partial class AnthropicStreamDecoderTests
{
    public static TheoryData<string> AllStreamFixtures =>
    [
        "anthropic/messages/sdk-basic_response.txt",
        "anthropic/messages/sdk-tool_use_response.txt",
        "anthropic/messages/sdk-incomplete_partial_json_response.txt",
        "anthropic/messages/pydantic-thinking-part-stream.sse",
        "anthropic/messages/vercel-text.chunks.txt",
        "anthropic/messages/vercel-tool-no-args.chunks.txt",
        "anthropic/messages/vercel-json-tool.1.chunks.txt",
        "anthropic/messages/vercel-message-delta-input-tokens.chunks.txt",
        "anthropic/messages/vercel-duplicate-message-start.chunks.txt",
        "anthropic/messages/vercel-refusal.chunks.txt",
    ];

    [Theory]
    [MemberData(nameof(AllStreamFixtures))]
    public void Decode_EveryFixture_LosesNoTextArgumentsOrUsage(string fixture)
    {
        // Expected values are extracted independently of the decoder, straight from the recorded JSON.
        var frames = Fixtures.Events(fixture).Select(e => JsonDocument.Parse(e.Data).RootElement).ToList();
        var deltas = frames.Where(f => f.GetProperty("type").GetString() == "content_block_delta").Select(f => f.GetProperty("delta")).ToList();
        string Concat(string field) => string.Concat(deltas.Where(d => d.TryGetProperty(field, out _)).Select(d => d.GetProperty(field).GetString()));
        var lastUsage = frames.Last(f => f.GetProperty("type").GetString() == "message_delta").GetProperty("usage");

        var run = StreamRun.DecodeFixture(fixture);

        Assert.Equal(Concat("text"), run.Text);
        Assert.Equal(Concat("thinking"), run.Thinking);
        Assert.Equal(Concat("partial_json"), string.Concat(run.Events.OfType<ToolCallArgumentsDeltaEvent>().Select(e => e.Fragment)));
        Assert.Equal(lastUsage.GetProperty("output_tokens").GetInt32(), run.FinalUsage!.Value.OutputTokens);
        Assert.Single(run.Events.OfType<MessageStartEvent>());
        Assert.IsType<MessageStartEvent>(run.Events[0]);
        Assert.IsType<StreamEndEvent>(run.Events[^1]);
        Assert.Empty(run.Events.OfType<StreamErrorEvent>());
        Assert.True(run.Terminated);
    }

    [Fact]
    public void Decode_SdkBasicResponse_TextPingAndUsageMergedFromStart()
    {
        var run = StreamRun.DecodeFixture("anthropic/messages/sdk-basic_response.txt");

        Assert.Equal(new MessageStartEvent("msg_4QpJur2dWWDjF6C758FbBw5vm12BaVipnK", "claude-opus-4-20250514", new TokenUsage(11, 1)), run.Events[0]);
        Assert.Equal("Hello there!", run.Text);
        Assert.Equal(new FinishEvent(FinishReason.Stop), run.Finish);
        // message_delta says only output_tokens; the input count comes from message_start.
        Assert.Equal(new TokenUsage(11, 6), run.FinalUsage);
        Assert.Equal(DecodeDisposition.KeepAlive, run.Dispositions[2]);
        Assert.Equal(1, run.Dispositions.Count(d => d == DecodeDisposition.KeepAlive));
    }

    [Fact]
    public void Decode_SdkToolUse_TextThenToolCallWithOrdinalZero()
    {
        var run = StreamRun.DecodeFixture("anthropic/messages/sdk-tool_use_response.txt");

        Assert.Equal("I'll check the current weather in Paris for you.", run.Text);
        // Anthropic block index 1, but the first tool call: ordinal 0.
        Assert.Equal(new ToolCallStartEvent(0, "toolu_01NRLabsLyVHZPKxbKvkfSMn", "get_weather"), Assert.Single(run.Events.OfType<ToolCallStartEvent>()));
        Assert.Equal("{\"location\": \"Paris\"}", run.Arguments(0));
        Assert.Equal(4, run.Events.OfType<ToolCallArgumentsDeltaEvent>().Count()); // the empty first fragment is skipped
        Assert.Equal(new FinishEvent(FinishReason.ToolCalls), run.Finish);
        Assert.Equal(new TokenUsage(377, 65), run.FinalUsage);
    }

    [Fact]
    public void Decode_IncompletePartialJson_ForwardsTruncatedArgumentsAndEndsCleanlyWithLength()
    {
        var run = StreamRun.DecodeFixture("anthropic/messages/sdk-incomplete_partial_json_response.txt");

        Assert.Equal("I'll create a comprehensive tax guide for someone with multiple W2s and save it in a file called taxes.txt. Let me do that for you now.", run.Text);
        Assert.Equal(new ToolCallStartEvent(0, "toolu_01EKqbqmZrGRXy18eN7m9kvY", "make_file"), Assert.Single(run.Events.OfType<ToolCallStartEvent>()));
        var arguments = run.Arguments(0);
        Assert.Equal("{\"filename\": \"taxes.txt\", \"lines_of_text\": [\n\"# COMPREHENSIVE TAX GUIDE FOR INDIVIDUALS WITH MULTIPLE W-2s\",\n\"\",\n\"## INTRODUCTION\",\n\"\",\n\"Filing taxes", arguments);
        // Deliberate: the cut arguments are passed on as received (not repaired, not dropped); Length says why they are incomplete.
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(arguments));
        Assert.Equal(new FinishEvent(FinishReason.Length), run.Finish);
        Assert.Equal(new TokenUsage(450, 124), run.FinalUsage);
        Assert.IsType<StreamEndEvent>(run.Events[^1]);
        Assert.Empty(run.Events.OfType<StreamErrorEvent>());
    }

    [Fact]
    public void Decode_ThinkingStream_ThinkingSignatureThenTextFromPaddedJson()
    {
        var run = StreamRun.DecodeFixture("anthropic/messages/pydantic-thinking-part-stream.sse");

        Assert.Equal("This is a straightforward question about pedestrian safety. I should provide clear, practical advice for crossing streets safely. This is basic safety information that could help prevent accidents.", run.Thinking);
        var signature = Assert.Single(run.Events.OfType<ThinkingDeltaEvent>(), e => e.Signature is not null).Signature!;
        Assert.StartsWith("Eu4CCkYICxgCKkCptg1Gj6hlyXcX", signature);
        Assert.EndsWith("ls3M8JHWlaJhYutqSabkupoYsvO+ZNMszrIm8WkmnAhzRyYlCm6F6n2fnbDLOhgfUQbqukDcvs+QzxfwS21+l9T5fI8d4Xe5V7kyW1TB2oDfbY+qc1JPHgZhpI3Qy+BFYWVLaPls+l6xM1BpoJQGAE=", signature);
        Assert.StartsWith("Here's how to cross the street safely:\n\n**At traffic lights", run.Text);
        Assert.EndsWith("Take your time to ensure it's safe before crossing.", run.Text);
        // All thinking precedes all text.
        Assert.True(run.Events.FindLastIndex(e => e is ThinkingDeltaEvent) < run.Events.FindIndex(e => e is TextDeltaEvent));
        Assert.Equal(new MessageStartEvent("msg_01A6gwM9ZYySVuWAZxJ5Keko", "claude-sonnet-4-20250514", new TokenUsage(43, 1)), run.Events[0]);
        Assert.Equal(new TokenUsage(43, 277), run.FinalUsage);
        Assert.Equal(new FinishEvent(FinishReason.Stop), run.Finish);
    }

    [Fact]
    public void Decode_VercelText_ExactTextAndUsage()
    {
        var run = StreamRun.DecodeFixture("anthropic/messages/vercel-text.chunks.txt");

        Assert.Equal("Hello! I'm doing well, thank you for asking. How are you doing today? Is there anything I can help you with?", run.Text);
        Assert.Equal(new MessageStartEvent("msg_01QC4g3HwBThD4BaNtBckFDJ", "claude-sonnet-4-5-20250929", new TokenUsage(12, 1)), run.Events[0]);
        Assert.Equal(new TokenUsage(12, 30), run.FinalUsage);
    }

    [Fact]
    public void Decode_ToolNoArgs_StartWithoutArgumentEventsAndPingsAreKeepAlive()
    {
        var run = StreamRun.DecodeFixture("anthropic/messages/vercel-tool-no-args.chunks.txt");

        Assert.Equal("I'll update the issue list for you.", run.Text);
        Assert.Equal(new ToolCallStartEvent(0, "toolu_01QE1WLsSVp5hy5Q3GmGTmjP", "updateIssueList"), Assert.Single(run.Events.OfType<ToolCallStartEvent>()));
        Assert.Empty(run.Events.OfType<ToolCallArgumentsDeltaEvent>());
        Assert.Equal(3, run.Dispositions.Count(d => d == DecodeDisposition.KeepAlive));
        Assert.Equal(new TokenUsage(565, 48), run.FinalUsage);
        Assert.Equal(new FinishEvent(FinishReason.ToolCalls), run.Finish);
    }

    [Fact]
    public void Decode_JsonTool_ToolOnlyStreamWithBlockIndexZero()
    {
        var run = StreamRun.DecodeFixture("anthropic/messages/vercel-json-tool.1.chunks.txt");

        Assert.Equal("", run.Text);
        Assert.Equal(new ToolCallStartEvent(0, "toolu_01KFbKqPYSuAKujiL6mTfzYA", "json"), Assert.Single(run.Events.OfType<ToolCallStartEvent>()));
        Assert.Equal("{\"elements\": [{\"location\": \"San Francisco\", \"temperature\": 58, \"condition\": \"sunny\"}]}", run.Arguments(0));
        Assert.Equal(new TokenUsage(849, 10), ((MessageStartEvent)run.Events[0]).Usage);
        Assert.Equal(new TokenUsage(849, 47), run.FinalUsage);
    }

    [Fact]
    public void Decode_MessageDeltaInputTokens_DeltaValuesReplaceStartValues()
    {
        var run = StreamRun.DecodeFixture("anthropic/messages/vercel-message-delta-input-tokens.chunks.txt");

        Assert.Equal("pong", run.Text);
        Assert.Equal(new TokenUsage(43, 1), ((MessageStartEvent)run.Events[0]).Usage);
        Assert.Equal(new TokenUsage(61, 2), run.FinalUsage);
    }

    [Fact]
    public void Decode_DuplicateMessageStart_SecondIsDroppedWithoutEvents()
    {
        var run = StreamRun.DecodeFixture("anthropic/messages/vercel-duplicate-message-start.chunks.txt");

        Assert.Equal(DecodeDisposition.Forward, run.Dispositions[0]);
        Assert.Equal(DecodeDisposition.Drop, run.Dispositions[1]);
        Assert.Equal(new MessageStartEvent("msg_dup", "claude-3-haiku-20240307", new TokenUsage(17, 1)), Assert.Single(run.Events.OfType<MessageStartEvent>()));
        Assert.Equal("Hello, World!", run.Text);
        Assert.Equal(new TokenUsage(17, 227), run.FinalUsage);
    }

    [Fact]
    public void Decode_SplicedMessageStartMidStream_IsDroppedAndTextContinues()
    {
        var run = StreamRun.DecodeSse("""
            event: message_start
            data: {"type":"message_start","message":{"id":"msg_a","model":"claude-x","usage":{"input_tokens":5,"output_tokens":1}}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hel"}}

            event: message_start
            data: {"type":"message_start","message":{"id":"msg_b","model":"claude-x","usage":{"input_tokens":99,"output_tokens":1}}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"lo"}}

            event: message_delta
            data: {"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":2}}

            event: message_stop
            data: {"type":"message_stop"}


            """);

        Assert.Equal(DecodeDisposition.Drop, run.Dispositions[2]);
        Assert.Equal("msg_a", Assert.Single(run.Events.OfType<MessageStartEvent>()).Id);
        Assert.Equal("Hello", run.Text);
        Assert.Equal(new TokenUsage(5, 2), run.FinalUsage);
    }

    [Fact]
    public void Decode_RefusalWithoutBlocks_RefusalExplanationThenContentFilter()
    {
        var run = StreamRun.DecodeFixture("anthropic/messages/vercel-refusal.chunks.txt");

        Assert.Equal("", run.Text);
        Assert.Equal("This request triggered restrictions on violative cyber content and was blocked under Anthropic's Usage Policy.",
            Assert.Single(run.Events.OfType<RefusalDeltaEvent>()).Text);
        Assert.Equal(new FinishEvent(FinishReason.ContentFilter), run.Finish);
        Assert.True(run.Events.FindIndex(e => e is RefusalDeltaEvent) < run.Events.FindIndex(e => e is FinishEvent));
        Assert.Equal(new TokenUsage(18, 5), run.FinalUsage);
    }
}
