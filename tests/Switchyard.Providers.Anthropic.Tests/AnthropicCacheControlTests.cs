using System.Text;
using System.Text.Json;
using Switchyard.Model;
using Switchyard.Providers.Anthropic.Tests.Support;

namespace Switchyard.Providers.Anthropic.Tests;

/// <summary>Prompt-cache breakpoints (<c>cache_control</c>) read into the canonical request and written back where they were.</summary>
public sealed class AnthropicCacheControlTests
{
    private const string Body = """
        {"model":"claude-sonnet-4-5","max_tokens":100,"cache_control":{"type":"ephemeral","ttl":"1h"},
         "system":[{"type":"text","text":"Rules.","cache_control":{"type":"ephemeral"}}],
         "tools":[{"name":"a","input_schema":{"type":"object","properties":{}}},{"name":"b","input_schema":{"type":"object","properties":{}},"cache_control":{"type":"ephemeral"}}],
         "messages":[
           {"role":"user","content":[{"type":"text","text":"Look.","cache_control":{"type":"ephemeral"}},{"type":"image","source":{"type":"url","url":"https://x.test/a.png"},"cache_control":{"type":"ephemeral"}}]},
           {"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"b","input":{},"cache_control":{"type":"ephemeral"}}]},
           {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"ok","cache_control":{"type":"ephemeral","ttl":"5m"}},{"type":"text","text":"And?"}]}]}
        """;

    private static ChatRequest Read(string body) => AnthropicMessagesCodec.Instance.ReadRequest(Encoding.UTF8.GetBytes(body)).Value!;

    [Fact]
    public void Read_BreakpointsOnTheRequestSystemToolsAndBlocks()
    {
        var request = Read(Body);

        Assert.Equal(new CacheBreakpoint("1h"), request.Cache);
        Assert.Equal(new CacheBreakpoint(), request.Messages[0].Content[0].Cache);
        Assert.Equal([null, new CacheBreakpoint()], request.Tools!.Select(t => t.Cache));
        Assert.Equal([new CacheBreakpoint(), new CacheBreakpoint()], request.Messages[1].Content.Select(p => p.Cache));
        Assert.Equal(new CacheBreakpoint(), request.Messages[2].Content[0].Cache);
        Assert.Equal(new CacheBreakpoint("5m"), Assert.Single(request.Messages[3].Content).Cache); // the tool result's own message
        Assert.Null(request.Messages[4].Content[0].Cache);
    }

    [Fact]
    public void Write_AfterRead_EveryBreakpointWhereItWas()
    {
        var written = Json.Parse(AnthropicMessagesCodec.Instance.WriteRequest(Read(Body), new UpstreamRequestOptions("claude-sonnet-4-5", Stream: false)));

        using var original = JsonDocument.Parse(Body);
        foreach (var field in new[] { "cache_control", "system", "tools", "messages" })
        {
            Assert.True(JsonElement.DeepEquals(original.RootElement.GetProperty(field), written.GetProperty(field)),
                $"{field}: {written.GetProperty(field).GetRawText()}");
        }
    }

    [Fact]
    public void Write_NoBreakpoints_ShorthandsKept()
    {
        var written = Json.Parse(AnthropicMessagesCodec.Instance.WriteRequest(
            Read("""{"model":"m","max_tokens":10,"system":"Rules.","messages":[{"role":"user","content":"Hi"}]}"""),
            new UpstreamRequestOptions("m", Stream: false)));

        Assert.Equal("Rules.", written.GetProperty("system").GetString());
        Assert.Equal("Hi", written.GetProperty("messages")[0].GetProperty("content").GetString());
        Assert.False(written.TryGetProperty("cache_control", out _));
    }

    [Theory]
    [InlineData("""{"model":"m","max_tokens":10,"cache_control":"yes","messages":[{"role":"user","content":"x"}]}""", "cache_control")]
    [InlineData("""{"model":"m","max_tokens":10,"cache_control":{"type":"forever"},"messages":[{"role":"user","content":"x"}]}""", "cache_control.type")]
    [InlineData("""{"model":"m","max_tokens":10,"messages":[{"role":"user","content":[{"type":"text","text":"x","cache_control":{"type":"ephemeral","ttl":"1d"}}]}]}""", "messages.0.content.0.cache_control.ttl")]
    [InlineData("""{"model":"m","max_tokens":10,"tools":[{"name":"a","input_schema":{"type":"object"},"cache_control":{}}],"messages":[{"role":"user","content":"x"}]}""", "tools.0.cache_control.type")]
    public void Read_BadCacheControl_InvalidNamingThePath(string body, string param)
    {
        var result = AnthropicMessagesCodec.Instance.ReadRequest(Encoding.UTF8.GetBytes(body));

        Assert.False(result.IsSuccess);
        Assert.Equal(param, result.Failure!.Param);
    }

    [Fact]
    public void Usage_HourLongWrites_ReadAndWrittenBack()
    {
        using var usage = JsonDocument.Parse("""
            {"input_tokens":10,"cache_creation_input_tokens":300,"cache_read_input_tokens":50,
             "cache_creation":{"ephemeral_5m_input_tokens":200,"ephemeral_1h_input_tokens":100},"output_tokens":7}
            """);

        var read = AnthropicUsage.Read(usage.RootElement);

        Assert.Equal(new TokenUsage(360, 7, CachedInputTokens: 50, CacheWriteTokens: 300, HourCacheWriteTokens: 100), read);
        var written = Json.Parse(AnthropicMessagesCodec.Instance.WriteResponse(new ChatResponse { Id = "msg_1", Model = "m", Content = [new TextPart("a")], Usage = read }));
        Assert.Equal("""{"ephemeral_5m_input_tokens":200,"ephemeral_1h_input_tokens":100}""", written.GetProperty("usage").GetProperty("cache_creation").GetRawText());
    }
}
