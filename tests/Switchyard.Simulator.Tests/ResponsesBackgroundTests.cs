using System.Net;
using System.Text;
using System.Text.Json;

namespace Switchyard.Simulator.Tests;

/// <summary>Background mode, resume, cancel, delete and stream faults of the Responses API (PROTOCOLS §2.4).</summary>
public sealed class ResponsesBackgroundTests
{
    private const string Slow = """{"latency":{"tokensPerSecond":200}}""";

    private static async Task<JsonElement> SendJsonAsync(SimulatorHost host, HttpRequestMessage request, CancellationToken ct, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await host.Http.SendAsync(request, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        Assert.True(expected == response.StatusCode, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Reads a stream to its end (or to an aborted connection) on a fresh connection.</summary>
    private static async Task<string> StreamAsync(SimulatorHost host, HttpRequestMessage request, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
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
        }

        return text.ToString();
    }

    private static string Id(string sse) => JsonDocument.Parse(Sse.Data(Sse.Events(sse)[0])).RootElement.GetProperty("response").GetProperty("id").GetString()!;

    private static int LastSequence(string sse) => JsonDocument.Parse(Sse.Data(Sse.Events(sse)[^1])).RootElement.GetProperty("sequence_number").GetInt32();

    private static string JoinedText(string sse) => string.Concat(Sse.Events(sse)
        .Select(e => JsonDocument.Parse(Sse.Data(e)).RootElement)
        .Where(d => d.GetProperty("type").GetString() == "response.output_text.delta")
        .Select(d => d.GetProperty("delta").GetString()));

    private static async Task<JsonElement> PollAsync(SimulatorHost host, string id, CancellationToken ct)
    {
        while (true)
        {
            var current = await SendJsonAsync(host, SimulatorHost.OpenAIRequest(HttpMethod.Get, $"/v1/responses/{id}"), ct);
            if (current.GetProperty("status").GetString() is not ("queued" or "in_progress"))
            {
                return current;
            }

            await Task.Delay(20, ct);
        }
    }

    [Fact]
    public async Task Background_NonStreaming_QueuedThenCompletedOnPoll()
    {
        await using var host = await SimulatorHost.StartAsync(scenarioJson: Slow);
        var ct = TestContext.Current.CancellationToken;

        var queued = await SendJsonAsync(host, SimulatorHost.Responses(Requests.Responses("Hello", extra: ""","background":true""")), ct);
        var done = await PollAsync(host, queued.GetProperty("id").GetString()!, ct);

        Assert.Equal("queued", queued.GetProperty("status").GetString());
        Assert.True(queued.GetProperty("background").GetBoolean());
        Assert.Equal(0, queued.GetProperty("output").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, queued.GetProperty("usage").ValueKind);
        Assert.Equal("completed", done.GetProperty("status").GetString());
        Assert.Equal(
            SimulatedText.Predict(SimulatorApi.OpenAIResponses, Requests.Responses("Hello"), 42).Text,
            done.GetProperty("output")[0].GetProperty("content")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Background_StreamThenResume_TailByteIdentical()
    {
        await using var host = await SimulatorHost.StartAsync();
        var ct = TestContext.Current.CancellationToken;

        var first = await StreamAsync(host, SimulatorHost.Responses(Requests.Responses("Hello", extra: ""","background":true,"stream":true""")), ct);
        var resumed = await StreamAsync(host, SimulatorHost.OpenAIRequest(HttpMethod.Get, $"/v1/responses/{Id(first)}?stream=true&starting_after=2"), ct);

        var names = Sse.EventNames(first);
        Assert.Equal(["response.created", "response.queued", "response.in_progress"], names.Take(3));
        Assert.Equal("queued", JsonDocument.Parse(Sse.Data(Sse.Events(first)[0])).RootElement.GetProperty("response").GetProperty("status").GetString());
        var tail = string.Concat(Sse.Events(first).Skip(3).Select(e => e + "\n\n"));
        Assert.Equal(tail, resumed);
        Assert.Equal("response.completed", Sse.EventNames(resumed)[^1]);
    }

    [Fact]
    public async Task Cut_BackgroundStream_ResumeGetsTheRestAndOneGeneration()
    {
        await using var host = await SimulatorHost.StartAsync(scenarioJson: """{"latency":{"tokensPerSecond":400},"rules":[{"api":"responses","fault":{"kind":"cut","afterEvents":6}}]}""");
        var ct = TestContext.Current.CancellationToken;
        var body = Requests.Responses("Tell me", extra: ""","background":true,"stream":true""");

        var cut = await StreamAsync(host, SimulatorHost.Responses(body), ct);
        var last = LastSequence(cut);
        var rest = await StreamAsync(host, SimulatorHost.OpenAIRequest(HttpMethod.Get, $"/v1/responses/{Id(cut)}?stream=true&starting_after={last}"), ct);

        Assert.Equal(6, Sse.Events(cut).Count);
        Assert.Equal(last + 1, JsonDocument.Parse(Sse.Data(Sse.Events(rest)[0])).RootElement.GetProperty("sequence_number").GetInt32());
        Assert.Equal("response.completed", Sse.EventNames(rest)[^1]);
        Assert.Equal(SimulatedText.Predict(SimulatorApi.OpenAIResponses, body, 42).Text, JoinedText(cut) + JoinedText(rest));
        using var stats = JsonDocument.Parse(await host.Http.GetStringAsync("/_sim/stats", ct));
        Assert.Equal(1, stats.RootElement.GetProperty("byApi").GetProperty("responses").GetInt32());
        Assert.Equal(1, stats.RootElement.GetProperty("responses").GetProperty("resume").GetInt32());
    }

    [Fact]
    public async Task ErrorEvent_Stream_NestedErrorThenFailedThenClose()
    {
        await using var host = await SimulatorHost.StartAsync(scenarioJson: """{"rules":[{"fault":{"kind":"errorEvent","afterEvents":3}}]}""");
        var ct = TestContext.Current.CancellationToken;

        var sse = await StreamAsync(host, SimulatorHost.Responses(Requests.Responses("Hi", extra: ""","stream":true""")), ct);

        var events = Sse.Events(sse);
        Assert.Equal(["response.created", "response.in_progress", "response.output_item.added", "error", "response.failed"], Sse.EventNames(sse));
        Assert.Equal(
            """{"type":"error","sequence_number":3,"error":{"type":"server_error","code":"server_error","message":"The server had an error while processing your request. Sorry about that!","param":null}}""",
            Sse.Data(events[3]));
        var failed = JsonDocument.Parse(Sse.Data(events[4])).RootElement;
        Assert.Equal(4, failed.GetProperty("sequence_number").GetInt32());
        Assert.Equal("failed", failed.GetProperty("response").GetProperty("status").GetString());
        Assert.Equal("server_error", failed.GetProperty("response").GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Duplicate_Stream_RepeatsEventsWithTheirSequenceNumbers()
    {
        await using var host = await SimulatorHost.StartAsync(scenarioJson: """{"rules":[{"fault":{"kind":"duplicate","afterEvents":4,"count":2}}]}""");
        var ct = TestContext.Current.CancellationToken;

        var events = Sse.Events(await StreamAsync(host, SimulatorHost.Responses(Requests.Responses("Hi", extra: ""","stream":true""")), ct));

        Assert.Equal(events[2], events[4]);
        Assert.Equal(events[3], events[5]);
        Assert.Equal(4, JsonDocument.Parse(Sse.Data(events[6])).RootElement.GetProperty("sequence_number").GetInt32());
        Assert.StartsWith("event: response.completed", events[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_RunningBackground_CancelledAndIdempotent()
    {
        await using var host = await SimulatorHost.StartAsync(scenarioJson: """{"latency":{"firstTokenMs":5000}}""");
        var ct = TestContext.Current.CancellationToken;
        var queued = await SendJsonAsync(host, SimulatorHost.Responses(Requests.Responses("Hello", extra: ""","background":true""")), ct);
        var id = queued.GetProperty("id").GetString()!;

        var cancelled = await SendJsonAsync(host, SimulatorHost.OpenAIRequest(HttpMethod.Post, $"/v1/responses/{id}/cancel"), ct);
        var again = await SendJsonAsync(host, SimulatorHost.OpenAIRequest(HttpMethod.Post, $"/v1/responses/{id}/cancel"), ct);
        var fetched = await SendJsonAsync(host, SimulatorHost.OpenAIRequest(HttpMethod.Get, $"/v1/responses/{id}"), ct);

        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        Assert.Equal(cancelled.GetRawText(), again.GetRawText());
        Assert.Equal("cancelled", fetched.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Cancel_NotBackground_400()
    {
        await using var host = await SimulatorHost.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var done = await SendJsonAsync(host, SimulatorHost.Responses(Requests.Responses("Hello")), ct);

        var error = await SendJsonAsync(host, SimulatorHost.OpenAIRequest(HttpMethod.Post, $"/v1/responses/{done.GetProperty("id").GetString()}/cancel"), ct, HttpStatusCode.BadRequest);

        Assert.Equal("Only background responses can be cancelled.", error.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Delete_Stored_DeletedThenNotFound()
    {
        await using var host = await SimulatorHost.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var done = await SendJsonAsync(host, SimulatorHost.Responses(Requests.Responses("Hello")), ct);
        var id = done.GetProperty("id").GetString()!;

        var deleted = await SendJsonAsync(host, SimulatorHost.OpenAIRequest(HttpMethod.Delete, $"/v1/responses/{id}"), ct);
        var missing = await SendJsonAsync(host, SimulatorHost.OpenAIRequest(HttpMethod.Get, $"/v1/responses/{id}"), ct, HttpStatusCode.NotFound);

        Assert.Equal($$"""{"id":"{{id}}","object":"response","deleted":true}""", deleted.GetRawText());
        Assert.Equal("invalid_request_error", missing.GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Get_NotStored_404()
    {
        await using var host = await SimulatorHost.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var unstored = await SendJsonAsync(host, SimulatorHost.Responses(Requests.Responses("Hello", extra: ""","store":false""")), ct);

        await SendJsonAsync(host, SimulatorHost.OpenAIRequest(HttpMethod.Get, $"/v1/responses/{unstored.GetProperty("id").GetString()}"), ct, HttpStatusCode.NotFound);
        await SendJsonAsync(host, SimulatorHost.OpenAIRequest(HttpMethod.Get, "/v1/responses/resp_unknown"), ct, HttpStatusCode.NotFound);
    }
}
