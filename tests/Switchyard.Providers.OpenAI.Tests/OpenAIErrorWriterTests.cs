using System.Text.Json;
using Switchyard.Failures;

namespace Switchyard.Providers.OpenAI.Tests;

/// <summary>WriteError: failures as OpenAI error bodies.</summary>
public sealed class OpenAIErrorWriterTests
{
    [Theory]
    [InlineData(FailureKind.InvalidRequest, "invalid_request_error", null)]
    [InlineData(FailureKind.Unauthenticated, "invalid_request_error", "invalid_api_key")]
    [InlineData(FailureKind.NotFound, "invalid_request_error", null)]
    [InlineData(FailureKind.RateLimited, "requests", "rate_limit_exceeded")]
    [InlineData(FailureKind.QuotaExhausted, "insufficient_quota", "insufficient_quota")]
    [InlineData(FailureKind.BudgetExceeded, "insufficient_quota", "budget_exceeded")]
    [InlineData(FailureKind.Overloaded, "service_unavailable_error", "server_is_overloaded")]
    [InlineData(FailureKind.ServerError, "server_error", null)]
    [InlineData(FailureKind.StreamBroken, "server_error", "stream_broken")]
    [InlineData(FailureKind.ProviderAccessDenied, "server_error", "provider_access_denied")]
    [InlineData(FailureKind.ConnectFailed, "server_error", "connect_failed")]
    [InlineData(FailureKind.FirstTokenTimeout, "timeout", "first_token_timeout")]
    [InlineData(FailureKind.IdleTimeout, "timeout", "idle_timeout")]
    [InlineData(FailureKind.DeadlineExceeded, "timeout", "deadline_exceeded")]
    [InlineData(FailureKind.PayloadTooLarge, "invalid_request_error", "request_too_large")]
    [InlineData(FailureKind.ContextTooLong, "invalid_request_error", "context_length_exceeded")]
    [InlineData(FailureKind.ContentFiltered, "invalid_request_error", "content_filter")]
    [InlineData(FailureKind.CircuitOpen, "service_unavailable_error", "circuit_open")]
    public void WriteError_GatewayFailure_UsesTheKindsTypeAndCode(FailureKind kind, string type, string? code)
    {
        var error = Write(new Failure(kind, "Something happened.") { Param = "messages" });

        Assert.Equal("Something happened.", error.GetProperty("message").GetString());
        Assert.Equal(type, error.GetProperty("type").GetString());
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Equal("messages", error.GetProperty("param").GetString());
    }

    [Fact]
    public void WriteError_NotFound_IsModelNotFoundOnlyWhenAboutAModel()
    {
        var unknownModel = Write(new Failure(FailureKind.NotFound, "no such model") { Param = "model", ProviderErrorCode = "model_not_found" });
        var fromAnthropic = Write(new Failure(FailureKind.NotFound, "model: claude-x") { Provider = "anthropic", ProviderErrorType = "not_found_error" });
        var storedResponse = Write(new Failure(FailureKind.NotFound, "No response found with id 'resp_x'."));

        Assert.Equal("model_not_found", unknownModel.GetProperty("code").GetString());
        Assert.Equal("model_not_found", fromAnthropic.GetProperty("code").GetString());
        Assert.Equal(JsonValueKind.Null, storedResponse.GetProperty("code").ValueKind);
    }

    [Fact]
    public void WriteError_EveryKind_WritesAllFourKeys()
    {
        foreach (var kind in Enum.GetValues<FailureKind>())
        {
            var error = Write(new Failure(kind, "m"));

            Assert.Equal(["message", "type", "param", "code"], error.EnumerateObject().Select(p => p.Name));
            Assert.False(string.IsNullOrEmpty(error.GetProperty("type").GetString()));
        }
    }

    [Fact]
    public void WriteError_OpenAIFailure_KeepsOpenAIsOwnTypeAndCode()
    {
        var failure = OpenAIChatCodec.Instance.ReadError(
            400, """{"error":{"message":"Invalid schema","type":"invalid_request_error","param":"tools[0].function.parameters","code":"invalid_function_parameters"}}"""u8, null);

        var error = Write(failure);

        Assert.Equal("invalid_function_parameters", error.GetProperty("code").GetString());
        Assert.Equal("tools[0].function.parameters", error.GetProperty("param").GetString());
    }

    [Fact]
    public void WriteError_AnthropicFailure_UsesTheKindNotAnthropicsType()
    {
        var error = Write(new Failure(FailureKind.Overloaded, "Overloaded") { Provider = "anthropic", ProviderErrorType = "overloaded_error" });

        Assert.Equal("service_unavailable_error", error.GetProperty("type").GetString());
    }

    [Fact]
    public void WriteError_InvalidRequestFromReadRequest_NamesTheParam()
    {
        var result = OpenAIChatCodec.Instance.ReadRequest("""{"model":"m","messages":[{"role":"user","content":"x"}],"temperature":9}"""u8.ToArray());

        var error = Write(result.Failure!);

        Assert.Equal("temperature", error.GetProperty("param").GetString());
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
    }

    private static JsonElement Write(Failure failure) =>
        JsonDocument.Parse(OpenAIChatCodec.Instance.WriteError(failure)).RootElement.GetProperty("error");
}
