using System.Net;
using System.Text.Json;

namespace Switchyard.Simulator.Tests;

/// <summary>Raw HTTP checks of the Responses API wire format against the recorded traffic (PROTOCOLS §2).</summary>
public sealed class ResponsesWireTests
{
    private static readonly string[] ResponseFields =
    [
        "id", "object", "created_at", "status", "background", "completed_at", "error", "incomplete_details", "instructions",
        "max_output_tokens", "max_tool_calls", "model", "output", "parallel_tool_calls", "previous_response_id", "prompt_cache_key",
        "prompt_cache_retention", "reasoning", "safety_identifier", "service_tier", "store", "temperature", "text", "tool_choice",
        "tools", "top_logprobs", "top_p", "truncation", "usage", "user", "metadata",
    ];

    [Fact]
    public async Task Create_NonStreaming_ResponseObjectShapedLikeRecordedTraffic()
    {
        await using var host = await SimulatorHost.StartAsync();
        var ct = TestContext.Current.CancellationToken;

        using var response = await host.Http.SendAsync(SimulatorHost.Responses(Requests.Responses("Hello")), ct);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.Contains("x-ratelimit-remaining-requests"));
        var root = json.RootElement;
        Assert.Equal(ResponseFields, root.EnumerateObject().Select(p => p.Name));
        Assert.StartsWith("resp_", root.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("completed", root.GetProperty("status").GetString());
        Assert.Equal("You are terse.", root.GetProperty("instructions").GetString());
        Assert.Equal("""{"format":{"type":"text"},"verbosity":"medium"}""", root.GetProperty("text").GetRawText());
        Assert.Equal("1.0", root.GetProperty("temperature").GetRawText());
        var item = root.GetProperty("output")[0];
        Assert.StartsWith("msg_", item.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("""{"type":"output_text","annotations":[],"logprobs":[],"text":""", item.GetProperty("content")[0].GetRawText(), StringComparison.Ordinal);
        var expected = SimulatedText.Predict(SimulatorApi.OpenAIResponses, Requests.Responses("Hello"), 42);
        Assert.Equal(expected.Text, item.GetProperty("content")[0].GetProperty("text").GetString());
        var usage = root.GetProperty("usage");
        Assert.Equal(expected.PromptTokens, usage.GetProperty("input_tokens").GetInt32());
        Assert.Equal(0, usage.GetProperty("input_tokens_details").GetProperty("cached_tokens").GetInt32());
        Assert.Equal(0, usage.GetProperty("output_tokens_details").GetProperty("reasoning_tokens").GetInt32());
        Assert.Equal(expected.CompletionTokens, usage.GetProperty("output_tokens").GetInt32());
    }

    [Fact]
    public void Predict_SameDialogueAsChat_SameTextAndPromptTokens()
    {
        var chat = SimulatedText.Predict(SimulatorApi.OpenAIChatCompletions, Requests.OpenAIChat("Hello there"), 9);
        var responses = SimulatedText.Predict(SimulatorApi.OpenAIResponses, Requests.Responses("Hello there"), 9);
        var stringInput = SimulatedText.Predict(SimulatorApi.OpenAIResponses, """{"model":"gpt-4o","instructions":"You are terse.","input":"Hello there"}""", 9);

        Assert.Equal(chat.Text, responses.Text);
        Assert.Equal(chat.Text, stringInput.Text);
        Assert.Equal(chat.PromptTokens, responses.PromptTokens);
        Assert.Equal("completed", responses.FinishReason);
    }

    [Fact]
    public async Task Create_MaxOutputTokens20_IncompleteWithReason()
    {
        await using var host = await SimulatorHost.StartAsync();
        var ct = TestContext.Current.CancellationToken;

        using var response = await host.Http.SendAsync(SimulatorHost.Responses(Requests.Responses("Haikus", extra: ""","max_output_tokens":20""")), ct);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));

