using System.Text;
using System.Text.Json;
using Switchyard.Failures;
using Switchyard.Model;

namespace Switchyard.Providers.OpenAI.Tests;

/// <summary>Non-streaming bodies: <see cref="IWireCodec.ReadResponse"/> and <see cref="IWireCodec.WriteResponse(ChatResponse)"/>.</summary>
public sealed class OpenAIResponseTests
{
    private static readonly OpenAIChatCodec Codec = OpenAIChatCodec.Instance;

    [Fact]
    public void ReadResponse_VercelTextFixture_KeepsTextUsageAndFinish()
    {
        var response = Read(Fixtures.Bytes("openai/chat/vercel-openai-text.json"));

        Assert.Equal("chatcmpl-D8Z5f52zQqikDBEKQMQoYcWMcWPeU", response.Id);
        Assert.Equal("gpt-4.1-nano-2025-04-14", response.Model);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1770933883), response.Created);
        Assert.StartsWith("**Holiday Name:** Galaxy Day", response.Text, StringComparison.Ordinal);
        Assert.Contains("vast darkness\u2014mirroring", response.Text, StringComparison.Ordinal);
        Assert.EndsWith("dream beyond our world.", response.Text, StringComparison.Ordinal);
        Assert.Equal(FinishReason.Stop, response.FinishReason);
        Assert.Equal(new TokenUsage(16, 363), response.Usage);
        Assert.Null(response.Refusal);
    }

    [Fact]
    public void ReadResponse_HelloWorldRecording_ReadsTheBody()
    {
        var entry = Fixtures.HttpEntries("openai/chat/dotnet-HelloWorldChat-ratelimit-headers.json").Single();
        var response = Read(Fixtures.ResponseBody(entry));

        Assert.Equal("Hello! How can I assist you today?", response.Text);
        Assert.Equal(new TokenUsage(11, 9), response.Usage);
        Assert.Equal("gpt-4o-mini-2024-07-18", response.Model);
    }

    [Fact]
    public void ReadResponse_ParallelToolCallsRecording_ReadsBothCallsAndTheFinalAnswer()
    {
        var entries = Fixtures.HttpEntries("openai/chat/dotnet-ParallelToolCalls.json");
        var first = Read(Fixtures.ResponseBody(entries[0]));
        var second = Read(Fixtures.ResponseBody(entries[1]));

        Assert.Equal(
            [new ToolCallPart("call_SKQEHo7QVlJRoCtEzcrYZM9C", "get_weather_for_city", "{\"city_name\": \"Santiago\"}"),
             new ToolCallPart("call_CkjljlLr7IebPc4hnvetfiZ8", "get_weather_for_city", "{\"city_name\": \"Karachi\"}")],
            first.Content);
        Assert.Equal(FinishReason.ToolCalls, first.FinishReason);
        Assert.Equal(new TokenUsage(81, 52), first.Usage);
        Assert.Equal("The current weather is as follows:\n- Santiago: Rainy\n- Karachi: Sunny", second.Text);
        Assert.Equal(new TokenUsage(151, 18), second.Usage);
    }

    [Theory]
    [InlineData("openai/chat/vercel-openai-text.json", -1)]
    [InlineData("openai/chat/dotnet-HelloWorldChat-ratelimit-headers.json", 0)]
    [InlineData("openai/chat/dotnet-ParallelToolCalls.json", 0)]
    [InlineData("openai/chat/dotnet-ParallelToolCalls.json", 1)]
    public void WriteResponse_FixtureRoundTrip_ReadsBackEqual(string fixture, int entry)
    {
        var body = entry < 0 ? Fixtures.Bytes(fixture) : Fixtures.ResponseBody(Fixtures.HttpEntries(fixture)[entry]);
        var original = Read(body);

        var again = Read(Codec.WriteResponse(original));

        Assert.Equivalent(original, again, strict: true);
        Assert.Equal(original.Content, again.Content);
    }

    [Fact]
    public void WriteResponse_ToolCallsOnly_WritesNullContentAndChatCompletionShape()
    {
        var response = new ChatResponse
        {
            Id = "msg_01ABC",
            Model = "claude-sonnet-4-5",
            Content = [new ThinkingPart("hmm", "sig"), new ToolCallPart("toolu_1", "get_weather", "{\"city\":\"Paris\"}")],
            FinishReason = FinishReason.ToolCalls,
            Usage = new TokenUsage(120, 30, CachedInputTokens: 100, CacheWriteTokens: 5, ReasoningTokens: 7),
            Created = DateTimeOffset.FromUnixTimeSeconds(1700000000),
        };

        using var doc = JsonDocument.Parse(Codec.WriteResponse(response));
        var root = doc.RootElement;
        var choice = root.GetProperty("choices")[0];
        var message = choice.GetProperty("message");

        Assert.Equal("chatcmpl-msg_01ABC", root.GetProperty("id").GetString());
        Assert.Equal("chat.completion", root.GetProperty("object").GetString());
        Assert.Equal(1700000000, root.GetProperty("created").GetInt64());
        Assert.Equal(JsonValueKind.Null, message.GetProperty("content").ValueKind);
        Assert.Equal(JsonValueKind.Null, message.GetProperty("refusal").ValueKind);
        Assert.Equal(0, message.GetProperty("annotations").GetArrayLength());
        Assert.Equal("get_weather", message.GetProperty("tool_calls")[0].GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("{\"city\":\"Paris\"}", message.GetProperty("tool_calls")[0].GetProperty("function").GetProperty("arguments").GetString());
        Assert.Equal("tool_calls", choice.GetProperty("finish_reason").GetString());
        Assert.Equal(JsonValueKind.Null, choice.GetProperty("logprobs").ValueKind);
        var usage = root.GetProperty("usage");
        Assert.Equal(120, usage.GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(150, usage.GetProperty("total_tokens").GetInt32());
        Assert.Equal(100, usage.GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt32());
        Assert.Equal(5, usage.GetProperty("prompt_tokens_details").GetProperty("cache_write_tokens").GetInt32());
        Assert.Equal(7, usage.GetProperty("completion_tokens_details").GetProperty("reasoning_tokens").GetInt32());
    }

    [Fact]
    public void WriteResponse_NoCreatedTime_UsesTheInjectedClock()
    {
        var clock = new FixedClock(DateTimeOffset.FromUnixTimeSeconds(1800000000));
        var codec = new OpenAIChatCodec(clock);
        var response = new ChatResponse { Id = "chatcmpl-1", Model = "m", Content = [new TextPart("hi")], FinishReason = FinishReason.PauseTurn };

        using var doc = JsonDocument.Parse(codec.WriteResponse(response));

        Assert.Equal(1800000000, doc.RootElement.GetProperty("created").GetInt64());
        Assert.Equal("chatcmpl-1", doc.RootElement.GetProperty("id").GetString());
        Assert.Equal("stop", doc.RootElement.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.False(doc.RootElement.TryGetProperty("usage", out _));
    }

    [Fact]
    public void WriteResponse_Refusal_RoundTrips()
    {
        var response = new ChatResponse
        {
            Id = "chatcmpl-r", Model = "m", Content = [], FinishReason = FinishReason.ContentFilter, Refusal = "I can't help with that.",
            Created = DateTimeOffset.FromUnixTimeSeconds(1),
        };

        var again = Read(Codec.WriteResponse(response));

        Assert.Equal("I can't help with that.", again.Refusal);
        Assert.Equal(FinishReason.ContentFilter, again.FinishReason);
        Assert.Empty(again.Content);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{not json")]
    [InlineData("[]")]
    [InlineData("{\"id\":\"x\",\"choices\":[]}")]
    [InlineData("{\"id\":\"x\",\"choices\":[{\"index\":0}]}")]
    [InlineData("{\"choices\":[{\"message\":{\"tool_calls\":[{\"id\":\"c\",\"function\":{}}]}}]}")]
    public void ReadResponse_MalformedBody_FailsAsServerError(string body)
    {
        var result = Codec.ReadResponse(Encoding.UTF8.GetBytes(body));

        Assert.False(result.IsSuccess);
        Assert.Equal(FailureKind.ServerError, result.Failure.Kind);
        Assert.Contains("malformed", result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadResponse_ErrorBodyWith200_ClassifiesTheError()
    {
        var result = Codec.ReadResponse("""{"error":{"message":"quota","type":"insufficient_quota","param":null,"code":"insufficient_quota"}}"""u8.ToArray());

        Assert.Equal(FailureKind.QuotaExhausted, result.Failure!.Kind);
    }

    private static ChatResponse Read(byte[] body)
    {
        var result = Codec.ReadResponse(body);
        Assert.True(result.IsSuccess, result.Failure?.Message);
        return result.Value;
    }
}
