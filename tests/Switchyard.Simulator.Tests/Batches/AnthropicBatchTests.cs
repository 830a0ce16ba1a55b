using System.Net;
using System.Text;
using System.Text.Json;
using Anthropic;
using Anthropic.Models.Messages;
using Anthropic.Models.Messages.Batches;

namespace Switchyard.Simulator.Tests.Batches;

/// <summary>The simulator's Anthropic Message Batches API (PROTOCOLS §7), with the official SDK where it fits.</summary>
public sealed class AnthropicBatchTests
{
    private static AnthropicClient Client(SimulatorHost host) => new() { ApiKey = "k", BaseUrl = host.BaseAddress.ToString().TrimEnd('/'), MaxRetries = 0 };

    private static Request SdkRequest(string customId, string user) => new()
    {
        CustomID = customId,
        Params = new Params { MaxTokens = 512, Messages = [new UserMessageParam(user)], Model = "claude-haiku-4-5" },
    };

    [Fact]
    public async Task PreWarmLine_MaxTokensZero_ErroredAsInvalid()
    {
        await using var host = await SimulatorHost.StartAsync(BatchKit.Fast);
        var ct = TestContext.Current.CancellationToken;
        var client = Client(host);
        var warm = SdkRequest("warm", "Hi");
        warm = warm with { Params = warm.Params with { MaxTokens = 0 } };

        var batch = await client.Messages.Batches.Create(new BatchCreateParams { Requests = [warm, SdkRequest("answer", "Hi")] }, ct);
        while (batch.ProcessingStatus.Value() != ProcessingStatus.Ended)
        {
            await Task.Delay(50, ct);
            batch = await client.Messages.Batches.Retrieve(batch.ID, cancellationToken: ct);
        }

        var results = new Dictionary<string, MessageBatchIndividualResponse>();
        await foreach (var result in client.Messages.Batches.ResultsStreaming(batch.ID, cancellationToken: ct))
        {
            results[result.CustomID] = result;
        }

        Assert.True(results["warm"].Result.TryPickErrored(out var errored));
        Assert.Contains("max_tokens", errored.Error.Error.Json.GetRawText(), StringComparison.Ordinal);
        Assert.True(results["answer"].Result.TryPickSucceeded(out _));
    }

    [Fact]
    public async Task Lifecycle_Sdk_EndsWithEveryRequestSucceededOnceOutOfOrder()
    {
        await using var host = await SimulatorHost.StartAsync(BatchKit.Fast);
        var ct = TestContext.Current.CancellationToken;
        var client = Client(host);

        var created = await client.Messages.Batches.Create(new BatchCreateParams { Requests = [.. Enumerable.Range(0, 30).Select(i => SdkRequest($"r-{i}", $"Question number {i}"))] }, ct);
        Assert.StartsWith("msgbatch_", created.ID);
        Assert.Equal(ProcessingStatus.InProgress, created.ProcessingStatus.Value());
        Assert.Equal(30, created.RequestCounts.Processing);
        Assert.Null(created.ResultsUrl);

        var batch = created;
        while (batch.ProcessingStatus.Value() != ProcessingStatus.Ended)
        {
            await Task.Delay(50, ct);
            batch = await client.Messages.Batches.Retrieve(created.ID, cancellationToken: ct);
        }

        Assert.Equal((0, 30, 0, 0, 0), (batch.RequestCounts.Processing, batch.RequestCounts.Succeeded, batch.RequestCounts.Errored, batch.RequestCounts.Canceled, batch.RequestCounts.Expired));
        Assert.NotNull(batch.EndedAt);
        Assert.EndsWith($"/v1/messages/batches/{created.ID}/results", batch.ResultsUrl);

        var results = new List<MessageBatchIndividualResponse>();
        await foreach (var result in client.Messages.Batches.ResultsStreaming(created.ID, cancellationToken: ct))
        {
            results.Add(result);
        }

        var ids = results.Select(r => r.CustomID).ToList();
        Assert.Equal(Enumerable.Range(0, 30).Select(i => $"r-{i}").Order(), ids.Order());
        Assert.NotEqual(Enumerable.Range(0, 30).Select(i => $"r-{i}"), ids);
        Assert.True(results.Single(r => r.CustomID == "r-3").Result.TryPickSucceeded(out var succeeded));
        var expected = SimulatedText.Predict(SimulatorApi.AnthropicMessages,
            """{"model":"claude-haiku-4-5","max_tokens":512,"messages":[{"role":"user","content":"Question number 3"}]}""", 42);
        Assert.True(succeeded.Message.Content[0].TryPickText(out var text));
        Assert.Equal(expected.Text, text.Text);
        Assert.Equal(expected.PromptTokens, succeeded.Message.Usage.InputTokens);

        var page = await client.Messages.Batches.List(new BatchListParams { Limit = 10 }, ct);
        Assert.Equal(created.ID, Assert.Single(page.Items).ID);

        var deleted = await client.Messages.Batches.Delete(created.ID, cancellationToken: ct);
        Assert.Equal(created.ID, deleted.ID);
        var stats = await BatchKit.StatsAsync(host.Http);
        Assert.Equal(30, stats.GetProperty("executions").EnumerateObject().Count(p => p.Value.GetInt32() == 1));
    }

