using System.Net;
using System.Text.Json;

namespace Switchyard.Simulator.Tests;

/// <summary>Raw HTTP checks of the Anthropic wire format: event sequence, headers, validation errors.</summary>
public sealed class AnthropicWireTests
{
    [Fact]
    public async Task Stream_Text_EventSequenceMatchesRecordedTraffic()
    {
        await using var host = await SimulatorHost.StartAsync();
        var ct = TestContext.Current.CancellationToken;

        using var response = await host.Http.SendAsync(SimulatorHost.Anthropic(Requests.AnthropicChat("Hi", extra: ""","stream":true""")), ct);
        var body = await response.Content.ReadAsStringAsync(ct);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.ToString());
        var names = Sse.EventNames(body);
        Assert.Equal(["message_start", "content_block_start", "ping"], names.Take(3));
        Assert.Equal(["content_block_stop", "message_delta", "message_stop"], names.TakeLast(3));
        Assert.All(names.Skip(3).SkipLast(3), n => Assert.Equal("content_block_delta", n));
        foreach (var e in Sse.Events(body))
        {
            using var data = JsonDocument.Parse(Sse.Data(e));
            Assert.Equal(e.Split('\n')[0]["event: ".Length..], data.RootElement.GetProperty("type").GetString());
        }

        using var start = JsonDocument.Parse(Sse.Data(Sse.Events(body)[0]));
        var usage = start.RootElement.GetProperty("message").GetProperty("usage");
        Assert.Equal(1, usage.GetProperty("output_tokens").GetInt32());
        Assert.True(usage.GetProperty("input_tokens").GetInt32() > 0);
        using var delta = JsonDocument.Parse(Sse.Data(Sse.Events(body)[^2]));
        Assert.Equal("end_turn", delta.RootElement.GetProperty("delta").GetProperty("stop_reason").GetString());
        Assert.Equal(usage.GetProperty("input_tokens").GetInt32(), delta.RootElement.GetProperty("usage").GetProperty("input_tokens").GetInt32());
    }

    [Fact]
    public async Task Response_Always_CarriesAnthropicHeaders()
    {
        await using var host = await SimulatorHost.StartAsync();
        var ct = TestContext.Current.CancellationToken;

        using var response = await host.Http.SendAsync(SimulatorHost.Anthropic(Requests.AnthropicChat("Hi")), ct);

        Assert.StartsWith("req_011C", response.Headers.GetValues("request-id").Single(), StringComparison.Ordinal);
        Assert.True(response.Headers.Contains("anthropic-organization-id"));
        foreach (var kind in new[] { "requests", "tokens", "input-tokens", "output-tokens" })
        {
            Assert.True(long.TryParse(response.Headers.GetValues($"anthropic-ratelimit-{kind}-limit").Single(), out _));
            Assert.True(long.TryParse(response.Headers.GetValues($"anthropic-ratelimit-{kind}-remaining").Single(), out _));
            var reset = response.Headers.GetValues($"anthropic-ratelimit-{kind}-reset").Single();
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", reset);
        }
    }

    [Fact]
    public async Task Post_BearerAuthAndNoVersion_Accepted()
    {
        await using var host = await SimulatorHost.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages") { Content = SimulatorHost.Json(Requests.AnthropicChat("Hi")) };
        request.Headers.Authorization = new("Bearer", "oauth-token");

        using var response = await host.Http.SendAsync(request, ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(null, 401, "authentication_error")]
    [InlineData("""{"model":"claude-x","messages":[{"role":"user","content":"x"}]}""", 400, "invalid_request_error")]
    [InlineData("""{"max_tokens":5,"messages":[{"role":"user","content":"x"}]}""", 400, "invalid_request_error")]
    [InlineData("""{"model":"claude-x","max_tokens":5}""", 400, "invalid_request_error")]
    [InlineData("{broken", 400, "invalid_request_error")]
    [InlineData("""{"model":"gpt-4o","max_tokens":5,"messages":[{"role":"user","content":"x"}]}""", 404, "not_found_error")]
    public async Task Post_Invalid_AnthropicErrorFormat(string? body, int status, string type)
    {
        await using var host = await SimulatorHost.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        using var request = body is null
            ? new HttpRequestMessage(HttpMethod.Post, "/v1/messages") { Content = SimulatorHost.Json(Requests.AnthropicChat("x")) }
            : SimulatorHost.Anthropic(body);

        using var response = await host.Http.SendAsync(request, ct);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("error", json.RootElement.GetProperty("type").GetString());
        Assert.Equal(type, json.RootElement.GetProperty("error").GetProperty("type").GetString());
        Assert.StartsWith("req_011C", json.RootElement.GetProperty("request_id").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("100.0", 200, null)]
    [InlineData("1e2", 200, null)]
    [InlineData("100.5", 400, "max_tokens: Input should be a valid integer")]
    [InlineData("\"100\"", 400, "max_tokens: Input should be a valid integer")]
    public async Task Post_MaxTokensAsANumberWithAZeroFraction_IsTakenAsTheAPIsLaxValidationTakesIt(string maxTokens, int status, string? message)
    {
        await using var host = await SimulatorHost.StartAsync();
        var ct = TestContext.Current.CancellationToken;

        using var response = await host.Http.SendAsync(SimulatorHost.Anthropic($$"""{"model":"claude-haiku-4-5","max_tokens":{{maxTokens}},"messages":[{"role":"user","content":"x"}]}"""), ct);

        Assert.Equal(status, (int)response.StatusCode);
        if (message is not null)
        {
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            Assert.Equal(message, json.RootElement.GetProperty("error").GetProperty("message").GetString());
        }
    }

    [Fact]
    public async Task Post_PrefillWithTrailingWhitespace_400()
    {
        await using var host = await SimulatorHost.StartAsync();
        var ct = TestContext.Current.CancellationToken;

        using var response = await host.Http.SendAsync(SimulatorHost.Anthropic(Requests.AnthropicWithPrefill("Hi", "Once upon ")), ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("final assistant content cannot end with trailing whitespace", await response.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
    }
}
