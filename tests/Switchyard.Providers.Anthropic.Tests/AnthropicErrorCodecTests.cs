using System.Text;
using Switchyard.Failures;
using Switchyard.Providers.Anthropic.Tests.Support;

namespace Switchyard.Providers.Anthropic.Tests;

/// <summary>ReadError / WriteError (AnthropicErrorCodec and AnthropicErrorTypes) through the codec.</summary>
public sealed class AnthropicErrorCodecTests
{
    private static readonly AnthropicMessagesCodec Codec = AnthropicMessagesCodec.Instance;

    private static Failure Read(int status, string body, TimeSpan? retryAfter = null) => Codec.ReadError(status, Encoding.UTF8.GetBytes(body), retryAfter);

    private static string Body(string type, string message) => $$"""{"type":"error","error":{"type":"{{type}}","message":"{{message}}"},"request_id":"req_1"}""";

    [Fact]
    public void ReadError_UnexpectedToolUseIdFixture_InvalidRequestWithMessageAndRequestId()
    {
        var failure = Codec.ReadError(400, Fixtures.Bytes("anthropic/errors/vercel-invalid-request-unexpected-tool-use-id.json"), null);

        Assert.Equal(FailureKind.InvalidRequest, failure.Kind);
        Assert.Equal("invalid_request_error", failure.ProviderErrorType);
        Assert.StartsWith("messages.2.content.0: unexpected `tool_use_id` found in `tool_result` blocks: srvtoolu_issue_17366_invalid.", failure.Message, StringComparison.Ordinal);
        Assert.Equal("req_011Cd65WVh8Zrvno3NunpJ73", failure.ProviderRequestId);
        Assert.Equal(400, failure.ProviderStatus);
        Assert.Equal("anthropic", failure.Provider);
    }

    [Fact]
    public void ReadError_CountTokens404Cassette_NotFound()
    {
        // The cassette stores the body as YAML; pull the scalars out of the response section with plain string handling.
        var yaml = Fixtures.Text("anthropic/errors/pydantic-count-tokens-404-not-found.cassette.yaml");
        var response = yaml[yaml.IndexOf("  response:", StringComparison.Ordinal)..];
        var error = response[response.IndexOf("error:", StringComparison.Ordinal)..];
        static string Scalar(string section, string key) =>
            section.Split('\n').Select(l => l.Trim()).First(l => l.StartsWith(key + ":", StringComparison.Ordinal))[(key.Length + 1)..].Trim().Trim('\'');
        var status = int.Parse(Scalar(response, "status"), System.Globalization.CultureInfo.InvariantCulture);
        var body = $$"""{"type":"error","error":{"type":"{{Scalar(error, "type")}}","message":"{{Scalar(error, "message")}}"},"request_id":"{{Scalar(response, "request_id")}}"}""";

        var failure = Read(status, body);

        Assert.Equal(404, status);
        Assert.Equal(FailureKind.NotFound, failure.Kind);
        Assert.Equal("not_found_error", failure.ProviderErrorType);
        Assert.Equal("model: claude-does-not-exist", failure.Message);
        Assert.Equal("req_011CVEA3SF7rnb3DuBZytqQa", failure.ProviderRequestId);
    }

    [Theory]
    [InlineData(400, "invalid_request_error", "messages: final assistant content cannot end with trailing whitespace", FailureKind.InvalidRequest)]
    [InlineData(400, "invalid_request_error", "prompt is too long: 210266 tokens > 200000 maximum", FailureKind.ContextTooLong)]
    [InlineData(400, "invalid_request_error", "input length and `max_tokens` exceed context limit: 198000 + 8192 > 200000", FailureKind.ContextTooLong)]
    [InlineData(400, "invalid_request_error", "Your credit balance is too low to access the Anthropic API.", FailureKind.QuotaExhausted)]
    [InlineData(400, "invalid_request_error", "Output blocked by content filtering policy", FailureKind.ContentFiltered)]
    [InlineData(401, "authentication_error", "invalid x-api-key", FailureKind.Unauthenticated)]
    [InlineData(402, "billing_error", "billing", FailureKind.QuotaExhausted)]
    [InlineData(403, "permission_error", "no", FailureKind.PermissionDenied)]
    [InlineData(404, "not_found_error", "model: x", FailureKind.NotFound)]
    [InlineData(413, "request_too_large", "too big", FailureKind.PayloadTooLarge)]
    [InlineData(429, "rate_limit_error", "This request would exceed the rate limit", FailureKind.RateLimited)]
    [InlineData(500, "api_error", "Internal server error", FailureKind.ServerError)]
    [InlineData(504, "timeout_error", "Request timed out", FailureKind.ServerError)]
    [InlineData(529, "overloaded_error", "Overloaded", FailureKind.Overloaded)]
    public void ReadError_ByTypeAndMessage_Classified(int status, string type, string message, FailureKind expected)
    {
        var failure = Read(status, Body(type, message), TimeSpan.FromSeconds(3));

        Assert.Equal(expected, failure.Kind);
        Assert.Equal(message, failure.Message);
        Assert.Equal(type, failure.ProviderErrorType);
        Assert.Equal(TimeSpan.FromSeconds(3), failure.RetryAfter);
        Assert.Equal("req_1", failure.ProviderRequestId);
    }

