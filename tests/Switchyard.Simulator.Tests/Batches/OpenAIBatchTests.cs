#pragma warning disable OPENAI001 // Files and Batch clients are marked experimental in the SDK.
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using System.Text;
using System.Text.Json;
using OpenAI;
using OpenAI.Batch;
using OpenAI.Files;

namespace Switchyard.Simulator.Tests.Batches;

/// <summary>The simulator's OpenAI Files + Batches APIs (PROTOCOLS §6), with the official SDK where it has a client.</summary>
public sealed class OpenAIBatchTests
{
    private static OpenAIClient Client(SimulatorHost host) =>
        new(new ApiKeyCredential("k"), new OpenAIClientOptions { Endpoint = new Uri(host.BaseAddress, "/v1"), RetryPolicy = new ClientRetryPolicy(0) });

    [Fact]
    public async Task Lifecycle_Sdk_CompletesWithEveryLineAnsweredOnceOutOfOrder()
    {
        await using var host = await SimulatorHost.StartAsync(BatchKit.Fast);
        var ct = TestContext.Current.CancellationToken;
        var client = Client(host);
        var files = client.GetOpenAIFileClient();
        var batches = client.GetBatchClient();

        OpenAIFile file = await files.UploadFileAsync(BinaryData.FromBytes(BatchKit.OpenAIFile(40)), "input.jsonl", FileUploadPurpose.Batch);
        Assert.StartsWith("file-", file.Id);
        Assert.Equal(FilePurpose.Batch, file.Purpose);
        var create = await batches.CreateBatchAsync(BinaryContent.Create(BinaryData.FromString(
            $$$"""{"input_file_id":"{{{file.Id}}}","endpoint":"/v1/chat/completions","completion_window":"24h","metadata":{"job":"t1"}}""")), waitUntilCompleted: false);
        var created = JsonDocument.Parse(create.GetRawResponse().Content.ToString()).RootElement;
        Assert.Equal("validating", created.GetProperty("status").GetString());
        Assert.Equal("t1", created.GetProperty("metadata").GetProperty("job").GetString());

        var batch = await BatchKit.WaitAsync(host.Http, create.BatchId);
        Assert.Equal("completed", batch.GetProperty("status").GetString());
        Assert.Equal("gpt-4o-mini", batch.GetProperty("model").GetString());
        var counts = batch.GetProperty("request_counts");
        Assert.Equal((40, 40, 0), (counts.GetProperty("total").GetInt32(), counts.GetProperty("completed").GetInt32(), counts.GetProperty("failed").GetInt32()));
        Assert.Equal(JsonValueKind.Null, batch.GetProperty("error_file_id").ValueKind);
        foreach (var stamp in new[] { "in_progress_at", "finalizing_at", "completed_at" })
        {
            Assert.Equal(JsonValueKind.Number, batch.GetProperty(stamp).ValueKind);
        }

        BinaryData output = await files.DownloadFileAsync(batch.GetProperty("output_file_id").GetString()!, ct);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var ids = lines.Select(l => l.GetProperty("custom_id").GetString()!).ToList();
        Assert.Equal(Enumerable.Range(0, 40).Select(i => $"req-{i}").Order(), ids.Order());
        Assert.NotEqual(Enumerable.Range(0, 40).Select(i => $"req-{i}"), ids);

        // Each line is what the online endpoint would have answered, and the batch usage adds the lines up.
        var line = lines.Single(l => l.GetProperty("custom_id").GetString() == "req-7");
        Assert.StartsWith("batch_req_", line.GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Null, line.GetProperty("error").ValueKind);
        var response = line.GetProperty("response");
        Assert.Equal(200, response.GetProperty("status_code").GetInt32());
        Assert.StartsWith("req_", response.GetProperty("request_id").GetString());
        var expected = SimulatedText.Predict(SimulatorApi.OpenAIChatCompletions, Requests.OpenAIChat("Question number 7", "gpt-4o-mini"), 42);
        var body = response.GetProperty("body");
        Assert.Equal(expected.Text, body.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
        Assert.Equal(expected.CompletionTokens, body.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        var usage = batch.GetProperty("usage");
        Assert.Equal(lines.Sum(l => l.GetProperty("response").GetProperty("body").GetProperty("usage").GetProperty("prompt_tokens").GetInt64()), usage.GetProperty("input_tokens").GetInt64());
        Assert.Equal(lines.Sum(l => l.GetProperty("response").GetProperty("body").GetProperty("usage").GetProperty("completion_tokens").GetInt64()), usage.GetProperty("output_tokens").GetInt64());

        var listed = new List<BatchJob>();
        await foreach (var job in batches.GetBatchesAsync(new BatchCollectionOptions(), ct))
        {
            listed.Add(job);
        }

        Assert.Equal(create.BatchId, Assert.Single(listed).Id);
        var stats = await BatchKit.StatsAsync(host.Http);
        Assert.Equal(40, stats.GetProperty("executions").EnumerateObject().Count(p => p.Value.GetInt32() == 1));
        Assert.Equal(1, stats.GetProperty("ended").GetProperty("openai.completed").GetInt32());

        await files.DeleteFileAsync(file.Id, ct);
        var gone = await Assert.ThrowsAsync<ClientResultException>(() => files.GetFileAsync(file.Id, ct));
        Assert.Equal(404, gone.Status);
    }

    [Fact]
    public async Task Upload_50001Lines_Rejected_50000Accepted()
    {
        await using var host = await SimulatorHost.StartAsync(BatchKit.Fast);
        var ct = TestContext.Current.CancellationToken;
        var line = Encoding.UTF8.GetBytes(BatchKit.OpenAILine("x", "hi") + "\n");
        byte[] Lines(int n)
        {
            // custom_ids repeat here: uniqueness is checked when a batch validates, not at upload.
            var bytes = new byte[line.Length * n];
            for (var i = 0; i < n; i++)
            {
                line.CopyTo(bytes, i * line.Length);
            }

            return bytes;
        }

        using var tooMany = await host.Http.SendAsync(BatchKit.OpenAI(HttpMethod.Post, "/v1/files", BatchKit.Upload(Lines(50_001))), ct);
        var error = (await BatchKit.JsonAsync(tooMany)).GetProperty("error");
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Contains("50,000", error.GetProperty("message").GetString());

        using var fits = await host.Http.SendAsync(BatchKit.OpenAI(HttpMethod.Post, "/v1/files", BatchKit.Upload(Lines(50_000))), ct);
        Assert.Equal(HttpStatusCode.OK, fits.StatusCode);
        Assert.Equal(line.Length * 50_000L, (await BatchKit.JsonAsync(fits)).GetProperty("bytes").GetInt64());
    }

    [Theory]
    [InlineData("not json\n", "purpose=batch", "line 1 is not valid JSON")]
    [InlineData("[1,2]\n", "purpose=batch", "line 1 is not a JSON object")]
    [InlineData("{\"a\":1}\n", "purpose=fine-tune", "Invalid value for 'purpose'")]
    public async Task Upload_BadInput_400InOpenAIFormat(string content, string purpose, string message)
    {
        await using var host = await SimulatorHost.StartAsync(BatchKit.Fast);
        using var response = await host.Http.SendAsync(
            BatchKit.OpenAI(HttpMethod.Post, "/v1/files", BatchKit.Upload(Encoding.UTF8.GetBytes(content), purpose.Split('=')[1])), TestContext.Current.CancellationToken);
        var error = (await BatchKit.JsonAsync(response)).GetProperty("error");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, error.GetProperty("message").GetString());
        Assert.True(response.Headers.Contains("x-request-id"));
    }

    [Fact]
    public async Task Endpoints_WithoutKeyOrUnknownIds_AnswerLikeOpenAI()
    {
        await using var host = await SimulatorHost.StartAsync(BatchKit.Fast);
        var ct = TestContext.Current.CancellationToken;
        using var anonymous = await host.Http.GetAsync("/v1/batches", ct);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("invalid_api_key", (await BatchKit.JsonAsync(anonymous)).GetProperty("error").GetProperty("code").GetString());
        using var batch = await host.Http.SendAsync(BatchKit.OpenAI(HttpMethod.Get, "/v1/batches/batch_nope"), ct);
        Assert.Equal(HttpStatusCode.NotFound, batch.StatusCode);
        Assert.Equal("No batch found with id 'batch_nope'.", (await BatchKit.JsonAsync(batch)).GetProperty("error").GetProperty("message").GetString());
        using var content = await host.Http.SendAsync(BatchKit.OpenAI(HttpMethod.Get, "/v1/files/file-nope/content"), ct);
        Assert.Equal(HttpStatusCode.NotFound, content.StatusCode);
        using var wrongEndpoint = await host.Http.SendAsync(BatchKit.OpenAI(HttpMethod.Post, "/v1/batches",
            SimulatorHost.Json("""{"input_file_id":"file-x","endpoint":"/v1/embeddings","completion_window":"24h"}""")), ct);
        Assert.Equal(HttpStatusCode.BadRequest, wrongEndpoint.StatusCode);
        Assert.Equal("endpoint", (await BatchKit.JsonAsync(wrongEndpoint)).GetProperty("error").GetProperty("param").GetString());
    }

    [Fact]
    public async Task Validation_DuplicateCustomIdAndMixedModels_FailWithLineNumbers()
    {
        await using var host = await SimulatorHost.StartAsync(BatchKit.Fast);
        var jsonl = string.Join('\n', BatchKit.OpenAILine("a", "one"), BatchKit.OpenAILine("a", "two"), BatchKit.OpenAILine("b", "three", "gpt-4o"));
        var created = await BatchKit.SubmitOpenAIAsync(host.Http, Encoding.UTF8.GetBytes(jsonl));

        var batch = await BatchKit.WaitAsync(host.Http, created.GetProperty("id").GetString()!);

        Assert.Equal("failed", batch.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Number, batch.GetProperty("failed_at").ValueKind);
        var errors = batch.GetProperty("errors").GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(["duplicate_custom_id", "mismatched_model"], errors.Select(e => e.GetProperty("code").GetString()));
        Assert.Equal([2, 3], errors.Select(e => e.GetProperty("line").GetInt32()));
        Assert.Empty((await BatchKit.StatsAsync(host.Http)).GetProperty("executions").EnumerateObject());
    }

    [Fact]
    public async Task ScriptedValidationFailure_FailsFirstBatchOnly()
    {
        await using var host = await SimulatorHost.StartAsync(BatchKit.Fast, """{"batch":{"validationFailures":1}}""");
        var input = BatchKit.OpenAIFile(5);

        var first = await BatchKit.WaitAsync(host.Http, (await BatchKit.SubmitOpenAIAsync(host.Http, input)).GetProperty("id").GetString()!);
        var second = await BatchKit.WaitAsync(host.Http, (await BatchKit.SubmitOpenAIAsync(host.Http, input)).GetProperty("id").GetString()!);

        Assert.Equal("failed", first.GetProperty("status").GetString());
        Assert.Equal("invalid_request", first.GetProperty("errors").GetProperty("data")[0].GetProperty("code").GetString());
        Assert.Equal("completed", second.GetProperty("status").GetString());
    }

    [Fact]
    public async Task ScriptedFaults_RetryableClearOnResubmit_PermanentFailEveryTime_NoLineRunsTwice()
    {
        const string Scenario = """
            {"batch":{"lineFaults":[
              {"kind":"rateLimited","fraction":0.1},{"kind":"serverError","fraction":0.1},
              {"kind":"invalidRequest","fraction":0.1},{"kind":"contentFiltered","fraction":0.1},
              {"kind":"expired","fraction":0.1}]}}
            """;
        await using var host = await SimulatorHost.StartAsync(BatchKit.Fast, Scenario);

        var first = await BatchKit.WaitAsync(host.Http, (await BatchKit.SubmitOpenAIAsync(host.Http, BatchKit.OpenAIFile(300))).GetProperty("id").GetString()!);
        var outputs = await BatchKit.FileLinesAsync(host.Http, first, "output_file_id");
        var errors = await BatchKit.FileLinesAsync(host.Http, first, "error_file_id");

        // Partial expiry: the batch ends expired, finished lines in the output file, expired ones in the error file.
        Assert.Equal("expired", first.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Number, first.GetProperty("expired_at").ValueKind);
        Assert.Equal(300, outputs.Count + errors.Count);
        Assert.Equal(300, outputs.Concat(errors).Select(l => l.GetProperty("custom_id").GetString()).Distinct().Count());
        var byClass = errors.GroupBy(Classify).ToDictionary(g => g.Key, g => g.Select(l => l.GetProperty("custom_id").GetString()!).ToList());
        Assert.Equal(["400 content_policy_violation", "400 invalid_value", "429 rate_limit_exceeded", "500 server_error", "batch_expired"], byClass.Keys.Order());
        Assert.All(byClass.Values, ids => Assert.InRange(ids.Count, 10, 55));
        Assert.Equal(outputs.Count, first.GetProperty("request_counts").GetProperty("completed").GetInt32());
        Assert.Equal(errors.Count, first.GetProperty("request_counts").GetProperty("failed").GetInt32());

        // Replay every failed line: transient ones succeed now, permanent ones fail the same way again.
        var failed = errors.Select(l => l.GetProperty("custom_id").GetString()!).ToHashSet();
        var replay = Encoding.UTF8.GetBytes(string.Concat(failed.Select(id => BatchKit.OpenAILine(id, "Question number " + id[4..]) + "\n")));
        var second = await BatchKit.WaitAsync(host.Http, (await BatchKit.SubmitOpenAIAsync(host.Http, replay)).GetProperty("id").GetString()!);
        var replayed = await BatchKit.FileLinesAsync(host.Http, second, "output_file_id");
        var stillFailing = await BatchKit.FileLinesAsync(host.Http, second, "error_file_id");

        Assert.Equal("completed", second.GetProperty("status").GetString());
        var permanent = byClass["400 content_policy_violation"].Concat(byClass["400 invalid_value"]).Order().ToList();
        Assert.Equal(permanent, stillFailing.Select(l => l.GetProperty("custom_id").GetString()!).Order());
        Assert.Equal(failed.Except(permanent).Order(), replayed.Select(l => l.GetProperty("custom_id").GetString()!).Order());
        var stats = await BatchKit.StatsAsync(host.Http);
        Assert.Equal(0, stats.GetProperty("duplicateExecutions").GetInt32());
        Assert.Equal(300 - permanent.Count, stats.GetProperty("executions").EnumerateObject().Count());
    }

    [Fact]
    public async Task Cancel_StopsTheRun_CompletedLinesKept()
    {
        await using var host = await SimulatorHost.StartAsync(new SimulatorOptions { BatchDuration = TimeSpan.FromSeconds(30) });
        var ct = TestContext.Current.CancellationToken;
        var id = (await BatchKit.SubmitOpenAIAsync(host.Http, BatchKit.OpenAIFile(100))).GetProperty("id").GetString()!;
        await Task.Delay(300, ct);

        using var cancel = await host.Http.SendAsync(BatchKit.OpenAI(HttpMethod.Post, $"/v1/batches/{id}/cancel"), ct);
        var cancelling = await BatchKit.JsonAsync(cancel);
        var batch = await BatchKit.WaitAsync(host.Http, id);
        using var again = await host.Http.SendAsync(BatchKit.OpenAI(HttpMethod.Post, $"/v1/batches/{id}/cancel"), ct);

        Assert.Equal("cancelling", cancelling.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Number, cancelling.GetProperty("cancelling_at").ValueKind);
        Assert.Equal("cancelled", batch.GetProperty("status").GetString());
        var completed = batch.GetProperty("request_counts").GetProperty("completed").GetInt32();
        Assert.InRange(completed, 0, 20);
        Assert.Equal(completed, (await BatchKit.FileLinesAsync(host.Http, batch, "output_file_id")).Count);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
    }

    [Fact]
    public async Task List_PagesNewestFirstWithAfterAndLimit()
    {
        await using var host = await SimulatorHost.StartAsync(BatchKit.Fast);
        var ct = TestContext.Current.CancellationToken;
        var input = BatchKit.OpenAIFile(2);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await BatchKit.SubmitOpenAIAsync(host.Http, input)).GetProperty("id").GetString()!);
        }

        using var first = await host.Http.SendAsync(BatchKit.OpenAI(HttpMethod.Get, "/v1/batches?limit=2"), ct);
        var page1 = await BatchKit.JsonAsync(first);
        using var second = await host.Http.SendAsync(BatchKit.OpenAI(HttpMethod.Get, $"/v1/batches?limit=2&after={page1.GetProperty("last_id").GetString()}"), ct);
        var page2 = await BatchKit.JsonAsync(second);
        using var bad = await host.Http.SendAsync(BatchKit.OpenAI(HttpMethod.Get, "/v1/batches?limit=101"), ct);

        Assert.Equal("list", page1.GetProperty("object").GetString());
        Assert.Equal([ids[2], ids[1]], page1.GetProperty("data").EnumerateArray().Select(b => b.GetProperty("id").GetString()));
        Assert.True(page1.GetProperty("has_more").GetBoolean());
        Assert.Equal([ids[0]], page2.GetProperty("data").EnumerateArray().Select(b => b.GetProperty("id").GetString()));
        Assert.False(page2.GetProperty("has_more").GetBoolean());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    /// <summary>"batch_expired", or status and error code (type where the code is null, as on a 500).</summary>
    private static string Classify(JsonElement line)
    {
        if (line.GetProperty("response").ValueKind == JsonValueKind.Null)
        {
            return line.GetProperty("error").GetProperty("code").GetString()!;
        }

        var response = line.GetProperty("response");
        var error = response.GetProperty("body").GetProperty("error");
        return $"{response.GetProperty("status_code").GetInt32()} {error.GetProperty("code").GetString() ?? error.GetProperty("type").GetString()}";
    }
}