    [Fact]
    public async Task Create_TooManyRequestsOrBadCustomIds_400BeforeAnyRun()
    {
        await using var host = await SimulatorHost.StartAsync(BatchKit.Fast);
        var ct = TestContext.Current.CancellationToken;
        // Minimal requests keep the 100,001-request body small (about 8 MB).
        var body = new StringBuilder("{\"requests\":[");
        for (var i = 0; i <= 100_000; i++)
        {
            body.Append(i > 0 ? "," : string.Empty).Append("{\"custom_id\":\"c").Append(i).Append("\",\"params\":{}}");
        }

        using var tooMany = await host.Http.SendAsync(BatchKit.Anthropic(HttpMethod.Post, "/v1/messages/batches", body.Append("]}").ToString()), ct);
        var tooManyError = await BatchKit.JsonAsync(tooMany);
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Equal("error", tooManyError.GetProperty("type").GetString());
        Assert.Equal("invalid_request_error", tooManyError.GetProperty("error").GetProperty("type").GetString());
        Assert.Contains("100000", tooManyError.GetProperty("error").GetProperty("message").GetString());
        Assert.True(tooMany.Headers.Contains("request-id"));

        foreach (var (requests, message) in new[]
        {
            ($"[{BatchKit.AnthropicRequest("has space", "x")}]", "custom_id: String should match pattern"),
            ($"[{BatchKit.AnthropicRequest(new string('a', 65), "x")}]", "custom_id: String should match pattern"),
            ($"[{BatchKit.AnthropicRequest("\\ud800", "x")}]", "custom_id: String should match pattern"),
            ($"[{BatchKit.AnthropicRequest("a", "x")},{BatchKit.AnthropicRequest("a", "y")}]", "used more than once"),
            ("[]", "between 1 and 100000"),
        })
        {
            using var response = await host.Http.SendAsync(BatchKit.Anthropic(HttpMethod.Post, "/v1/messages/batches", $$"""{"requests":{{requests}}}"""), ct);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(message, (await BatchKit.JsonAsync(response)).GetProperty("error").GetProperty("message").GetString());
        }

        Assert.Empty((await BatchKit.StatsAsync(host.Http)).GetProperty("created").EnumerateObject());
    }

    [Fact]
    public async Task ScriptedFaults_ResultTypes_TransientClearOnResubmit()
    {
        const string Scenario = """
            {"batch":{"lineFaults":[{"kind":"serverError","fraction":0.15},{"kind":"contentFiltered","fraction":0.15},{"kind":"expired","fraction":0.15,"times":2}]}}
            """;
        await using var host = await SimulatorHost.StartAsync(BatchKit.Fast, Scenario);

        var (batch, results) = await RunAsync(host, BatchKit.AnthropicBody(200));
        var counts = batch.GetProperty("request_counts");
        var byType = results.GroupBy(r => r.GetProperty("result").GetProperty("type").GetString()!).ToDictionary(g => g.Key, g => g.Select(r => r.GetProperty("custom_id").GetString()!).ToList());

        Assert.Equal(200, results.Count);
        Assert.Equal(byType["succeeded"].Count, counts.GetProperty("succeeded").GetInt32());
        Assert.Equal(byType["errored"].Count, counts.GetProperty("errored").GetInt32());
        Assert.Equal(byType["expired"].Count, counts.GetProperty("expired").GetInt32());
        Assert.InRange(byType["expired"].Count, 15, 50);
        var errors = results.Where(r => r.GetProperty("result").GetProperty("type").GetString() == "errored")
            .Select(r => r.GetProperty("result").GetProperty("error")).ToList();
        Assert.All(errors, e => Assert.Equal("error", e.GetProperty("type").GetString()));
        var errorTypes = errors.Select(e => e.GetProperty("error").GetProperty("type").GetString()).Distinct().Order();
        Assert.Equal(["api_error", "invalid_request_error"], errorTypes);

        // Expired lines are scripted to fail twice: still expired on the second run, done on the third.
        var expired = byType["expired"];
        string Replay(IEnumerable<string> ids) => "{\"requests\":[" + string.Join(',', ids.Select(id => BatchKit.AnthropicRequest(id, "Question number " + id[4..]))) + "]}";
        var (_, second) = await RunAsync(host, Replay(expired));
        var (_, third) = await RunAsync(host, Replay(expired));

        Assert.All(second, r => Assert.Equal("expired", r.GetProperty("result").GetProperty("type").GetString()));
        Assert.All(third, r => Assert.Equal("succeeded", r.GetProperty("result").GetProperty("type").GetString()));
        Assert.Equal(0, (await BatchKit.StatsAsync(host.Http)).GetProperty("duplicateExecutions").GetInt32());
    }