    [Theory]
    [InlineData(400, FailureKind.InvalidRequest)]
    [InlineData(401, FailureKind.Unauthenticated)]
    [InlineData(402, FailureKind.QuotaExhausted)]
    [InlineData(403, FailureKind.PermissionDenied)]
    [InlineData(404, FailureKind.NotFound)]
    [InlineData(408, FailureKind.ServerError)]
    [InlineData(409, FailureKind.InvalidRequest)]
    [InlineData(413, FailureKind.PayloadTooLarge)]
    [InlineData(429, FailureKind.RateLimited)]
    [InlineData(500, FailureKind.ServerError)]
    [InlineData(502, FailureKind.ServerError)]
    [InlineData(503, FailureKind.Overloaded)]
    [InlineData(504, FailureKind.ServerError)]
    [InlineData(529, FailureKind.Overloaded)]
    public void ReadError_EmptyOrNonJsonBody_ClassifiedByStatus(int status, FailureKind expected)
    {
        Assert.Equal(expected, Read(status, "").Kind);
        var html = Read(status, "<html><body>413 Request Entity Too Large</body></html>");
        Assert.Equal(expected, html.Kind);
        Assert.Equal($"Anthropic returned HTTP {status}.", html.Message);
    }

    [Fact]
    public void ReadError_PlainTextBody_ExcerptInMessage()
    {
        Assert.Equal("Anthropic returned HTTP 502: upstream connect error.", Read(502, "upstream connect error").Message);
    }

    [Fact]
    public void ReadError_UnknownTypeAndWrongShapes_FallBackToStatus()
    {
        Assert.Equal(FailureKind.Overloaded, Read(529, Body("brand_new_error", "x")).Kind);
        Assert.Equal(FailureKind.RateLimited, Read(429, """{"error":"rate limited"}""").Kind);
        Assert.Equal(FailureKind.ServerError, Read(500, """{"type":"error","error":{"type":5,"message":[1]}}""").Kind);
    }

    [Theory]
    [InlineData(FailureKind.InvalidRequest, "invalid_request_error")]
    [InlineData(FailureKind.ContextTooLong, "invalid_request_error")]
    [InlineData(FailureKind.ContentFiltered, "invalid_request_error")]
    [InlineData(FailureKind.Unauthenticated, "authentication_error")]
    [InlineData(FailureKind.PermissionDenied, "permission_error")]
    [InlineData(FailureKind.NotFound, "not_found_error")]
    [InlineData(FailureKind.PayloadTooLarge, "request_too_large")]
    [InlineData(FailureKind.RateLimited, "rate_limit_error")]
    [InlineData(FailureKind.BudgetExceeded, "rate_limit_error")]
    [InlineData(FailureKind.QuotaExhausted, "billing_error")]
    [InlineData(FailureKind.Overloaded, "overloaded_error")]
    [InlineData(FailureKind.CircuitOpen, "overloaded_error")]
    [InlineData(FailureKind.ServerError, "api_error")]
    [InlineData(FailureKind.StreamBroken, "api_error")]
    [InlineData(FailureKind.ProviderAccessDenied, "api_error")]
    [InlineData(FailureKind.ConnectFailed, "api_error")]
    [InlineData(FailureKind.FirstTokenTimeout, "timeout_error")]
    [InlineData(FailureKind.IdleTimeout, "timeout_error")]
    [InlineData(FailureKind.DeadlineExceeded, "timeout_error")]
    [InlineData(FailureKind.Cancelled, "api_error")]
    public void WriteError_EveryKind_AnthropicErrorType(FailureKind kind, string expectedType)
    {
        var json = Json.Parse(Codec.WriteError(new Failure(kind, "something failed")));

        Assert.Equal("error", json.GetProperty("type").GetString());
        Assert.Equal(expectedType, json.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal("something failed", json.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.GetProperty("request_id").ValueKind);
    }

    [Fact]
    public void WriteError_AllKindsCovered()
    {
        foreach (var kind in Enum.GetValues<FailureKind>())
        {
            Assert.NotEmpty(Json.Parse(Codec.WriteError(new Failure(kind, "m"))).GetProperty("error").GetProperty("type").GetString()!);
        }
    }

    [Fact]
    public void WriteError_ParamAndRequestId_FoldedIntoMessageAndKept()
    {
        var failure = new Failure(FailureKind.InvalidRequest, "Field required") { Param = "max_tokens", ProviderRequestId = "req_9" };

        Assert.Equal("""{"type":"error","error":{"type":"invalid_request_error","message":"max_tokens: Field required"},"request_id":"req_9"}""",
            Encoding.UTF8.GetString(Codec.WriteError(failure)));
    }

    [Fact]
    public void WriteError_ReadRequestFailure_MessageNotDoubled()
    {
        var failure = Codec.ReadRequest(Json.Utf8("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")).Failure!;

        Assert.Equal("max_tokens: Field required", Json.Parse(Codec.WriteError(failure)).GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public void WriteError_ThenReadError_SameKindForCallerFacingKinds()
    {
        foreach (var kind in new[] { FailureKind.InvalidRequest, FailureKind.Unauthenticated, FailureKind.PermissionDenied, FailureKind.NotFound, FailureKind.PayloadTooLarge, FailureKind.RateLimited, FailureKind.QuotaExhausted, FailureKind.Overloaded, FailureKind.ServerError })
        {
            var failure = new Failure(kind, "m");
            Assert.Equal(kind, Codec.ReadError(failure.Traits.CallerStatus, Codec.WriteError(failure), null).Kind);
        }
    }
}