        var root = json.RootElement;
        Assert.Equal("incomplete", root.GetProperty("status").GetString());
        Assert.Equal("max_output_tokens", root.GetProperty("incomplete_details").GetProperty("reason").GetString());
        Assert.Equal("incomplete", root.GetProperty("output")[0].GetProperty("status").GetString());
        Assert.Equal(20, root.GetProperty("usage").GetProperty("output_tokens").GetInt32());
        Assert.Equal(20, root.GetProperty("max_output_tokens").GetInt32());
    }

    [Theory]
    [InlineData(""","max_output_tokens":15""", 400, "max_output_tokens")]
    [InlineData(""","background":true,"store":false""", 400, "background")]
    [InlineData(",\"previous_response_id\":\"resp_nope\"", 404, "previous_response_id")]
    public async Task Create_InvalidParameter_OpenAIErrorWithParam(string extra, int status, string param)
    {
        await using var host = await SimulatorHost.StartAsync();
        var ct = TestContext.Current.CancellationToken;

        using var response = await host.Http.SendAsync(SimulatorHost.Responses(Requests.Responses("Hi", extra: extra)), ct);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));

        Assert.Equal(status, (int)response.StatusCode);
        var error = json.RootElement.GetProperty("error");
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal(param, error.GetProperty("param").GetString());
        if (status == 404)
        {
            Assert.Equal("Previous response with id 'resp_nope' not found.", error.GetProperty("message").GetString());
        }
    }

    [Fact]
    public async Task CreateStreaming_Text_EventSequenceOfRecordedTraffic()
    {
        await using var host = await SimulatorHost.StartAsync();
        var ct = TestContext.Current.CancellationToken;

        using var response = await host.Http.SendAsync(SimulatorHost.Responses(Requests.Responses("Hello", extra: ""","stream":true""")), ct);
        var body = await response.Content.ReadAsStringAsync(ct);

        Assert.Equal("text/event-stream; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.DoesNotContain("[DONE]", body, StringComparison.Ordinal);
        var events = Sse.Events(body);
        var names = Sse.EventNames(body);
        Assert.Equal(["response.created", "response.in_progress", "response.output_item.added", "response.content_part.added"], names.Take(4));
        Assert.Equal(["response.output_text.done", "response.content_part.done", "response.output_item.done", "response.completed"], names.TakeLast(4));
        Assert.All(names.Skip(4).SkipLast(4), n => Assert.Equal("response.output_text.delta", n));
        var data = events.Select(e => JsonDocument.Parse(Sse.Data(e)).RootElement).ToList();
        Assert.Equal(Enumerable.Range(0, events.Count), data.Select(d => d.GetProperty("sequence_number").GetInt32()));
        Assert.All(data, (d, i) => Assert.Equal(names[i], d.GetProperty("type").GetString()));
        Assert.Equal("in_progress", data[0].GetProperty("response").GetProperty("status").GetString());
        var deltas = data.Where(d => d.GetProperty("type").GetString() == "response.output_text.delta").ToList();
        Assert.Equal(["type", "sequence_number", "item_id", "output_index", "content_index", "delta", "logprobs", "obfuscation"], deltas[0].EnumerateObject().Select(p => p.Name));
        var text = string.Concat(deltas.Select(d => d.GetProperty("delta").GetString()));
        Assert.Equal(SimulatedText.Predict(SimulatorApi.OpenAIResponses, Requests.Responses("Hello"), 42).Text, text);
        Assert.Equal(text, data[^4].GetProperty("text").GetString());
        var completed = data[^1].GetProperty("response");
        Assert.Equal("completed", completed.GetProperty("status").GetString());
        Assert.Equal(text, completed.GetProperty("output")[0].GetProperty("content")[0].GetProperty("text").GetString());
        Assert.True(completed.GetProperty("completed_at").GetInt64() >= completed.GetProperty("created_at").GetInt64());
    }

    [Fact]
    public async Task CreateStreaming_RequiredTool_FunctionCallEvents()
    {
        await using var host = await SimulatorHost.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var body = $$"""{"model":"gpt-4o","input":"Weather?","tool_choice":"required","stream":true,"tools":[{"type":"function","name":"get_weather","description":"Weather","parameters":{{Requests.WeatherSchema}},"strict":false}]}""";

        using var response = await host.Http.SendAsync(SimulatorHost.Responses(body), ct);
        var sse = await response.Content.ReadAsStringAsync(ct);

        var names = Sse.EventNames(sse);
        Assert.Equal(["response.created", "response.in_progress", "response.output_item.added"], names.Take(3));
        Assert.Equal(["response.function_call_arguments.done", "response.output_item.done", "response.completed"], names.TakeLast(3));
        var data = Sse.Events(sse).Select(e => JsonDocument.Parse(Sse.Data(e)).RootElement).ToList();
        var arguments = string.Concat(data.Where(d => d.GetProperty("type").GetString() == "response.function_call_arguments.delta").Select(d => d.GetProperty("delta").GetString()));
        var item = data[^1].GetProperty("response").GetProperty("output")[0];
        Assert.Equal(["id", "type", "status", "arguments", "call_id", "name"], item.EnumerateObject().Select(p => p.Name));
        Assert.StartsWith("fc_", item.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("call_", item.GetProperty("call_id").GetString(), StringComparison.Ordinal);
        Assert.Equal("get_weather", item.GetProperty("name").GetString());
        Assert.Equal(arguments, item.GetProperty("arguments").GetString());
        SchemaAssert.Valid(Requests.WeatherSchema, arguments);
    }

    [Fact]
    public async Task Create_PreviousResponseId_ContinuesStoredConversation()
    {
        await using var host = await SimulatorHost.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        using var first = JsonDocument.Parse(await (await host.Http.SendAsync(SimulatorHost.Responses("""{"model":"gpt-4o","input":"Hello"}"""), ct)).Content.ReadAsStringAsync(ct));
        var firstId = first.RootElement.GetProperty("id").GetString();
        var firstText = first.RootElement.GetProperty("output")[0].GetProperty("content")[0].GetProperty("text").GetString()!;

        using var second = JsonDocument.Parse(await (await host.Http.SendAsync(SimulatorHost.Responses($$"""{"model":"gpt-4o","previous_response_id":"{{firstId}}","input":"And more?"}"""), ct)).Content.ReadAsStringAsync(ct));

        var chat = $$"""{"model":"gpt-4o","messages":[{"role":"user","content":"Hello"},{"role":"assistant","content":{{Requests.Quote(firstText)}}},{"role":"user","content":"And more?"}]}""";
        Assert.Equal(firstId, second.RootElement.GetProperty("previous_response_id").GetString());
        Assert.Equal(
            SimulatedText.Predict(SimulatorApi.OpenAIChatCompletions, chat, 42).Text,
            second.RootElement.GetProperty("output")[0].GetProperty("content")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Stats_ResponsesRequests_CountedAsOwnApi()
    {
        await using var host = await SimulatorHost.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        using var created = JsonDocument.Parse(await (await host.Http.SendAsync(SimulatorHost.Responses(Requests.Responses("Hi")), ct)).Content.ReadAsStringAsync(ct));
        var id = created.RootElement.GetProperty("id").GetString();
        (await host.Http.SendAsync(SimulatorHost.OpenAIRequest(HttpMethod.Get, $"/v1/responses/{id}"), ct)).Dispose();
        (await host.Http.SendAsync(SimulatorHost.OpenAI(Requests.OpenAIChat("Hi")), ct)).Dispose();

        using var stats = JsonDocument.Parse(await host.Http.GetStringAsync("/_sim/stats", ct));

        var root = stats.RootElement;
        Assert.Equal(1, root.GetProperty("byApi").GetProperty("responses").GetInt32());
        Assert.Equal(1, root.GetProperty("byApi").GetProperty("chat.completions").GetInt32());
        Assert.Equal(1, root.GetProperty("responses").GetProperty("retrieve").GetInt32());
        Assert.Equal(3, root.GetProperty("byProvider").GetProperty("openai").GetInt32());
    }

    [Fact]
    public async Task Scenario_ApiFilter_HitsResponsesOnly()
    {
        await using var host = await SimulatorHost.StartAsync(scenarioJson: """{"rules":[{"api":"responses","fault":{"kind":"status","status":503}}]}""");
        var ct = TestContext.Current.CancellationToken;

        using var responses = await host.Http.SendAsync(SimulatorHost.Responses(Requests.Responses("Hi")), ct);
        using var chat = await host.Http.SendAsync(SimulatorHost.OpenAI(Requests.OpenAIChat("Hi")), ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, responses.StatusCode);
        Assert.Equal(HttpStatusCode.OK, chat.StatusCode);
        using var scenario = JsonDocument.Parse(await host.Http.GetStringAsync("/_sim/scenario", ct));
        Assert.Equal("responses", scenario.RootElement.GetProperty("rules")[0].GetProperty("api").GetString());
    }
}
