using Switchyard.Providers;

namespace Switchyard.Providers.OpenAI.Tests;

public sealed class OpenAIDialectTests
{
    [Fact]
    public void Dialect_Identity_IsOpenAIChatCompletions()
    {
        var dialect = OpenAIDialect.Instance;

        Assert.Equal("openai", dialect.Name);
        Assert.Equal("/v1/chat/completions", dialect.ChatPath);
        Assert.Same(OpenAIChatCodec.Instance, dialect.Codec);
        Assert.Equal(WireFormat.OpenAIChat, dialect.Codec.Format);
    }

    [Fact]
    public void ApplyHeaders_Endpoint_SetsBearerAuthorization()
    {
        using var request = new HttpRequestMessage();

        OpenAIDialect.Instance.ApplyHeaders(request.Headers, new ProviderEndpoint(new Uri("https://api.openai.com"), "sk-test"));

        Assert.Equal("Bearer sk-test", request.Headers.Authorization!.ToString());
    }

    [Fact]
    public void ReadRequestId_XRequestId_IsReturned()
    {
        using var response = new HttpResponseMessage();
        response.Headers.TryAddWithoutValidation("X-Request-ID", "req_abc123");

        Assert.Equal("req_abc123", OpenAIDialect.Instance.ReadRequestId(response.Headers));
    }

    [Fact]
    public void ReadRequestId_Missing_IsNull()
    {
        using var response = new HttpResponseMessage();

        Assert.Null(OpenAIDialect.Instance.ReadRequestId(response.Headers));
    }
}
