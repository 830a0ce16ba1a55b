using System.Text;
using System.Text.Json;
using Switchyard.Model;
using Switchyard.Providers;

namespace Switchyard.Providers.OpenAI.Tests.Responses;

/// <summary>The <c>input_tokens</c> side of <see cref="OpenAIResponsesCodec"/>: writing counted requests and the answer.</summary>
public sealed class ResponsesTokenCountTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string"}}}""").RootElement;

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
            User = "u1",
            Stream = true,
            Tools = [new ToolDefinition("weather", "Gets weather", Schema)],
            ToolChoice = new ToolChoice(ToolChoiceMode.Required),
            Responses = new ResponsesControls { Store = true, Background = true },
        };

        using var body = JsonDocument.Parse(OpenAIResponsesCodec.Instance.WriteCountRequest(request, "gpt-4o-mini"));

        Assert.Equal(["model", "instructions", "input", "tools", "tool_choice"], body.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("gpt-4o-mini", body.RootElement.GetProperty("model").GetString());
        Assert.Equal("Be brief.", body.RootElement.GetProperty("instructions").GetString());
    }

    [Fact]
    public void ReadCountRequest_ResponsesBody_ReadByTheResponsesRules()
    {
        var read = OpenAIResponsesCodec.Instance.ReadCountRequest(Encoding.UTF8.GetBytes("""{"model":"gpt-4o-mini","instructions":"Be brief.","input":"Hi"}"""));
        var missing = OpenAIResponsesCodec.Instance.ReadCountRequest(Encoding.UTF8.GetBytes("""{"input":"Hi"}"""));

        Assert.True(read.IsSuccess, read.Failure?.Message);
        Assert.Equal([ChatRole.System, ChatRole.User], read.Value.Messages.Select(m => m.Role));
        Assert.False(missing.IsSuccess);
        Assert.Equal("model", missing.Failure.Param);
    }

    [Fact]
    public void WriteCount_ThenReadCount_RoundTrips()
    {
        var body = OpenAIResponsesCodec.Instance.WriteCount(77);

        Assert.Equal("""{"object":"response.input_tokens","input_tokens":77}""", Encoding.UTF8.GetString(body));
        Assert.Equal(77, OpenAIResponsesCodec.Instance.ReadCount(body));
    }

    [Theory]
    [InlineData("")]
    [InlineData("[1]")]
    [InlineData("""{"object":"response.input_tokens"}""")]
    [InlineData("""{"input_tokens":1.5}""")]
    public void ReadCount_NotACount_Null(string body) => Assert.Null(OpenAIResponsesCodec.Instance.ReadCount(Encoding.UTF8.GetBytes(body)));
}
