using System.Text;
using System.Text.Json;
using Switchyard.Failures;
using Switchyard.Model;

namespace Switchyard.Providers.Anthropic.Tests;

/// <summary>The <c>count_tokens</c> side of <see cref="AnthropicMessagesCodec"/>: reading, writing and the answer.</summary>
public sealed class AnthropicTokenCountTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string"}}}""").RootElement;

    private static CodecResult<ChatRequest> ReadCount(string json) => AnthropicMessagesCodec.Instance.ReadCountRequest(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void ReadCountRequest_NoMaxTokens_Accepted()
    {
        var read = ReadCount("""{"model":"claude-haiku-4-5","system":"Be brief.","messages":[{"role":"user","content":"Hi"}],"thinking":{"type":"enabled","budget_tokens":2048}}""");

        Assert.True(read.IsSuccess, read.Failure?.Message);
        Assert.Null(read.Value.MaxOutputTokens);
        Assert.Equal([ChatRole.System, ChatRole.User], read.Value.Messages.Select(m => m.Role));
    }

    [Fact]
    public void ReadRequest_NoMaxTokens_StillRequiredForMessages()
    {
        var read = AnthropicMessagesCodec.Instance.ReadRequest(Encoding.UTF8.GetBytes("""{"model":"claude-haiku-4-5","messages":[{"role":"user","content":"Hi"}]}"""));

        Assert.False(read.IsSuccess);
        Assert.Equal("max_tokens", read.Failure.Param);
    }

    [Theory]
    [InlineData("""{"messages":[{"role":"user","content":"Hi"}]}""", "model")]
    [InlineData("""{"model":"claude-haiku-4-5"}""", "messages")]
    [InlineData("""{"model":"claude-haiku-4-5","max_tokens":10,"thinking":{"type":"enabled","budget_tokens":2048},"messages":[{"role":"user","content":"Hi"}]}""", "max_tokens")]
    public void ReadCountRequest_Invalid_NamesTheField(string json, string param)
    {
        var read = ReadCount(json);

        Assert.False(read.IsSuccess);
        Assert.Equal(FailureKind.InvalidRequest, read.Failure.Kind);
        Assert.Equal(param, read.Failure.Param);
    }

    [Fact]
    public void WriteCountRequest_CanonicalRequest_OnlyWhatShapesThePrompt()
    {
        var request = new ChatRequest
        {
            Model = "alias",
            Messages = [ChatMessage.FromText(ChatRole.System, "Be brief."), ChatMessage.FromText(ChatRole.User, "Weather?")],
            MaxOutputTokens = 300,
            Temperature = 0.5,
            TopP = 0.9,
            StopSequences = ["END"],
            User = "u1",
            Stream = true,
            Tools = [new ToolDefinition("weather", "Gets weather", Schema)],
            ToolChoice = new ToolChoice(ToolChoiceMode.Required),
        };

        using var body = JsonDocument.Parse(AnthropicMessagesCodec.Instance.WriteCountRequest(request, "claude-haiku-4-5"));

        Assert.Equal(["model", "system", "messages", "tools", "tool_choice"], body.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("claude-haiku-4-5", body.RootElement.GetProperty("model").GetString());
        Assert.Equal("Be brief.", body.RootElement.GetProperty("system").GetString());
    }

    [Fact]
    public void WriteCount_ThenReadCount_RoundTrips()
    {
        var body = AnthropicMessagesCodec.Instance.WriteCount(1234);

        Assert.Equal("""{"input_tokens":1234}""", Encoding.UTF8.GetString(body));
        Assert.Equal(1234, AnthropicMessagesCodec.Instance.ReadCount(body));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("""{"tokens":5}""")]
    [InlineData("""{"input_tokens":-1}""")]
    [InlineData("""{"input_tokens":"5"}""")]
    public void ReadCount_NotACount_Null(string body) => Assert.Null(AnthropicMessagesCodec.Instance.ReadCount(Encoding.UTF8.GetBytes(body)));
}
