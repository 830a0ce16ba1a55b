using System.Text;
using Switchyard.Failures;

namespace Switchyard.Providers.OpenAI.Tests;

/// <summary>ReadError: provider non-2xx answers into the failure vocabulary.</summary>
public sealed class OpenAIErrorClassifierTests
{
    private static readonly OpenAIChatCodec Codec = OpenAIChatCodec.Instance;

    [Fact]
    public void ReadError_AuthFailureRecording_IsUnauthenticatedWithOpenAIDetails()
    {
        var entry = Fixtures.HttpEntries("openai/errors/dotnet-chat-AuthFailure-401.json").Single();

        var failure = Codec.ReadError(entry.GetProperty("StatusCode").GetInt32(), Fixtures.ResponseBody(entry), null);

        Assert.Equal(FailureKind.Unauthenticated, failure.Kind);
        Assert.StartsWith("Incorrect API key provided", failure.Message, StringComparison.Ordinal);
        Assert.Equal("invalid_request_error", failure.ProviderErrorType);
        Assert.Equal("invalid_api_key", failure.ProviderErrorCode);
        Assert.Equal(401, failure.ProviderStatus);
        Assert.Equal("openai", failure.Provider);
    }

    [Fact]
    public void ReadError_StrictSchemaRecording_IsInvalidRequestWithParam()
    {
        var entry = Fixtures.HttpEntries("openai/errors/dotnet-chat-StructuredOutputs-strict-without-schema-400.json").Single();

        var failure = Codec.ReadError(400, Fixtures.ResponseBody(entry), null);

        Assert.Equal(FailureKind.InvalidRequest, failure.Kind);
        Assert.Equal("tools[0].function.parameters", failure.Param);
        Assert.Equal("invalid_function_parameters", failure.ProviderErrorCode);
        Assert.Contains("'additionalProperties' is required", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadError_NotFoundRecording_IsNotFound()
    {
        var entry = Fixtures.HttpEntries("openai/errors/dotnet-chat-GetMessagesNonExistentCompletion-404.json").Single();

        var failure = Codec.ReadError(404, Fixtures.ResponseBody(entry), null);

        Assert.Equal(FailureKind.NotFound, failure.Kind);
        Assert.Equal("completion_id", failure.Param);
        Assert.Equal("Completion comp_nonexistent_12345 not found", failure.Message);
    }

    [Fact]
    public void ReadError_LegacyParameterFixture_IsInvalidRequestNamingMaxTokens()
    {
        var failure = Codec.ReadError(400, Fixtures.Bytes("openai/errors/vercel-chat-reasoning-model-legacy-parameter-error.json"), null);

        Assert.Equal(FailureKind.InvalidRequest, failure.Kind);
        Assert.Equal("max_tokens", failure.Param);
        Assert.Equal("unsupported_parameter", failure.ProviderErrorCode);
    }

    [Fact]
    public void ReadError_InsufficientQuotaFixtureOn429_IsQuotaNotRateLimit()
    {
        var failure = Codec.ReadError(429, Fixtures.Bytes("openai/errors/vercel-responses-insufficient-quota.1.json"), TimeSpan.FromSeconds(3));

        Assert.Equal(FailureKind.QuotaExhausted, failure.Kind);
        Assert.False(failure.Traits.RetrySameTarget);
        Assert.Equal(TimeSpan.FromSeconds(3), failure.RetryAfter);
    }

    [Theory]
    [InlineData(429, "tokens", "rate_limit_exceeded", "Rate limit reached for gpt-4o", FailureKind.RateLimited)]
    [InlineData(429, "requests", "slow_down", "Slow down", FailureKind.RateLimited)]
    [InlineData(400, "invalid_request_error", "context_length_exceeded", "This model's maximum context length is 128000 tokens.", FailureKind.ContextTooLong)]
    [InlineData(400, "invalid_request_error", null, "This model's maximum context length is 8192 tokens. However, you requested 9000", FailureKind.ContextTooLong)]
    [InlineData(400, "invalid_request_error", "content_policy_violation", "Your request was rejected as a result of our safety system.", FailureKind.ContentFiltered)]
    [InlineData(400, "invalid_request_error", "content_filter", "filtered", FailureKind.ContentFiltered)]
    [InlineData(404, "invalid_request_error", "model_not_found", "The model `x` does not exist", FailureKind.NotFound)]
    [InlineData(403, "request_forbidden", "unsupported_country_region_territory", "Country, region, or territory not supported", FailureKind.PermissionDenied)]
    [InlineData(500, "server_error", null, "The server had an error while processing your request.", FailureKind.ServerError)]
    [InlineData(503, "service_unavailable_error", "server_is_overloaded", "overloaded", FailureKind.Overloaded)]
    [InlineData(503, "server_error", null, "The engine is currently overloaded", FailureKind.Overloaded)]
    [InlineData(413, "invalid_request_error", null, "Request too large", FailureKind.PayloadTooLarge)]
    [InlineData(422, "invalid_request_error", null, "Unprocessable", FailureKind.InvalidRequest)]
    public void ReadError_ErrorBody_ClassifiesByCodeThenStatus(int status, string type, string? code, string message, FailureKind expected)
    {
        var body = $$$"""{"error":{"message":"{{{message}}}","type":"{{{type}}}","param":null,"code":{{{(code is null ? "null" : $"\"{code}\"")}}}}}""";

        var failure = Codec.ReadError(status, Encoding.UTF8.GetBytes(body), null);

        Assert.Equal(expected, failure.Kind);
        Assert.Equal(message, failure.Message);
        Assert.Equal(status, failure.ProviderStatus);
    }

    [Theory]
    [InlineData(400, FailureKind.InvalidRequest)]
    [InlineData(401, FailureKind.Unauthenticated)]
    [InlineData(402, FailureKind.QuotaExhausted)]
    [InlineData(403, FailureKind.PermissionDenied)]
    [InlineData(404, FailureKind.NotFound)]
    [InlineData(408, FailureKind.ServerError)]
    [InlineData(409, FailureKind.ServerError)]
    [InlineData(413, FailureKind.PayloadTooLarge)]
    [InlineData(429, FailureKind.RateLimited)]
    [InlineData(500, FailureKind.ServerError)]
    [InlineData(502, FailureKind.ServerError)]
    [InlineData(503, FailureKind.Overloaded)]
    [InlineData(504, FailureKind.ServerError)]
    [InlineData(529, FailureKind.Overloaded)]
    public void ReadError_EmptyOrHtmlBody_ClassifiesByStatus(int status, FailureKind expected)
    {
        var empty = Codec.ReadError(status, [], null);
        var html = Codec.ReadError(status, "<html><body>502 Bad Gateway</body></html>\r\n"u8, null);
        var wrongShape = Codec.ReadError(status, """{"error":"just a string"}"""u8, null);

        Assert.Equal(expected, empty.Kind);
        Assert.Equal(expected, html.Kind);
        Assert.Equal(expected, wrongShape.Kind);
        Assert.Contains($"HTTP {status}", empty.Message, StringComparison.Ordinal);
        Assert.Contains("empty body", empty.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", html.Message, StringComparison.Ordinal);
    }
}
