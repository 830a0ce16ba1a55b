using System.Text.Json;
using Switchyard.Failures;
using Switchyard.Model;

namespace Switchyard.Providers.OpenAI.Tests;

public sealed class OpenAIStreamEncoderTests
{
    private static readonly ChatRequest WithUsage = Request(includeUsage: true);
    private static readonly ChatRequest WithoutUsage = Request(includeUsage: false);

    public static TheoryData<string> StreamFixtures => new()
    {
        "node-stream-structured-output.sse",
        "node-stream-content-logprobs.sse",
        "node-stream-refusal-logprobs.sse",
        "dotnet-StreamingStructuredRefusalWorks.json",
        "composum-tool-call-stream.chunks.txt",
        "vercel-azure-model-router.1.chunks.txt",
    };

    [Theory]
    [MemberData(nameof(StreamFixtures))]
    public void Encode_FixtureRoundTrip_DecodesToTheSameEvents(string fixture)
    {
        var original = StreamResult.Decode(Payloads(fixture));

        var sse = StreamResult.Encode(original.Events, WithUsage);
        var again = StreamResult.Decode(Fixtures.SseData(sse));

        Assert.Equal(original.Text, again.Text);
        Assert.Equal(original.Refusal, again.Refusal);
        Assert.Equal(original.ToolCalls, again.ToolCalls);
        Assert.Equal(original.Finish, again.Finish);
        Assert.Equal(original.Usage, again.Usage);
        Assert.Equal(original.Start, again.Start);
        Assert.Equal(original.Events.Where(e => e is not UsageEvent), again.Events.Where(e => e is not UsageEvent));
    }

    [Fact]
    public void Encode_TextStreamWithUsage_WritesOpenAIChunkSequence()
    {
        var frames = Frames(StreamResult.Encode(
            [new MessageStartEvent("msg_01XYZ", "claude-sonnet-4-5", new TokenUsage(10, 1)), new TextDeltaEvent("Hel"), new TextDeltaEvent("lo"),
             new FinishEvent(FinishReason.StopSequence, "END"), new UsageEvent(new TokenUsage(12, 5, CachedInputTokens: 2)), StreamEndEvent.Instance],
            WithUsage));

        Assert.Equal("[DONE]", frames[^1]);
        var chunks = frames[..^1].Select(f => JsonDocument.Parse(f).RootElement).ToList();
        Assert.Equal(5, chunks.Count);
        Assert.All(chunks, c =>
        {
            Assert.Equal("chatcmpl-msg_01XYZ", c.GetProperty("id").GetString());
            Assert.Equal("chat.completion.chunk", c.GetProperty("object").GetString());
            Assert.Equal(1700000000, c.GetProperty("created").GetInt64());
            Assert.Equal("claude-sonnet-4-5", c.GetProperty("model").GetString());
        });
        var first = chunks[0].GetProperty("choices")[0].GetProperty("delta");
        Assert.Equal("assistant", first.GetProperty("role").GetString());
        Assert.Equal(string.Empty, first.GetProperty("content").GetString());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("refusal").ValueKind);
        Assert.All(chunks[..4], c => Assert.Equal(JsonValueKind.Null, c.GetProperty("usage").ValueKind));
        var finish = chunks[3].GetProperty("choices")[0];
        Assert.Equal("stop", finish.GetProperty("finish_reason").GetString());
        Assert.Empty(finish.GetProperty("delta").EnumerateObject());
        Assert.Equal(0, chunks[4].GetProperty("choices").GetArrayLength());
        Assert.Equal(12, chunks[4].GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(17, chunks[4].GetProperty("usage").GetProperty("total_tokens").GetInt32());
    }

