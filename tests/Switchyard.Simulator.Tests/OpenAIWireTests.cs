using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Switchyard.Simulator.Tests;

/// <summary>Raw HTTP checks of the OpenAI wire format: framing, headers, validation errors.</summary>
public sealed partial class OpenAIWireTests
{
    [Fact]
    public async Task Stream_WithUsage_FramingMatchesRecordedTraffic()
    {
        await using var host = await SimulatorHost.StartAsync();
        var ct = TestContext.Current.CancellationToken;

        using var response = await host.Http.SendAsync(SimulatorHost.OpenAI(Requests.OpenAIChat("Hi", extra: ""","stream":true,"stream_options":{"include_usage":true}""")), ct);
        var body = await response.Content.ReadAsStringAsync(ct);

        Assert.Equal("text/event-stream; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        var events = Sse.Events(body);
        Assert.All(events, e => Assert.StartsWith("data: ", e, StringComparison.Ordinal));
        Assert.Equal("data: [DONE]", events[^1]);
        using var first = JsonDocument.Parse(Sse.Data(events[0]));
        var delta = first.RootElement.GetProperty("choices")[0].GetProperty("delta");
        Assert.Equal("""{"role":"assistant","content":"","refusal":null}""", delta.GetRawText());
        Assert.Equal(JsonValueKind.Null, first.RootElement.GetProperty("usage").ValueKind);
        Assert.True(first.RootElement.TryGetProperty("obfuscation", out _));
        using var finish = JsonDocument.Parse(Sse.Data(events[^3]));
        Assert.Equal("{}", finish.RootElement.GetProperty("choices")[0].GetProperty("delta").GetRawText());
        Assert.Equal("stop", finish.RootElement.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        using var usage = JsonDocument.Parse(Sse.Data(events[^2]));
        Assert.Equal(0, usage.RootElement.GetProperty("choices").GetArrayLength());
        Assert.True(usage.RootElement.GetProperty("usage").GetProperty("completion_tokens").GetInt32() > 0);
        var text = string.Concat(events.Skip(1).SkipLast(3).Select(e => JsonDocument.Parse(Sse.Data(e)).RootElement.GetProperty("choices")[0].GetProperty("delta").GetProperty("content").GetString()));
        Assert.Equal(SimulatedText.Predict(SimulatorApi.OpenAIChatCompletions, Requests.OpenAIChat("Hi"), 42).Text, text);
    }

    [Fact]
    public async Task Stream_WithoutUsageAndObfuscation_NoUsageChunkNoObfuscation()
    {
        await using var host = await SimulatorHost.StartAsync();
        var ct = TestContext.Current.CancellationToken;

        using var response = await host.Http.SendAsync(SimulatorHost.OpenAI(Requests.OpenAIChat("Hi", extra: ""","stream":true,"stream_options":{"include_obfuscation":false}""")), ct);
        var body = await response.Content.ReadAsStringAsync(ct);

        Assert.DoesNotContain("obfuscation", body, StringComparison.Ordinal);
        Assert.DoesNotContain("\"usage\"", body, StringComparison.Ordinal);
        Assert.Contains("\"finish_reason\":\"stop\"", Sse.Events(body)[^2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Response_Always_CarriesOpenAIHeadersWithDecreasingRemaining()
    {
        await using var host = await SimulatorHost.StartAsync();
        var ct = TestContext.Current.CancellationToken;

        using var first = await host.Http.SendAsync(SimulatorHost.OpenAI(Requests.OpenAIChat("Hi")), ct);
        using var second = await host.Http.SendAsync(SimulatorHost.OpenAI(Requests.OpenAIChat("Hi")), ct);

        Assert.Matches(RequestId(), Header(first, "x-request-id"));
        Assert.Equal("2020-10-01", Header(first, "openai-version"));
        Assert.True(int.TryParse(Header(first, "openai-processing-ms"), out _));
        Assert.Matches(GoDuration(), Header(first, "x-ratelimit-reset-requests"));
        Assert.Matches(GoDuration(), Header(first, "x-ratelimit-reset-tokens"));
        Assert.Equal(Header(first, "x-ratelimit-limit-requests"), Header(second, "x-ratelimit-limit-requests"));
        Assert.Equal(long.Parse(Header(first, "x-ratelimit-remaining-requests")) - 1, long.Parse(Header(second, "x-ratelimit-remaining-requests")));
        Assert.True(long.Parse(Header(second, "x-ratelimit-remaining-tokens")) < long.Parse(Header(first, "x-ratelimit-remaining-tokens")));
    }

    [Theory]
    [InlineData("{not json", 400, null)]
    [InlineData("""{"messages":[{"role":"user","content":"x"}]}""", 400, null)]
    [InlineData("""{"model":"gpt-4o"}""", 400, "missing_required_parameter")]
    [InlineData("""{"model":"mistral-large","messages":[{"role":"user","content":"x"}]}""", 404, "model_not_found")]
    public async Task Post_InvalidBody_ProviderErrorFormat(string body, int status, string? code)
    {
        await using var host = await SimulatorHost.StartAsync();
        var ct = TestContext.Current.CancellationToken;

        using var response = await host.Http.SendAsync(SimulatorHost.OpenAI(body), ct);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));

        Assert.Equal(status, (int)response.StatusCode);
        var error = json.RootElement.GetProperty("error");
        Assert.Equal(["message", "type", "param", "code"], error.EnumerateObject().Select(p => p.Name));
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal(code, error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Post_NoApiKey_401InvalidApiKey()
    {
        await using var host = await SimulatorHost.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = SimulatorHost.Json(Requests.OpenAIChat("x")) };

        using var response = await host.Http.SendAsync(request, ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("invalid_api_key", await response.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Models_Get_ListsKnownModels()
    {
        await using var host = await SimulatorHost.StartAsync();

        using var json = JsonDocument.Parse(await host.Http.GetStringAsync("/v1/models", TestContext.Current.CancellationToken));

        Assert.Equal("list", json.RootElement.GetProperty("object").GetString());
        var ids = json.RootElement.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()).ToList();
        Assert.Equal(["gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini", "gpt-4.1-nano", "o3", "o4-mini", "gpt-5"], ids);
    }

    [Fact]
    public async Task Stream_ParallelTools_TwoIndexedCalls()
    {
        await using var host = await SimulatorHost.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        const string Tools = ""","stream":true,"tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}},{"type":"function","function":{"name":"get_time","parameters":{"type":"object","properties":{"zone":{"type":"string"}}}}}]""";

        using var response = await host.Http.SendAsync(SimulatorHost.OpenAI(Requests.OpenAIChat("call get_weather and get_time", extra: Tools)), ct);
        var body = await response.Content.ReadAsStringAsync(ct);

        Assert.Contains("\"index\":0,\"id\":\"call_", body, StringComparison.Ordinal);
        Assert.Contains("\"index\":1,\"id\":\"call_", body, StringComparison.Ordinal);
        Assert.Contains("\"finish_reason\":\"tool_calls\"", body, StringComparison.Ordinal);
    }

    private static string Header(HttpResponseMessage response, string name) => response.Headers.GetValues(name).Single();

    [GeneratedRegex("^req_[0-9a-f]{32}$")]
    private static partial Regex RequestId();

    [GeneratedRegex(@"^(\d+h)?(\d+m)?(\d+(\.\d+)?s|\d+ms)$")]
    private static partial Regex GoDuration();
}
