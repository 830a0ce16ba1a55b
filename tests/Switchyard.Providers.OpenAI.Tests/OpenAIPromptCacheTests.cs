using System.Text;
using System.Text.Json;
using Switchyard.Failures;
using Switchyard.Model;

namespace Switchyard.Providers.OpenAI.Tests;

/// <summary>
/// <c>prompt_cache_key</c> and <c>prompt_cache_retention</c> survive a body written again from the canonical request, on
/// Chat Completions and Responses alike, so memory's rewrite or a Chat client on a Responses route keeps the client's
/// cache routing and retention.
/// </summary>
public sealed class OpenAIPromptCacheTests
{
    private const string Hints = ""","prompt_cache_key":"tenant-7-support","prompt_cache_retention":"24h" """;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ChatHints_WrittenAgain_AsChatAndAsResponses(bool toResponses)
    {
        var read = OpenAIChatCodec.Instance.ReadRequest(Encoding.UTF8.GetBytes($$"""{"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}]{{Hints}}}"""));

        Assert.True(read.IsSuccess);
        Assert.Equal(("tenant-7-support", "24h"), (read.Value.PromptCacheKey, read.Value.PromptCacheRetention));
        IWireCodec writer = toResponses ? OpenAIResponsesCodec.Instance : OpenAIChatCodec.Instance;
        using var body = JsonDocument.Parse(writer.WriteRequest(read.Value, new UpstreamRequestOptions("gpt-4o", Stream: false)));
        Assert.Equal("tenant-7-support", body.RootElement.GetProperty("prompt_cache_key").GetString());
        Assert.Equal("24h", body.RootElement.GetProperty("prompt_cache_retention").GetString());
    }

    [Fact]
    public void ResponsesHints_ReadIntoTheCanonicalRequest()
    {
        var read = OpenAIResponsesCodec.Instance.ReadRequest(Encoding.UTF8.GetBytes($$"""{"model":"gpt-4o","input":"Hi"{{Hints}}}"""));

        Assert.True(read.IsSuccess);
        Assert.Equal(("tenant-7-support", "24h"), (read.Value.PromptCacheKey, read.Value.PromptCacheRetention));
    }

    [Fact]
    public void NoHints_NoneWritten()
    {
        var request = new ChatRequest { Model = "gpt-4o", Messages = [ChatMessage.FromText(ChatRole.User, "Hi")] };

        var body = Encoding.UTF8.GetString(OpenAIChatCodec.Instance.WriteRequest(request, new UpstreamRequestOptions("gpt-4o", Stream: false)));

        Assert.DoesNotContain("prompt_cache", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("prompt_cache_key")]
    [InlineData("prompt_cache_retention")]
    public void HintOfTheWrongType_400NamingIt(string field)
    {
        var read = OpenAIChatCodec.Instance.ReadRequest(Encoding.UTF8.GetBytes($$"""{"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}],"{{field}}":42}"""));

        Assert.False(read.IsSuccess);
        Assert.Equal(FailureKind.InvalidRequest, read.Failure.Kind);
        Assert.Equal(field, read.Failure.Param);
    }
}
