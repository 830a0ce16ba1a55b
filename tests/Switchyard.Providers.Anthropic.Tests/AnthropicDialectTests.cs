namespace Switchyard.Providers.Anthropic.Tests;

public sealed class AnthropicDialectTests
{
    private static readonly ProviderEndpoint Endpoint = new(new Uri("https://api.anthropic.com"), "sk-ant-test");

    [Fact]
    public void Properties_NamePathAndCodec()
    {
        var dialect = AnthropicDialect.Instance;

        Assert.Equal("anthropic", dialect.Name);
        Assert.Equal("/v1/messages", dialect.ChatPath);
        Assert.Same(AnthropicMessagesCodec.Instance, dialect.Codec);
        Assert.Equal(WireFormat.AnthropicMessages, dialect.Codec.Format);
    }

    [Fact]
    public void ApplyHeaders_ApiKeyAndVersion_NoBearer()
    {
        using var request = new HttpRequestMessage();

        AnthropicDialect.Instance.ApplyHeaders(request.Headers, Endpoint);

        Assert.Equal(["sk-ant-test"], request.Headers.GetValues("x-api-key"));
        Assert.Equal(["2023-06-01"], request.Headers.GetValues("anthropic-version"));
        Assert.Null(request.Headers.Authorization);
    }

    [Fact]
    public void ApplyHeaders_Twice_NoDuplicates()
    {
        using var request = new HttpRequestMessage();

        AnthropicDialect.Instance.ApplyHeaders(request.Headers, Endpoint);
        AnthropicDialect.Instance.ApplyHeaders(request.Headers, Endpoint);

        Assert.Single(request.Headers.GetValues("x-api-key"));
        Assert.Single(request.Headers.GetValues("anthropic-version"));
    }

    [Fact]
    public void ReadRequestId_FromRequestIdHeader()
    {
        using var response = new HttpResponseMessage();
        response.Headers.TryAddWithoutValidation("request-id", "req_011CVEA3SF7rnb3DuBZytqQa");
        response.Headers.TryAddWithoutValidation("x-request-id", "other");

        Assert.Equal("req_011CVEA3SF7rnb3DuBZytqQa", AnthropicDialect.Instance.ReadRequestId(response.Headers));
    }

    [Fact]
    public void ReadRequestId_Absent_Null()
    {
        using var response = new HttpResponseMessage();

        Assert.Null(AnthropicDialect.Instance.ReadRequestId(response.Headers));
    }

    [Fact]
    public void ReadRateLimits_DelegatesToHeaderReader()
    {
        using var response = new HttpResponseMessage();
        response.Headers.TryAddWithoutValidation("anthropic-ratelimit-requests-remaining", "7");

        var snapshot = AnthropicDialect.Instance.ReadRateLimits(response.Headers, DateTimeOffset.UnixEpoch);

        Assert.Equal(7, snapshot.Requests!.Value.Remaining);
    }
}
