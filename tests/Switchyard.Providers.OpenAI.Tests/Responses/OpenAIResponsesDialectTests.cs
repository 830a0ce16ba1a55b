using System.Net.Http.Headers;
using Switchyard.Providers;

namespace Switchyard.Providers.OpenAI.Tests.Responses;

public sealed class OpenAIResponsesDialectTests
{
    [Fact]
    public void Dialect_PathsAndCodec_AreTheResponsesOnes()
    {
        var dialect = OpenAIResponsesDialect.Instance;

        Assert.Equal("openai-responses", dialect.Name);
        Assert.Equal("/v1/responses", dialect.ChatPath);
        Assert.Same(OpenAIResponsesCodec.Instance, dialect.Codec);
        Assert.Equal(WireFormat.OpenAIResponses, dialect.Codec.Format);
    }

    [Fact]
    public void ApplyHeaders_UsesBearerAuthLikeOpenAI()
    {
        using var message = new HttpRequestMessage();

        OpenAIResponsesDialect.Instance.ApplyHeaders(message.Headers, new ProviderEndpoint(new Uri("https://api.openai.com"), "sk-x"));

        Assert.Equal(new AuthenticationHeaderValue("Bearer", "sk-x"), message.Headers.Authorization);
    }

    [Fact]
    public void ResumePath_EscapesTheIdAndAddsTheCursor()
    {
        Assert.Equal("/v1/responses/resp%2Fodd%20id?stream=true&starting_after=41", OpenAIResponsesDialect.ResumePath("resp/odd id", 41));
    }
}