    [Fact]
    public async Task Cancel_EndsWithCanceledResultsForWhatDidNotRun()
    {
        await using var host = await SimulatorHost.StartAsync(new SimulatorOptions { BatchDuration = TimeSpan.FromSeconds(30) });
        var ct = TestContext.Current.CancellationToken;
        using var create = await host.Http.SendAsync(BatchKit.Anthropic(HttpMethod.Post, "/v1/messages/batches", BatchKit.AnthropicBody(50)), ct);
        var id = (await BatchKit.JsonAsync(create)).GetProperty("id").GetString()!;
        using var early = await host.Http.SendAsync(BatchKit.Anthropic(HttpMethod.Get, $"/v1/messages/batches/{id}/results"), ct);

        using var cancel = await host.Http.SendAsync(BatchKit.Anthropic(HttpMethod.Post, $"/v1/messages/batches/{id}/cancel"), ct);
        var canceling = await BatchKit.JsonAsync(cancel);
        var batch = await BatchKit.WaitAsync(host.Http, id, anthropic: true);
        var results = await BatchKit.LinesAsync(host.Http, BatchKit.Anthropic(HttpMethod.Get, $"/v1/messages/batches/{id}/results"));

        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Equal("canceling", canceling.GetProperty("processing_status").GetString());
        Assert.NotEqual(JsonValueKind.Null, canceling.GetProperty("cancel_initiated_at").ValueKind);
        var canceled = batch.GetProperty("request_counts").GetProperty("canceled").GetInt32();
        Assert.InRange(canceled, 40, 50);
        Assert.Equal(50, results.Count);
        Assert.Equal(canceled, results.Count(r => r.GetProperty("result").GetProperty("type").GetString() == "canceled"));
    }

    [Fact]
    public async Task List_PagesWithAfterAndBeforeIds_UnknownIds404()
    {
        await using var host = await SimulatorHost.StartAsync(BatchKit.Fast);
        var ct = TestContext.Current.CancellationToken;
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            using var create = await host.Http.SendAsync(BatchKit.Anthropic(HttpMethod.Post, "/v1/messages/batches", BatchKit.AnthropicBody(1)), ct);
            ids.Add((await BatchKit.JsonAsync(create)).GetProperty("id").GetString()!);
        }

        async Task<JsonElement> PageAsync(string query)
        {
            using var response = await host.Http.SendAsync(BatchKit.Anthropic(HttpMethod.Get, "/v1/messages/batches" + query), ct);
            return await BatchKit.JsonAsync(response);
        }

        var first = await PageAsync("?limit=2");
        var next = await PageAsync($"?limit=2&after_id={first.GetProperty("last_id").GetString()}");
        var back = await PageAsync($"?limit=2&before_id={ids[0]}");
        using var missing = await host.Http.SendAsync(BatchKit.Anthropic(HttpMethod.Get, "/v1/messages/batches/msgbatch_nope"), ct);

        Assert.Equal([ids[2], ids[1]], first.GetProperty("data").EnumerateArray().Select(b => b.GetProperty("id").GetString()));
        Assert.True(first.GetProperty("has_more").GetBoolean());
        Assert.Equal(ids[2], first.GetProperty("first_id").GetString());
        Assert.Equal([ids[0]], next.GetProperty("data").EnumerateArray().Select(b => b.GetProperty("id").GetString()));
        Assert.False(next.GetProperty("has_more").GetBoolean());
        Assert.Equal([ids[2], ids[1]], back.GetProperty("data").EnumerateArray().Select(b => b.GetProperty("id").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("not_found_error", (await BatchKit.JsonAsync(missing)).GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task ScriptedValidationFailure_RejectsCreateWith400()
    {
        await using var host = await SimulatorHost.StartAsync(BatchKit.Fast, """{"batch":{"validationFailures":1}}""");
        var ct = TestContext.Current.CancellationToken;

        using var first = await host.Http.SendAsync(BatchKit.Anthropic(HttpMethod.Post, "/v1/messages/batches", BatchKit.AnthropicBody(3)), ct);
        using var second = await host.Http.SendAsync(BatchKit.Anthropic(HttpMethod.Post, "/v1/messages/batches", BatchKit.AnthropicBody(3)), ct);

        Assert.Equal(HttpStatusCode.BadRequest, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
    }

    private static async Task<(JsonElement Batch, List<JsonElement> Results)> RunAsync(SimulatorHost host, string body)
    {
        using var create = await host.Http.SendAsync(BatchKit.Anthropic(HttpMethod.Post, "/v1/messages/batches", body), TestContext.Current.CancellationToken);
        var created = await BatchKit.JsonAsync(create);
        Assert.True(create.IsSuccessStatusCode, created.ToString());
        var id = created.GetProperty("id").GetString()!;
        var batch = await BatchKit.WaitAsync(host.Http, id, anthropic: true);
        return (batch, await BatchKit.LinesAsync(host.Http, BatchKit.Anthropic(HttpMethod.Get, $"/v1/messages/batches/{id}/results")));
    }
}
