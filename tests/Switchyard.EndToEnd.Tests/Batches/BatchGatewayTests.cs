#pragma warning disable OPENAI001 // Files and Batch clients are marked experimental in the SDK.
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using System.Text;
using System.Text.Json;
using Anthropic.Models.Messages;
using Anthropic.Models.Messages.Batches;
using OpenAI;
using OpenAI.Batch;
using OpenAI.Files;
using Switchyard.Costs;
using Switchyard.Model;

namespace Switchyard.EndToEnd.Tests.Batches;

/// <summary>
/// The batch APIs through the gateway with the official SDKs: forwarded to the simulator, isolated per tenant, and
/// billed once at batch prices when the batch is seen ended.
/// </summary>
public sealed class BatchGatewayTests(BatchHarness harness) : IClassFixture<BatchHarness>, IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await harness.ResetSimulatorAsync();
        await harness.SetScenarioAsync("""{"batch":{"durationSeconds":0.3}}""");
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task OpenAISdk_ThroughGateway_CompletesAndBillsOnceAtHalfPrice()
    {
        // Other tests of this class bill batches to acme: its spend must not move while this tenant's batch is billed.
        var acmeBefore = (await harness.BatchSpendAsync()).Select(r => r.GetRawText()).ToList();
        var client = new OpenAIClient(new ApiKeyCredential(BatchHarness.OtherTenantKey), new OpenAIClientOptions { Endpoint = new Uri(harness.GatewayUrl, "/v1"), RetryPolicy = new ClientRetryPolicy(0) });
        var files = client.GetOpenAIFileClient();
        var batches = client.GetBatchClient();
        var jsonl = string.Concat(Enumerable.Range(0, 12).Select(i =>
            $$$"""{"custom_id":"q-{{{i}}}","method":"POST","url":"/v1/chat/completions","body":{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Question {{{i}}}"}]}}""" + "\n"));

        OpenAIFile file = await files.UploadFileAsync(BinaryData.FromString(jsonl), "input.jsonl", FileUploadPurpose.Batch);
        var operation = await batches.CreateBatchAsync(BinaryContent.Create(BinaryData.FromString(
            $$"""{"input_file_id":"{{file.Id}}","endpoint":"/v1/chat/completions","completion_window":"24h"}""")), waitUntilCompleted: false);
        JsonElement batch;
        do
        {
            await Task.Delay(100, Ct);
            batch = JsonDocument.Parse((await batches.GetBatchAsync(operation.BatchId, null)).GetRawResponse().Content.ToString()).RootElement;
        }
        while (batch.GetProperty("status").GetString() is "validating" or "in_progress" or "finalizing");

        Assert.Equal("completed", batch.GetProperty("status").GetString());
        BinaryData output = await files.DownloadFileAsync(batch.GetProperty("output_file_id").GetString()!, Ct);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(12, lines.Length);
        var listed = new List<BatchJob>();
        await foreach (var job in batches.GetBatchesAsync(new BatchCollectionOptions(), Ct))
        {
            listed.Add(job);
        }

        Assert.Equal(operation.BatchId, Assert.Single(listed).Id);

        // Observed ended three times (get, list, get): billed once, at half the online price of the lines' usage.
        await batches.GetBatchAsync(operation.BatchId, null);
        var row = Assert.Single(await harness.BatchSpendAsync(BatchHarness.OtherTenantKey));
        var usage = batch.GetProperty("usage");
        Assert.Equal("gpt-4o-mini", row.GetProperty("model").GetString());
        Assert.Equal(1, row.GetProperty("requests").GetInt64());
        Assert.Equal(usage.GetProperty("input_tokens").GetInt64(), row.GetProperty("input_tokens").GetInt64());
        Assert.Equal(usage.GetProperty("output_tokens").GetInt64(), row.GetProperty("output_tokens").GetInt64());
        var online = PriceBook.Cost(PriceBook.Default.Find("gpt-4o-mini")!, new TokenUsage(usage.GetProperty("input_tokens").GetInt32(), usage.GetProperty("output_tokens").GetInt32()));
        Assert.Equal(online / 2, row.GetProperty("cost_usd").GetDecimal());
        Assert.Equal(acmeBefore, (await harness.BatchSpendAsync()).Select(r => r.GetRawText()).ToList());
    }

    [Fact]
    public async Task AnthropicSdk_ThroughGateway_ResultsViaGatewayAndBilledOnce()
    {
        var client = harness.Anthropic();
        var created = await client.Messages.Batches.Create(new BatchCreateParams
        {
            Requests = [.. Enumerable.Range(0, 8).Select(i => new Request
            {
                CustomID = $"a-{i}",
                Params = new Params { MaxTokens = 400, Messages = [new UserMessageParam($"Question {i}")], Model = "claude-haiku-4-5" },
            })],
        }, Ct);
        var batch = created;
        while (batch.ProcessingStatus.Value() != ProcessingStatus.Ended)
        {
            await Task.Delay(100, Ct);
            batch = await client.Messages.Batches.Retrieve(created.ID, cancellationToken: Ct);
        }

        Assert.StartsWith(harness.GatewayUrl.ToString().TrimEnd('/'), batch.ResultsUrl);
        var results = new List<MessageBatchIndividualResponse>();
        await foreach (var result in client.Messages.Batches.ResultsStreaming(created.ID, cancellationToken: Ct))
        {
            results.Add(result);
        }

        Assert.Equal(8, results.Count(r => r.Result.TryPickSucceeded(out _)));
        var page = await client.Messages.Batches.List(new BatchListParams(), Ct);
        Assert.Contains(page.Items, b => b.ID == created.ID);

        var input = results.Sum(r => r.Result.TryPickSucceeded(out var s) ? s.Message.Usage.InputTokens : 0);
        var output = results.Sum(r => r.Result.TryPickSucceeded(out var s) ? s.Message.Usage.OutputTokens : 0);
        var row = Assert.Single(await harness.BatchSpendAsync(), r => r.GetProperty("model").GetString() == "claude-haiku-4-5");
        Assert.Equal(1, row.GetProperty("requests").GetInt64());
        Assert.Equal(input, row.GetProperty("input_tokens").GetInt64());
        var online = PriceBook.Cost(PriceBook.Default.Find("claude-haiku-4-5")!, new TokenUsage((int)input, (int)output));
        Assert.Equal(online / 2, row.GetProperty("cost_usd").GetDecimal());
    }

    [Fact]
    public async Task OtherTenant_SeesNothing_404InEachWireFormat()
    {
        var ct = Ct;
        using var upload = await harness.SendAsync(HttpMethod.Post, "/v1/files", content: new MultipartFormDataContent
        {
            { new StringContent("batch"), "purpose" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes("""{"custom_id":"x","method":"POST","url":"/v1/chat/completions","body":{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}]}}""")), "file", "in.jsonl" },
        });
        var fileId = JsonDocument.Parse(await upload.Content.ReadAsStringAsync(ct)).RootElement.GetProperty("id").GetString()!;
        using var create = await harness.SendAsync(HttpMethod.Post, "/v1/batches",
            content: new StringContent($$"""{"input_file_id":"{{fileId}}","endpoint":"/v1/chat/completions","completion_window":"24h"}""", Encoding.UTF8, "application/json"));
        var batchId = JsonDocument.Parse(await create.Content.ReadAsStringAsync(ct)).RootElement.GetProperty("id").GetString()!;
        using var anthropicCreate = await harness.SendAsync(HttpMethod.Post, "/v1/messages/batches", anthropic: true,
            content: new StringContent("""{"requests":[{"custom_id":"x","params":{"model":"claude-sonnet-4-5","max_tokens":50,"messages":[{"role":"user","content":"hi"}]}}]}""", Encoding.UTF8, "application/json"));
        var messageBatchId = JsonDocument.Parse(await anthropicCreate.Content.ReadAsStringAsync(ct)).RootElement.GetProperty("id").GetString()!;
        var other = BatchHarness.OtherTenantKey;

        foreach (var (method, path) in new[]
        {
            (HttpMethod.Get, $"/v1/files/{fileId}"), (HttpMethod.Get, $"/v1/files/{fileId}/content"), (HttpMethod.Delete, $"/v1/files/{fileId}"),
            (HttpMethod.Get, $"/v1/batches/{batchId}"), (HttpMethod.Post, $"/v1/batches/{batchId}/cancel"),
        })
        {
            using var response = await harness.SendAsync(method, path, other);
            var body = await response.Content.ReadAsStringAsync(ct);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {path}: {(int)response.StatusCode} {body}");
            Assert.Equal("invalid_request_error", JsonDocument.Parse(body).RootElement.GetProperty("error").GetProperty("type").GetString());
        }

        foreach (var (method, path) in new[]
        {
            (HttpMethod.Get, $"/v1/messages/batches/{messageBatchId}"), (HttpMethod.Get, $"/v1/messages/batches/{messageBatchId}/results"),
            (HttpMethod.Post, $"/v1/messages/batches/{messageBatchId}/cancel"), (HttpMethod.Delete, $"/v1/messages/batches/{messageBatchId}"),
        })
        {
            using var response = await harness.SendAsync(method, path, other, anthropic: true);
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)).RootElement;
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("not_found_error", body.GetProperty("error").GetProperty("type").GetString());
        }

        using var steal = await harness.SendAsync(HttpMethod.Post, "/v1/batches", other,
            content: new StringContent($$"""{"input_file_id":"{{fileId}}","endpoint":"/v1/chat/completions","completion_window":"24h"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.NotFound, steal.StatusCode);
        using var openAIList = await harness.SendAsync(HttpMethod.Get, "/v1/batches", other);
        Assert.DoesNotContain(batchId, await openAIList.Content.ReadAsStringAsync(ct));
        using var anthropicList = await harness.SendAsync(HttpMethod.Get, "/v1/messages/batches", other, anthropic: true);
        Assert.DoesNotContain(messageBatchId, await anthropicList.Content.ReadAsStringAsync(ct));

        // The owner still sees everything, and nothing carries the gateway's provider keys.
        using var own = await harness.SendAsync(HttpMethod.Get, $"/v1/batches/{batchId}");
        var ownBody = await own.Content.ReadAsStringAsync(ct);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.DoesNotContain("sk-sim", ownBody);
        using var anonymous = await harness.SendAsync(HttpMethod.Get, "/v1/batches", "not-a-key");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task BadInput_AnswersInTheDoorsWireFormat()
    {
        using var notJson = await harness.SendAsync(HttpMethod.Post, "/v1/batches", content: new StringContent("{oops", Encoding.UTF8, "application/json"));
        using var badLimit = await harness.SendAsync(HttpMethod.Get, "/v1/batches?limit=0");
        using var badUpload = await harness.SendAsync(HttpMethod.Post, "/v1/files", content: new MultipartFormDataContent
        {
            { new StringContent("batch"), "purpose" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes("not json\n")), "file", "in.jsonl" },
        });
        using var badCustomId = await harness.SendAsync(HttpMethod.Post, "/v1/messages/batches", anthropic: true,
            content: new StringContent("""{"requests":[{"custom_id":"no spaces allowed","params":{"model":"claude-haiku-4-5","max_tokens":5,"messages":[]}}]}""", Encoding.UTF8, "application/json"));

        foreach (var response in new[] { notJson, badLimit, badUpload })
        {
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("invalid_request_error", body.GetProperty("error").GetProperty("type").GetString());
        }

        var anthropic = JsonDocument.Parse(await badCustomId.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal(HttpStatusCode.BadRequest, badCustomId.StatusCode);
        Assert.Equal("error", anthropic.GetProperty("type").GetString());
        Assert.Contains("custom_id", anthropic.GetProperty("error").GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("repeated property", """{"input_file_id":"file-a","input_file_id":"file-b","endpoint":"/v1/chat/completions","completion_window":"24h"}""")]
    [InlineData("lone surrogate escape", """{"input_file_id":"\ud800","endpoint":"/v1/chat/completions","completion_window":"24h"}""")]
    [InlineData("lone surrogate in metadata", """{"input_file_id":"file-a","endpoint":"/v1/chat/completions","completion_window":"24h","metadata":{"a":"\udfff"}}""")]
    [InlineData("invalid UTF-8", "{\"input_file_id\":\"\u00ff\",\"endpoint\":\"/v1/chat/completions\"}")]
    [InlineData("input_file_id is a number", """{"input_file_id":5,"endpoint":"/v1/chat/completions","completion_window":"24h"}""")]
    public async Task CreateOpenAIBatch_BodyThatCannotBeRead_Returns400InOpenAIFormat(string because, string body)
    {
        // Latin-1 keeps \u00ff a single 0xFF byte (never UTF-8); the other bodies are ASCII either way.
        using var content = new ByteArrayContent(Encoding.Latin1.GetBytes(body));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        using var response = await harness.SendAsync(HttpMethod.Post, "/v1/batches", content: content);

        Assert.True(HttpStatusCode.BadRequest == response.StatusCode, $"{because}: got {(int)response.StatusCode}");
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("error");
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
    }
}
