using System.ClientModel;
using System.Net;
using System.Text;
using System.Text.Json;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;
using OpenAI.Chat;
using Switchyard.Testing;

namespace Switchyard.EndToEnd.Tests;

/// <summary>
/// Provider failures keep their meaning through the gateway, in the caller's format, on both doors and across formats:
/// 429 stays 429 with the provider's retry-after, overload becomes 503, other 5xx become 502, and a stream that breaks
/// after it started ends with an explicit error event — never a clean-looking end. A provider that rejects the gateway's
/// own key is a 502 the caller should not retry, never an authentication error about the caller's key.
/// </summary>
[Collection(nameof(ProviderFailureTests))] // Scenarios are global to the simulator: run these one at a time.
public sealed class ProviderFailureTests(GatewayHarness harness) : IClassFixture<GatewayHarness>, IAsyncLifetime
{
    public static TheoryData<string, string> Routes => new()
    {
        { "/v1/chat/completions", "gpt-4o-mini" },
        { "/v1/chat/completions", "claude-haiku-4-5" },
        { "/v1/messages", "claude-haiku-4-5" },
        { "/v1/messages", "gpt-4o-mini" },
    };

    public ValueTask InitializeAsync() => new(harness.ResetSimulatorAsync());

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Post_ProviderRateLimited_Returns429WithTheProvidersRetryAfter(string path, string model)
    {
        await harness.SetScenarioAsync("""{"rules":[{"fault":{"kind":"status","status":429,"retryAfterSeconds":7}}]}""");

        using var response = await harness.PostAsync(path, Body(path, model, stream: false), anthropicHeaders: IsAnthropic(path));

        Assert.Equal((HttpStatusCode)429, response.StatusCode);
        Assert.Equal("7", response.Headers.GetValues("retry-after").Single());
        Assert.Equal("true", response.Headers.GetValues("x-should-retry").Single());
        await AssertErrorBodyAsync(path, response, anthropicType: "rate_limit_error");
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Post_ProviderOverloaded_Returns503(string path, string model)
    {
        var status = model.StartsWith("claude", StringComparison.Ordinal) ? 529 : 503;
        await harness.SetScenarioAsync($$$"""{"rules":[{"fault":{"kind":"status","status":{{{status}}}}}]}""");

        using var response = await harness.PostAsync(path, Body(path, model, stream: true), anthropicHeaders: IsAnthropic(path));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        await AssertErrorBodyAsync(path, response, anthropicType: "overloaded_error");
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Post_ProviderServerError_Returns502(string path, string model)
    {
        await harness.SetScenarioAsync("""{"rules":[{"fault":{"kind":"status","status":500}}]}""");

        using var response = await harness.PostAsync(path, Body(path, model, stream: false), anthropicHeaders: IsAnthropic(path));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        await AssertErrorBodyAsync(path, response, anthropicType: "api_error");
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Post_ProviderErrorEchoesTheGatewaysKey_TheCallerGetsTheErrorWithoutTheKey(string path, string model)
    {
        // A provider, or a proxy before it, that quotes the key it was sent (the harness's are sk-sim-openai, sk-sim-anthropic).
        var key = model.StartsWith("claude", StringComparison.Ordinal) ? "sk-sim-anthropic" : "sk-sim-openai";
        await harness.SetScenarioAsync($$$"""{"rules":[{"fault":{"kind":"status","status":500,"message":"Upstream broke while checking {{{key}}}."}}]}""");

        using var response = await harness.PostAsync(path, Body(path, model, stream: false), anthropicHeaders: IsAnthropic(path));
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("Upstream broke while checking ***", body, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-sim-", body, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Post_ProviderQuotaExhausted_Returns429ThatSdksMustNotRetry(string path, string model)
    {
        var fault = model.StartsWith("gpt", StringComparison.Ordinal)
            ? """{"kind":"status","status":429,"errorType":"insufficient_quota","code":"insufficient_quota","message":"You exceeded your current quota."}"""
            : """{"kind":"status","status":402,"errorType":"billing_error","message":"Your credit balance is too low."}""";
        await harness.SetScenarioAsync($$$"""{"rules":[{"fault":{{{fault}}}}]}""");

        using var response = await harness.PostAsync(path, Body(path, model, stream: false), anthropicHeaders: IsAnthropic(path));

        Assert.Equal((HttpStatusCode)429, response.StatusCode);
        Assert.Equal("false", response.Headers.GetValues("x-should-retry").Single());
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Stream_ErrorEventAfterCommit_EndsWithAnErrorEventInTheCallersFormat(string path, string model)
    {
        await harness.SetScenarioAsync("""{"rules":[{"fault":{"kind":"errorEvent","afterEvents":4}}]}""");

        var frames = await ReadStreamAsync(path, model);

        AssertEndsWithError(path, frames);
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Stream_ConnectionCutAfterCommit_EndsWithAnErrorEventInTheCallersFormat(string path, string model)
    {
        await harness.SetScenarioAsync("""{"rules":[{"fault":{"kind":"cut","afterEvents":5}}]}""");

        var frames = await ReadStreamAsync(path, model);

        AssertEndsWithError(path, frames);
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Stream_ErrorBeforeAnyContent_IsAPlainHttpError(string path, string model)
    {
        // The simulator's default in-stream errors: Anthropic overloaded_error (→ 503), OpenAI server_error (→ 502).
        await harness.SetScenarioAsync("""{"rules":[{"fault":{"kind":"errorEvent","afterEvents":1}}]}""");
        var expected = model.StartsWith("claude", StringComparison.Ordinal) ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.BadGateway;

        using var response = await harness.PostAsync(path, Body(path, model, stream: true), anthropicHeaders: IsAnthropic(path));

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task OpenAISdk_ProviderRateLimited_RaisesClientResultExceptionWith429()
    {
        await harness.SetScenarioAsync("""{"rules":[{"fault":{"kind":"status","status":429,"retryAfterSeconds":3}}]}""");

        var ex = await Assert.ThrowsAsync<ClientResultException>(() =>
            harness.OpenAIChat("claude-haiku-4-5").CompleteChatAsync([new UserChatMessage("hi")], cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(429, ex.Status);
    }

    [Fact]
    public async Task AnthropicSdk_ProviderOverloaded_RaisesServiceUnavailable()
    {
        await harness.SetScenarioAsync("""{"rules":[{"fault":{"kind":"status","status":503}}]}""");

        await Assert.ThrowsAsync<AnthropicServiceUnavailableException>(() => harness.Anthropic().Messages.Create(
            new MessageCreateParams { Model = "gpt-4o-mini", MaxTokens = 400, Messages = [new UserMessageParam("hi")] },
            TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task OpenAISdk_ProviderRejectsTheGatewaysKey_Raises502NotAnAuthErrorAndShowsNoKey()
    {
        // The caller's own key is fine: a 401 would send them hunting for a problem that is the operator's.
        await harness.SetScenarioAsync("""{"rules":[{"fault":{"kind":"status","status":401,"message":"Incorrect API key provided: sk-live-abc123. You can find your API key at https://platform.openai.com/account/api-keys."}}]}""");

        var ex = await Assert.ThrowsAsync<ClientResultException>(() =>
            harness.OpenAIChat("gpt-4o-mini").CompleteChatAsync([new UserChatMessage("hi")], cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(502, ex.Status);
        // The same key fails the same way: an SDK retry cannot help.
        Assert.True(ex.GetRawResponse()!.Headers.TryGetValue("x-should-retry", out var shouldRetry));
        Assert.Equal("false", shouldRetry);
        var body = ex.GetRawResponse()!.Content.ToString();
        using var error = JsonDocument.Parse(body);
        Assert.Equal("provider_access_denied", error.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.StartsWith("openai rejected the gateway's provider credentials", error.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("sk-live", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnthropicSdk_ProviderForbidsTheGatewaysKey_RaisesA5xxNotAPermissionError()
    {
        await harness.SetScenarioAsync("""{"rules":[{"fault":{"kind":"status","status":403}}]}""");

        var ex = await Assert.ThrowsAsync<Anthropic5xxException>(() => harness.Anthropic().Messages.Create(
            new MessageCreateParams { Model = "claude-haiku-4-5", MaxTokens = 400, Messages = [new UserMessageParam("hi")] },
            TestContext.Current.CancellationToken));

        Assert.Contains("anthropic refused the gateway's access (403)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAISdk_StreamBrokenAfterCommit_RaisesInsteadOfEndingCleanly()
    {
        await harness.SetScenarioAsync("""{"rules":[{"fault":{"kind":"cut","afterEvents":6}}]}""");
        var client = harness.OpenAIChat("claude-haiku-4-5");

        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await foreach (var _ in client.CompleteChatStreamingAsync([new UserChatMessage("hi")], cancellationToken: TestContext.Current.CancellationToken))
            {
            }
        });
    }

    [Fact]
    public async Task AnthropicSdk_StreamBrokenAfterCommit_RaisesInsteadOfEndingCleanly()
    {
        await harness.SetScenarioAsync("""{"rules":[{"fault":{"kind":"errorEvent","afterEvents":6}}]}""");
        var request = new MessageCreateParams { Model = "gpt-4o-mini", MaxTokens = 400, Messages = [new UserMessageParam("hi")] };

        await Assert.ThrowsAnyAsync<AnthropicException>(async () =>
        {
            await foreach (var _ in harness.Anthropic().Messages.CreateStreaming(request, TestContext.Current.CancellationToken))
            {
            }
        });
    }

    private static bool IsAnthropic(string path) => path == "/v1/messages";

    private static string Body(string path, string model, bool stream) => IsAnthropic(path)
        ? JsonSerializer.Serialize(new { model, max_tokens = 400, stream, messages = new[] { new { role = "user", content = "Tell me a story." } } })
        : JsonSerializer.Serialize(new { model, stream, messages = new[] { new { role = "user", content = "Tell me a story." } } });

    private async Task<List<string>> ReadStreamAsync(string path, string model)
    {
        using var response = await harness.PostAsync(path, Body(path, model, stream: true), anthropicHeaders: IsAnthropic(path));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        // The gateway aborts a failed stream after its error event, so reading to the end must fail.
        var body = new StringBuilder();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));
        var aborted = false;
        try
        {
            var buffer = new char[4096];
            int read;
            while ((read = await reader.ReadAsync(buffer, TestContext.Current.CancellationToken)) > 0)
            {
                body.Append(buffer, 0, read);
            }
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            aborted = true;
        }

        Assert.True(aborted, "a failed stream must not end like a complete one");
        // Every frame starts with its delta-log id line; what follows is the caller's format.
        return body.ToString().Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(f => f.StartsWith("id: ", StringComparison.Ordinal) ? f[(f.IndexOf('\n', StringComparison.Ordinal) + 1)..] : f)
            .ToList();
    }

    private static void AssertEndsWithError(string path, List<string> frames)
    {
        var last = frames[^1];
        if (IsAnthropic(path))
        {
            Assert.StartsWith("event: error\n", last, StringComparison.Ordinal);
            Assert.DoesNotContain(frames, f => f.StartsWith("event: message_stop", StringComparison.Ordinal));
        }
        else
        {
            using var error = JsonDocument.Parse(last["data: ".Length..]);
            Assert.True(error.RootElement.TryGetProperty("error", out _), $"last frame should be an error: {last}");
            Assert.DoesNotContain("data: [DONE]", frames);
        }

        Assert.True(frames.Count > 2, "content was streamed before the break");
    }

    private static async Task AssertErrorBodyAsync(string path, HttpResponseMessage response, string anthropicType)
    {
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        if (IsAnthropic(path))
        {
            Assert.Equal("error", body.RootElement.GetProperty("type").GetString());
            Assert.Equal(anthropicType, body.RootElement.GetProperty("error").GetProperty("type").GetString());
        }
        else
        {
            Assert.False(string.IsNullOrEmpty(body.RootElement.GetProperty("error").GetProperty("message").GetString()));
        }
    }
}
