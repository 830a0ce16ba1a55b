using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Switchyard.Simulator.Tests;

/// <summary>Scenario-driven faults, observed with a raw HttpClient.</summary>
public sealed class FaultTests
{
    private static async Task<string> ReadPartialAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var text = new StringBuilder();
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new byte[4096];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, ct)) > 0)
            {
                text.Append(Encoding.UTF8.GetString(buffer, 0, read));
            }
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            text.Append("<aborted>");
        }

        return text.ToString();
    }

    private static async Task<string> StreamAsync(SimulatorHost host, HttpRequestMessage request, CancellationToken ct)
    {
        // A fresh client per stream: an aborted connection must not be picked from the pool for the next request.
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ReadPartialAsync(response, ct);
    }

    [Fact]
    public async Task Cut_AfterEvents_StreamEndsWithoutTerminalEvent()
    {
        await using var host = await SimulatorHost.StartAsync(scenarioJson: """{"rules":[{"fault":{"kind":"cut","afterEvents":3}}]}""");
        var ct = TestContext.Current.CancellationToken;

        var openAi = await StreamAsync(host, SimulatorHost.OpenAI(Requests.OpenAIChat("Hi", extra: ""","stream":true""")), ct);
        var anthropic = await StreamAsync(host, SimulatorHost.Anthropic(Requests.AnthropicChat("Hi", extra: ""","stream":true""")), ct);

        Assert.Equal(3, Sse.Events(openAi.Replace("<aborted>", "", StringComparison.Ordinal)).Count);
        Assert.DoesNotContain("[DONE]", openAi, StringComparison.Ordinal);
        Assert.Equal(["message_start", "content_block_start", "ping"], Sse.EventNames(anthropic.Replace("<aborted>", "", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ErrorEvent_OpenAI_ErrorChunkThenCloseWithoutDone()
    {
        await using var host = await SimulatorHost.StartAsync(scenarioJson: """{"rules":[{"fault":{"kind":"errorEvent","afterEvents":2}}]}""");
        var ct = TestContext.Current.CancellationToken;

        var body = await StreamAsync(host, SimulatorHost.OpenAI(Requests.OpenAIChat("Hi", extra: ""","stream":true""")), ct);

        var events = Sse.Events(body);
        Assert.Equal(3, events.Count);
        Assert.Equal("""data: {"error":{"message":"The server had an error while processing your request. Sorry about that!","type":"server_error","param":null,"code":null}}""", events[2]);
    }

    [Fact]
    public async Task ErrorEvent_AnthropicWithType_ErrorEventThenCloseWithoutMessageStop()
    {
        await using var host = await SimulatorHost.StartAsync(scenarioJson: """{"rules":[{"fault":{"kind":"errorEvent","afterEvents":4,"errorType":"api_error","message":"boom"}}]}""");
        var ct = TestContext.Current.CancellationToken;

        var body = await StreamAsync(host, SimulatorHost.Anthropic(Requests.AnthropicChat("Hi", extra: ""","stream":true""")), ct);

        var events = Sse.Events(body);
        Assert.Equal(5, events.Count);
        Assert.Equal("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"boom\"}}", events[4]);
    }

    [Fact]
    public async Task Duplicate_AnthropicAfterFirstEvent_SecondMessageStart()
    {
        await using var host = await SimulatorHost.StartAsync(scenarioJson: """{"rules":[{"fault":{"kind":"duplicate","afterEvents":1,"count":1}}]}""");
        var ct = TestContext.Current.CancellationToken;

        var body = await StreamAsync(host, SimulatorHost.Anthropic(Requests.AnthropicChat("Hi", extra: ""","stream":true""")), ct);

        var names = Sse.EventNames(body);
        Assert.Equal(["message_start", "message_start", "content_block_start"], names.Take(3));
        Assert.Equal("message_stop", names[^1]);
    }

    [Fact]
    public async Task Duplicate_OpenAIAfterFourEvents_RepeatsPreviousTwoChunks()
    {
        await using var host = await SimulatorHost.StartAsync(scenarioJson: """{"rules":[{"fault":{"kind":"duplicate","afterEvents":4,"count":2}}]}""");
        var ct = TestContext.Current.CancellationToken;

        var body = await StreamAsync(host, SimulatorHost.OpenAI(Requests.OpenAIChat("Hi", extra: ""","stream":true,"stream_options":{"include_obfuscation":false}""")), ct);

        var events = Sse.Events(body);
        Assert.Equal(events[2], events[4]);
        Assert.Equal(events[3], events[5]);
        Assert.Equal("data: [DONE]", events[^1]);
    }

    [Fact]
    public async Task Overlap_Continuation_RepeatsTailOfPrefillBeforeRemainder()
    {
        await using var host = await SimulatorHost.StartAsync(scenarioJson: """{"rules":[{"fault":{"kind":"overlap","chars":10}}]}""");
        var ct = TestContext.Current.CancellationToken;
        var full = SimulatedText.Predict(SimulatorApi.OpenAIChatCompletions, Requests.OpenAIChat("Tell me"), 42).Text;
        var prefix = full[..60];

        using var response = await host.Http.SendAsync(SimulatorHost.OpenAI(Requests.OpenAIWithPrefill("Tell me", prefix)), ct);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));

        var content = json.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString();
        Assert.Equal(full[50..], content);
    }

    [Fact]
    public async Task Stall_BeforeFirstToken_DelaysFirstEvent()
    {
        await using var host = await SimulatorHost.StartAsync(scenarioJson: """{"rules":[{"fault":{"kind":"stall","seconds":0.4}}]}""");
        var ct = TestContext.Current.CancellationToken;
        var clock = Stopwatch.StartNew();

        using var response = await host.Http.SendAsync(SimulatorHost.OpenAI(Requests.OpenAIChat("Hi", extra: ""","stream":true""")), HttpCompletionOption.ResponseHeadersRead, ct);
        var headers = clock.Elapsed;
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        _ = await stream.ReadAsync(new byte[16], ct);
        var firstByte = clock.Elapsed;

        Assert.True(headers < TimeSpan.FromMilliseconds(350), $"headers after {headers}");
        Assert.True(firstByte >= TimeSpan.FromMilliseconds(380), $"first byte after {firstByte}");
    }

    [Fact]
    public async Task Stall_AfterEventsNonStreaming_DelaysResponse()
    {
        await using var host = await SimulatorHost.StartAsync(scenarioJson: """{"rules":[{"stream":false,"fault":{"kind":"stall","seconds":0.3}}]}""");
        var clock = Stopwatch.StartNew();

        using var response = await host.Http.SendAsync(SimulatorHost.Anthropic(Requests.AnthropicChat("Hi")), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(280));
    }

    [Fact]
    public async Task Latency_FirstTokenAndRate_NonStreamingWaitsForWholeOutput()
    {
        await using var host = await SimulatorHost.StartAsync(
            new SimulatorOptions { MinOutputTokens = 20, MaxOutputTokens = 20 },
            """{"latency":{"firstTokenMs":100,"tokensPerSecond":100}}""");
        var clock = Stopwatch.StartNew();

        using var response = await host.Http.SendAsync(SimulatorHost.OpenAI(Requests.OpenAIChat("Hi")), TestContext.Current.CancellationToken);

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(280), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Reset_Request_ConnectionAbortedWithoutResponse()
    {
        await using var host = await SimulatorHost.StartAsync(scenarioJson: """{"rules":[{"fault":{"kind":"reset"}}]}""");

        await Assert.ThrowsAsync<HttpRequestException>(() => host.Http.SendAsync(SimulatorHost.OpenAI(Requests.OpenAIChat("Hi")), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Status429_RetryAfterAndCount_OnlyFirstRequestLimited()
    {
        await using var host = await SimulatorHost.StartAsync(scenarioJson: """{"rules":[{"provider":"openai","model":"gpt-4o*","count":1,"fault":{"kind":"status","status":429,"retryAfterSeconds":2}}]}""");
        var ct = TestContext.Current.CancellationToken;

        using var limited = await host.Http.SendAsync(SimulatorHost.OpenAI(Requests.OpenAIChat("Hi")), ct);
        using var next = await host.Http.SendAsync(SimulatorHost.OpenAI(Requests.OpenAIChat("Hi")), ct);
        using var anthropic = await host.Http.SendAsync(SimulatorHost.Anthropic(Requests.AnthropicChat("Hi")), ct);
        using var json = JsonDocument.Parse(await limited.Content.ReadAsStringAsync(ct));

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("2", limited.Headers.GetValues("retry-after").Single());
        Assert.False(limited.Headers.Contains("retry-after-ms"));
        Assert.Equal("requests", json.RootElement.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal("rate_limit_exceeded", json.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal(HttpStatusCode.OK, anthropic.StatusCode);
    }

    [Fact]
    public async Task Status_ErrorTypeOverride_InsufficientQuotaBody()
    {
        await using var host = await SimulatorHost.StartAsync(scenarioJson: """{"rules":[{"fault":{"kind":"status","status":429,"errorType":"insufficient_quota","message":"You exceeded your current quota."}}]}""");
        var ct = TestContext.Current.CancellationToken;

        using var response = await host.Http.SendAsync(SimulatorHost.OpenAI(Requests.OpenAIChat("Hi")), ct);

        Assert.Equal(
            """{"error":{"message":"You exceeded your current quota.","type":"insufficient_quota","param":null,"code":"insufficient_quota"}}""",
            await response.Content.ReadAsStringAsync(ct));
    }

    [Fact]
    public async Task Status_AnthropicOverloaded_529Body()
    {
        await using var host = await SimulatorHost.StartAsync(scenarioJson: """{"rules":[{"path":"/v1/messages","fault":{"kind":"status","status":529}}]}""");
        var ct = TestContext.Current.CancellationToken;

        using var response = await host.Http.SendAsync(SimulatorHost.Anthropic(Requests.AnthropicChat("Hi")), ct);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));

        Assert.Equal(529, (int)response.StatusCode);
        Assert.Equal("overloaded_error", json.RootElement.GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Probability_SameSeed_SameHitPattern()
    {
        const string Scenario = """{"seed":5,"rules":[{"probability":0.5,"fault":{"kind":"status","status":500}}]}""";
        var patterns = new List<string>();
        for (var run = 0; run < 2; run++)
        {
            await using var host = await SimulatorHost.StartAsync(scenarioJson: Scenario);
            var pattern = new StringBuilder();
            for (var i = 0; i < 16; i++)
            {
                using var response = await host.Http.SendAsync(SimulatorHost.OpenAI(Requests.OpenAIChat("Hi", extra: ""","max_tokens":1""")), TestContext.Current.CancellationToken);
                pattern.Append(response.StatusCode == HttpStatusCode.OK ? '.' : 'X');
            }

            patterns.Add(pattern.ToString());
        }

        Assert.Equal(patterns[0], patterns[1]);
        Assert.Contains('X', patterns[0]);
        Assert.Contains('.', patterns[0]);
    }

    [Fact]
    public async Task TimeWindow_RuleNotYetActive_NoFault()
    {
        await using var host = await SimulatorHost.StartAsync(scenarioJson: """{"rules":[{"fromSeconds":60,"fault":{"kind":"status","status":500}}]}""");

        using var response = await host.Http.SendAsync(SimulatorHost.OpenAI(Requests.OpenAIChat("Hi")), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
