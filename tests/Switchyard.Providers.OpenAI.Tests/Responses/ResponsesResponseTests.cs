using System.Text;
using System.Text.Json;
using Switchyard.Failures;
using Switchyard.Model;

namespace Switchyard.Providers.OpenAI.Tests.Responses;

public sealed class ResponsesResponseTests
{
    private const string Dir = "openai/responses/";

    [Fact]
    public void ReadResponse_MaxTokensFixture_IsLengthWithTextAndUsage()
    {
        var entry = Fixtures.HttpEntries(Dir + "dotnet-MaxTokens-incomplete.json").Single();
        var result = ResponsesStream.Codec.ReadResponse(Fixtures.ResponseBody(entry));

        Assert.True(result.IsSuccess, result.Failure?.Message);
        Assert.Equal("resp_0d0ddc12d86aa22e0068c9ef4a86fc81908acb06dd825129eb", result.Value.Id);
        Assert.Equal("gpt-4o-mini-2024-07-18", result.Value.Model);
        Assert.Equal(FinishReason.Length, result.Value.FinishReason);
        Assert.StartsWith("Mango sun-kissed sweet", result.Value.Text, StringComparison.Ordinal);
        Assert.Equal(new TokenUsage(14, 20), result.Value.Usage);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1758064458), result.Value.Created);
    }

    [Fact]
    public void ReadResponse_ReasoningStoreDisabledFixture_ReadsTextAndReasoningTokens()
    {
        var entry = Fixtures.HttpEntries(Dir + "dotnet-ReasoningWithStoreDisabled.json")[1];
        var result = ResponsesStream.Codec.ReadResponse(Fixtures.ResponseBody(entry));

        Assert.True(result.IsSuccess, result.Failure?.Message);
        Assert.Equal("Hello! How can I help you today?", result.Value.Text);
        Assert.Equal(FinishReason.Stop, result.Value.FinishReason);
        Assert.Equal(new TokenUsage(10, 79, ReasoningTokens: 64), result.Value.Usage);
    }

    [Fact]
    public void ReadResponse_CustomToolFixture_IgnoresTheCustomItem()
    {
        var result = ResponsesStream.Codec.ReadResponse(Fixtures.Bytes(Dir + "vercel-custom-tool.1.json"));

        Assert.True(result.IsSuccess, result.Failure?.Message);
        Assert.DoesNotContain(result.Value.Content, p => p is ToolCallPart);
    }

    [Fact]
    public void ReadResponse_QueuedBackgroundFixture_IsAFailureNotAnEmptyAnswer()
    {
        var entry = Fixtures.HttpEntries(Dir + "dotnet-CanCancelBackgroundResponses.json")[0];
        var result = ResponsesStream.Codec.ReadResponse(Fixtures.ResponseBody(entry));

        Assert.False(result.IsSuccess);
        Assert.Contains("queued", result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadResponse_FailedStatus_IsClassifiedByErrorCode()
    {
        var result = ResponsesStream.Codec.ReadResponse("""{"id":"r","object":"response","status":"failed","error":{"code":"rate_limit_exceeded","message":"Too fast."},"output":[]}"""u8.ToArray());

        Assert.False(result.IsSuccess);
        Assert.Equal(FailureKind.RateLimited, result.Failure.Kind);
        Assert.Equal("Too fast.", result.Failure.Message);
    }

    [Fact]
    public void ReadResponse_FunctionCallsRefusalAndReasoning_AreMapped()
    {
        var result = ResponsesStream.Codec.ReadResponse("""
            {"id":"r","object":"response","created_at":1,"status":"completed","model":"m","output":[
              {"type":"reasoning","id":"rs_1","summary":[{"type":"summary_text","text":"Think."}]},
              {"type":"message","id":"msg_1","role":"assistant","content":[{"type":"refusal","refusal":"No."}]},
              {"type":"function_call","id":"fc_1","call_id":"call_1","name":"f","arguments":"{}"}],
             "usage":{"input_tokens":10,"input_tokens_details":{"cached_tokens":4},"output_tokens":3,"output_tokens_details":{"reasoning_tokens":1}}}
            """u8.ToArray());

        Assert.True(result.IsSuccess, result.Failure?.Message);
        Assert.Equal([new ThinkingPart("Think.", null), new ToolCallPart("call_1", "f", "{}")], result.Value.Content);
        Assert.Equal("No.", result.Value.Refusal);
        Assert.Equal(FinishReason.ToolCalls, result.Value.FinishReason);
        Assert.Equal(new TokenUsage(10, 3, CachedInputTokens: 4, ReasoningTokens: 1), result.Value.Usage);
    }

    [Fact]
    public void ReadResponse_NotJson_IsServerError()
    {
        var result = ResponsesStream.Codec.ReadResponse("<html>"u8.ToArray());

        Assert.Equal(FailureKind.ServerError, result.Failure!.Kind);
    }

    [Theory]
    [InlineData(FinishReason.Stop)]
    [InlineData(FinishReason.ToolCalls)]
    [InlineData(FinishReason.Length)]
    [InlineData(FinishReason.ContentFilter)]
    public void WriteResponse_ThenReadResponse_RoundTrips(FinishReason reason)
    {
        var original = Response(reason);

        var read = ResponsesStream.Codec.ReadResponse(ResponsesStream.Codec.WriteResponse(original));

        Assert.True(read.IsSuccess, read.Failure?.Message);
        Assert.Equal(original.Id, read.Value.Id);
        Assert.Equal(original.Model, read.Value.Model);
        Assert.Equal(original.Content, read.Value.Content);
        Assert.Equal(original.FinishReason, read.Value.FinishReason);
        Assert.Equal(original.Usage, read.Value.Usage);
        Assert.Equal(original.Created, read.Value.Created);
    }

    [Fact]
    public void WriteResponse_SameResponse_SerialisesIdenticallyWithDerivedItemIds()
    {
        var first = ResponsesStream.Codec.WriteResponse(Response(FinishReason.ToolCalls));
        var second = ResponsesStream.Codec.WriteResponse(Response(FinishReason.ToolCalls));

        Assert.Equal(first, second);
        var root = JsonDocument.Parse(first).RootElement;
        Assert.Equal("resp_gw1", root.GetProperty("id").GetString());
        Assert.Equal("response", root.GetProperty("object").GetString());
        Assert.Equal(["rs_gw1_0", "msg_gw1_1", "fc_gw1_2"], root.GetProperty("output").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        Assert.Equal("Checking.", root.GetProperty("output_text").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("error").ValueKind);
        Assert.Equal(4, root.GetProperty("usage").GetProperty("input_tokens_details").GetProperty("cached_tokens").GetInt32());
        Assert.Equal(2, root.GetProperty("usage").GetProperty("output_tokens_details").GetProperty("reasoning_tokens").GetInt32());
    }

    [Fact]
    public void WriteResponse_Length_IsIncompleteWithReason()
    {
        var root = JsonDocument.Parse(ResponsesStream.Codec.WriteResponse(Response(FinishReason.Length))).RootElement;

        Assert.Equal("incomplete", root.GetProperty("status").GetString());
        Assert.Equal("max_output_tokens", root.GetProperty("incomplete_details").GetProperty("reason").GetString());
    }

    internal static ChatResponse Response(FinishReason reason) => new()
    {
        Id = "resp_gw1",
        Model = "gpt-4o-mini",
        Content = reason == FinishReason.ToolCalls
            ? [new ThinkingPart("Plan.", null), new TextPart("Checking."), new ToolCallPart("call_9", "lookup", "{\"q\":\"x\"}")]
            : [new TextPart("Hello world")],
        FinishReason = reason,
        Usage = new TokenUsage(50, 20, CachedInputTokens: 4, ReasoningTokens: 2),
        Created = DateTimeOffset.FromUnixTimeSeconds(1700000000),
    };
}
