using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Anthropic;
using Anthropic.Models.Messages;

namespace Switchyard.Simulator.Tests;

/// <summary>
/// <c>POST /v1/messages/count_tokens</c> and <c>POST /v1/responses/input_tokens</c>: the count equals the prompt usage the
/// generation endpoint reports for the same body; validation, faults and the request log work as for other calls.
/// </summary>
public sealed class TokenCountTests
{
    private const string Tools = ""","tools":[{"name":"get_weather","description":"Weather for a city","input_schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}]""";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static HttpRequestMessage CountTokens(string? body, bool withKey = true)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages/count_tokens") { Content = SimulatorHost.Json(body ?? "{}") };
        if (withKey)
        {
            request.Headers.Add("x-api-key", "sk-ant-test");
        }

        request.Headers.Add("anthropic-version", "2023-06-01");
        return request;
    }

    private static HttpRequestMessage InputTokens(string body) => SimulatorHost.OpenAIRequest(HttpMethod.Post, "/v1/responses/input_tokens", body);

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone();

    [Fact]
    public async Task CountTokens_SameBodyAsMessages_EqualsReportedInputTokens()
    {
        await using var host = await SimulatorHost.StartAsync();
        var body = Requests.AnthropicChat("What is the weather in Oslo? Answer at length, please.", extra: Tools);
        using var created = await host.Http.SendAsync(SimulatorHost.Anthropic(body), Ct);
        var reported = (await JsonAsync(created)).GetProperty("usage").GetProperty("input_tokens").GetInt32();

        // count_tokens takes no max_tokens; the count must not depend on it.
        using var counted = await host.Http.SendAsync(CountTokens(body.Replace("\"max_tokens\":1024,", "", StringComparison.Ordinal)), Ct);
        var count = await JsonAsync(counted);

        Assert.Equal(HttpStatusCode.OK, counted.StatusCode);
        Assert.Equal(reported, count.GetProperty("input_tokens").GetInt32());
        Assert.Equal(["input_tokens"], count.EnumerateObject().Select(p => p.Name));
        Assert.StartsWith("req_011C", counted.Headers.GetValues("request-id").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CountTokens_OfficialSdk_EqualsCreateUsage()
    {
        await using var host = await SimulatorHost.StartAsync();
        var client = new AnthropicClient { ApiKey = "k", BaseUrl = host.BaseAddress.ToString().TrimEnd('/'), MaxRetries = 0 };

        var message = await client.Messages.Create(new MessageCreateParams { MaxTokens = 64, Model = "claude-haiku-4-5", System = "Be brief.", Messages = [new UserMessageParam("Count me in, all of me.")] }, Ct);
        var count = await client.Messages.CountTokens(new MessageCountTokensParams { Model = "claude-haiku-4-5", System = "Be brief.", Messages = [new UserMessageParam("Count me in, all of me.")] }, Ct);

        Assert.Equal(message.Usage.InputTokens, count.InputTokens);
    }

    [Fact]
    public async Task InputTokens_SameBodyAsResponses_EqualsReportedInputTokens()
    {
        await using var host = await SimulatorHost.StartAsync();
        var tools = ""","tools":[{"type":"function","name":"get_weather","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}]""";
        var body = Requests.Responses("How warm is it in Lisbon today?", extra: tools);
        using var created = await host.Http.SendAsync(SimulatorHost.Responses(body), Ct);
        var reported = (await JsonAsync(created)).GetProperty("usage").GetProperty("input_tokens").GetInt32();

        using var counted = await host.Http.SendAsync(InputTokens(body), Ct);
        var count = await JsonAsync(counted);

        Assert.Equal(HttpStatusCode.OK, counted.StatusCode);
        Assert.Equal("response.input_tokens", count.GetProperty("object").GetString());
        Assert.Equal(reported, count.GetProperty("input_tokens").GetInt32());
        Assert.StartsWith("req_", counted.Headers.GetValues("x-request-id").Single(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, 401, "authentication_error")]
    [InlineData("""{"messages":[{"role":"user","content":"x"}]}""", 400, "invalid_request_error")]
    [InlineData("""{"model":"claude-haiku-4-5"}""", 400, "invalid_request_error")]
    [InlineData("{broken", 400, "invalid_request_error")]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user","content":"x"}]}""", 404, "not_found_error")]
    public async Task CountTokens_Invalid_AnthropicErrorFormat(string? body, int status, string type)
    {
        await using var host = await SimulatorHost.StartAsync();

        using var response = await host.Http.SendAsync(CountTokens(body ?? """{"model":"claude-haiku-4-5","messages":[{"role":"user","content":"x"}]}""", withKey: body is not null), Ct);
        var json = await JsonAsync(response);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("error", json.GetProperty("type").GetString());
        Assert.Equal(type, json.GetProperty("error").GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("""{"input":"x"}""", 400, "missing_required_parameter")]
    [InlineData("""{"model":"gpt-4o"}""", 400, "missing_required_parameter")]
    [InlineData("{broken", 400, null)]
    [InlineData("""{"model":"claude-haiku-4-5","input":"x"}""", 404, "model_not_found")]
    public async Task InputTokens_Invalid_OpenAIErrorFormat(string body, int status, string? code)
    {
        await using var host = await SimulatorHost.StartAsync();

        using var response = await host.Http.SendAsync(InputTokens(body), Ct);
        var error = (await JsonAsync(response)).GetProperty("error");

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal(code, error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task CountTokens_ProviderStatusRule_AppliesButMessagesOnlyRuleDoesNot()
    {
        await using var host = await SimulatorHost.StartAsync(scenarioJson: """
            {"rules":[
              {"api":"messages","fault":{"kind":"status","status":500}},
              {"provider":"anthropic","count":1,"fault":{"kind":"status","status":503,"retryAfterSeconds":2}}
            ]}
            """);
        var body = """{"model":"claude-haiku-4-5","messages":[{"role":"user","content":"x"}]}""";

        using var refused = await host.Http.SendAsync(CountTokens(body), Ct);
        var error = await JsonAsync(refused);
        using var served = await host.Http.SendAsync(CountTokens(body), Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("api_error", error.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal("2", refused.Headers.GetValues("retry-after").Single());
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    [Fact]
    public async Task InputTokens_ApiRule_Returns429()
    {
        await using var host = await SimulatorHost.StartAsync(scenarioJson: """{"rules":[{"api":"input_tokens","fault":{"kind":"status","status":429}}]}""");

        using var refused = await host.Http.SendAsync(InputTokens(Requests.Responses("x")), Ct);
        using var generated = await host.Http.SendAsync(SimulatorHost.Responses(Requests.Responses("x")), Ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("rate_limit_exceeded", (await JsonAsync(refused)).GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, generated.StatusCode);
    }

    [Fact]
    public async Task Counts_Always_RecordedInRequestLogAndStats()
    {
        await using var host = await SimulatorHost.StartAsync();

        using var anthropic = await host.Http.SendAsync(CountTokens("""{"model":"claude-haiku-4-5","messages":[{"role":"user","content":"x"}]}"""), Ct);
        using var openAI = await host.Http.SendAsync(InputTokens(Requests.Responses("x", model: "gpt-4o-mini")), Ct);
        var captured = await host.Http.GetFromJsonAsync<JsonElement>(new Uri(host.BaseAddress, "/_sim/requests"), Ct);
        var stats = await host.Http.GetFromJsonAsync<JsonElement>(new Uri(host.BaseAddress, "/_sim/stats"), Ct);

        var requests = captured.GetProperty("requests").EnumerateArray().Select(r => (r.GetProperty("path").GetString(), r.GetProperty("body").GetProperty("model").GetString())).ToList();
        Assert.Equal([("/v1/messages/count_tokens", "claude-haiku-4-5"), ("/v1/responses/input_tokens", "gpt-4o-mini")], requests);
        Assert.Equal(1, stats.GetProperty("byApi").GetProperty("count_tokens").GetInt32());
        Assert.Equal(1, stats.GetProperty("byApi").GetProperty("input_tokens").GetInt32());
        Assert.Equal(1, stats.GetProperty("byPath").GetProperty("/v1/messages/count_tokens").GetInt32());
    }
}