    [Fact]
    public void Encode_ClientDidNotAskForUsage_OmitsUsageEverywhere()
    {
        var sse = StreamResult.Encode(
            [new MessageStartEvent("chatcmpl-keep", "m"), new TextDeltaEvent("x"), new FinishEvent(FinishReason.Stop),
             new UsageEvent(new TokenUsage(1, 1)), StreamEndEvent.Instance],
            WithoutUsage);

        var frames = Frames(sse);
        Assert.Equal(4, frames.Count);
        Assert.DoesNotContain("usage", sse, StringComparison.Ordinal);
        Assert.Contains("\"id\":\"chatcmpl-keep\"", sse, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_ToolCalls_WritesFirstFragmentWithIdAndLaterWithArgumentsOnly()
    {
        var frames = Frames(StreamResult.Encode(
            [new MessageStartEvent("msg_1", "m"), new TextDeltaEvent("Let me check."), new ToolCallStartEvent(0, "toolu_a", "get_weather"),
             new ToolCallArgumentsDeltaEvent(0, "{\"city\":"), new ToolCallArgumentsDeltaEvent(0, "\"Paris\"}"),
             new ToolCallStartEvent(1, "toolu_b", "get_time"), new ToolCallArgumentsDeltaEvent(1, "{}"),
             new FinishEvent(FinishReason.ToolCalls), StreamEndEvent.Instance],
            WithoutUsage));

        var start = JsonDocument.Parse(frames[2]).RootElement.GetProperty("choices")[0].GetProperty("delta").GetProperty("tool_calls")[0];
        Assert.Equal(0, start.GetProperty("index").GetInt32());
        Assert.Equal("toolu_a", start.GetProperty("id").GetString());
        Assert.Equal("function", start.GetProperty("type").GetString());
        Assert.Equal("get_weather", start.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal(string.Empty, start.GetProperty("function").GetProperty("arguments").GetString());
        var fragment = JsonDocument.Parse(frames[3]).RootElement.GetProperty("choices")[0].GetProperty("delta").GetProperty("tool_calls")[0];
        Assert.False(fragment.TryGetProperty("id", out _));
        Assert.Equal("{\"city\":", fragment.GetProperty("function").GetProperty("arguments").GetString());
        Assert.Contains("\"finish_reason\":\"tool_calls\"", frames[^2], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FinishReason.Stop, "stop")]
    [InlineData(FinishReason.StopSequence, "stop")]
    [InlineData(FinishReason.PauseTurn, "stop")]
    [InlineData(FinishReason.Length, "length")]
    [InlineData(FinishReason.ContextWindowExceeded, "length")]
    [InlineData(FinishReason.ToolCalls, "tool_calls")]
    [InlineData(FinishReason.ContentFilter, "content_filter")]
    public void Encode_FinishReason_MapsToOpenAIValue(FinishReason reason, string expected)
    {
        var sse = StreamResult.Encode([new MessageStartEvent("c", "m"), new FinishEvent(reason), StreamEndEvent.Instance], WithoutUsage);

        Assert.Contains($"\"finish_reason\":\"{expected}\"", sse, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_StreamError_WritesErrorChunkAndStops()
    {
        var failure = new Failure(FailureKind.Overloaded, "Overloaded") { Provider = "anthropic", ProviderErrorType = "overloaded_error" };
        var sse = StreamResult.Encode(
            [new MessageStartEvent("c", "m"), new TextDeltaEvent("part"), new StreamErrorEvent(failure), new TextDeltaEvent("late"), StreamEndEvent.Instance],
            WithUsage);

        var frames = Frames(sse);
        Assert.Equal(3, frames.Count);
        Assert.Equal(
            """{"error":{"message":"Overloaded","type":"service_unavailable_error","param":null,"code":"server_is_overloaded"}}""",
            frames[2]);
        Assert.DoesNotContain("[DONE]", sse, StringComparison.Ordinal);
        var decoded = StreamResult.Decode(frames);
        Assert.Equal(FailureKind.Overloaded, decoded.Error!.Failure.Kind);
    }

    [Fact]
    public void Encode_EndWithoutFinish_StillWritesAFinishReason()
    {
        var frames = Frames(StreamResult.Encode([new MessageStartEvent("", "m"), new TextDeltaEvent("x"), StreamEndEvent.Instance], WithoutUsage));

        Assert.StartsWith("chatcmpl-", JsonDocument.Parse(frames[0]).RootElement.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Contains("\"finish_reason\":\"stop\"", frames[^2], StringComparison.Ordinal);
        Assert.Equal("[DONE]", frames[^1]);
    }

    [Fact]
    public void Encode_ThinkingDeltas_AreReasoningContentWithoutSignatures()
    {
        var sse = StreamResult.Encode(
            [new MessageStartEvent("c", "m"), new ThinkingDeltaEvent("step one", null), new ThinkingDeltaEvent(null, "sig"), new TextDeltaEvent("visible")],
            WithoutUsage);

        var frames = Frames(sse);
        Assert.Equal(3, frames.Count);
        using var reasoning = JsonDocument.Parse(frames[1]);
        var delta = reasoning.RootElement.GetProperty("choices")[0].GetProperty("delta");
        Assert.Equal("step one", delta.GetProperty("reasoning_content").GetString());
        Assert.False(delta.TryGetProperty("content", out _));
        Assert.DoesNotContain("sig", sse, StringComparison.Ordinal);
    }

    private static List<string> Payloads(string fixture) => fixture switch
    {
        _ when fixture.EndsWith(".sse", StringComparison.Ordinal) => Fixtures.SseFile("openai/chat/" + fixture),
        _ when fixture.EndsWith(".txt", StringComparison.Ordinal) => [.. Fixtures.JsonLines("openai/chat/" + fixture), "[DONE]"],
        _ => Fixtures.SseData(System.Text.Encoding.UTF8.GetString(
            Fixtures.ResponseBody(Fixtures.HttpEntries("openai/chat/" + fixture)[0]))),
    };

    private static List<string> Frames(string sse)
    {
        Assert.EndsWith("\n\n", sse, StringComparison.Ordinal);
        Assert.DoesNotContain("event:", sse, StringComparison.Ordinal);
        return Fixtures.SseData(sse);
    }

    private static ChatRequest Request(bool includeUsage) => new()
    {
        Model = "client-model",
        Messages = [ChatMessage.FromText(ChatRole.User, "hi")],
        Stream = true,
        IncludeUsage = includeUsage,
    };
}
