#pragma warning disable OPENAI001 // Files and Batch clients are marked experimental in the SDK.
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net.Http.Json;
using System.Text.Json;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;
using Anthropic.Models.Messages.Batches;
using OpenAI;
using OpenAI.Batch;
using OpenAI.Files;

namespace Switchyard.EndToEnd.Tests.Batches;

/// <summary>
/// Hard budgets bind batches through the gateway, as they bind requests: a batch reserves its worst case at batch prices
/// before it reaches the provider, is refused (429 <c>budget_exceeded</c>, in the door's wire format, nothing created) when
/// that would pass a hard budget, holds the reservation while it runs, and gives it up for its actual spend when billed.
/// A soft budget it passes only adds <c>x-switchyard-budget-warning</c> to the create answer.
/// </summary>
public sealed class BatchBudgetTests(BatchBudgetTests.Harness harness) : IClassFixture<BatchBudgetTests.Harness>, IAsyncLifetime
{
    // Output only, $10 a million online, $5 at batch prices: a request with max_tokens 1000 reserves exactly $0.005.
    private const decimal WorstCasePerRequest = 0.005m;
    private const decimal Limit = 0.03m;

    /// <summary>Tenant <c>umbrella</c>'s key: a tenant of this class alone, so its metric series are this class's too.</summary>
    private const string UmbrellaKey = "sy-test-umbrella-batch-8888";

    /// <summary>Tenant <c>initech</c>'s key: no budget applies to it.</summary>
    private const string UnbudgetedKey = "sy-test-initech-batch-7777";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public sealed class Harness : BatchHarness
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
        [
            .. base.ExtraSettings(),
            new("Switchyard:Costs:Prices:gpt-4.1-nano:Input", "0"),
            new("Switchyard:Costs:Prices:gpt-4.1-nano:Output", "10"),
            new("Switchyard:Costs:Prices:claude-haiku-4-5:Input", "0"),
            new("Switchyard:Costs:Prices:claude-haiku-4-5:Output", "10"),
            new("Switchyard:Costs:Budgets:0:Name", "acme-batches"),
            new("Switchyard:Costs:Budgets:0:Scope", "tenant"),
            new("Switchyard:Costs:Budgets:0:Subject", "acme"),
            new("Switchyard:Costs:Budgets:0:LimitUsd", "0.03"),
            new("Switchyard:Costs:Budgets:1:Name", "umbrella-batches"),
            new("Switchyard:Costs:Budgets:1:Scope", "tenant"),
            new("Switchyard:Costs:Budgets:1:Subject", "umbrella"),
            new("Switchyard:Costs:Budgets:1:LimitUsd", "0.03"),
            new("Switchyard:Keys:2:Tenant", "initech"),
            new("Switchyard:Keys:2:Hash", Switchyard.Hosting.Auth.KeyHash.Compute(UnbudgetedKey)),
            // Soft: only warns (x-switchyard-budget-warning), as on the chat doors.
            new("Switchyard:Costs:Budgets:2:Name", "umbrella-soft"),
            new("Switchyard:Costs:Budgets:2:Scope", "tenant"),
            new("Switchyard:Costs:Budgets:2:Subject", "umbrella"),
            new("Switchyard:Costs:Budgets:2:LimitUsd", "0.01"),
            new("Switchyard:Costs:Budgets:2:Hard", "false"),
            new("Switchyard:Keys:3:Tenant", "umbrella"),
            new("Switchyard:Keys:3:Hash", Switchyard.Hosting.Auth.KeyHash.Compute(UmbrellaKey)),
        ];
    }

    public async ValueTask InitializeAsync()
    {
        await harness.ResetSimulatorAsync();
        await harness.SetScenarioAsync("""{"batch":{"durationSeconds":0.3}}""");
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task OpenAISdk_FirstBatchWarnedBySoftBudget_SecondRefusedWhileTheFirstHoldsItsWorstCase_AdmittedOnceBilled()
    {
        var client = new OpenAIClient(new ApiKeyCredential(UmbrellaKey), new OpenAIClientOptions { Endpoint = new Uri(harness.GatewayUrl, "/v1"), RetryPolicy = new ClientRetryPolicy(0) });
        var files = client.GetOpenAIFileClient();
        var batches = client.GetBatchClient();
        var jsonl = string.Concat(Enumerable.Range(0, 4).Select(i =>
            $$$"""{"custom_id":"q-{{{i}}}","method":"POST","url":"/v1/chat/completions","body":{"model":"gpt-4.1-nano","max_tokens":1000,"messages":[{"role":"user","content":"Question {{{i}}}"}]}}""" + "\n"));
        OpenAIFile file = await files.UploadFileAsync(BinaryData.FromString(jsonl), "input.jsonl", FileUploadPurpose.Batch);
        var create = $$"""{"input_file_id":"{{file.Id}}","endpoint":"/v1/chat/completions","completion_window":"24h"}""";

        var first = await batches.CreateBatchAsync(BinaryContent.Create(BinaryData.FromString(create)), waitUntilCompleted: false);
        // $0.02 held passes the $0.01 soft budget: admitted, with the warning the chat doors give.
        Assert.True(first.GetRawResponse().Headers.TryGetValue("x-switchyard-budget-warning", out var warning));
        Assert.Equal("umbrella-soft", warning);
        var held = await BudgetAsync(UmbrellaKey);
        Assert.Equal(4 * WorstCasePerRequest, held.GetProperty("reserved_usd").GetDecimal());
        var metrics = await ScrapeUntilAsync(m => m.Sum("switchyard_reservations_active", ("switchyard_tenant", "umbrella")) == 1);
        Assert.Equal((double)(4 * WorstCasePerRequest), metrics.Sum("switchyard_reservations_reserved_USD", ("switchyard_tenant", "umbrella")), 9);

        // $0.02 held of $0.03: another $0.02 does not fit, and the provider never sees the batch.
        var refused = await Assert.ThrowsAsync<ClientResultException>(() => batches.CreateBatchAsync(BinaryContent.Create(BinaryData.FromString(create)), waitUntilCompleted: false));
        Assert.Equal(429, refused.Status);
        var error = JsonDocument.Parse(refused.GetRawResponse()!.Content.ToString()).RootElement.GetProperty("error");
        Assert.Equal("budget_exceeded", error.GetProperty("code").GetString());
        Assert.Contains("this batch of 4 requests could cost up to $0.02", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal([first.BatchId], await ListedAsync(batches));

        // Observing the first batch ended bills it: its hold becomes its (much smaller) actual spend.
        JsonElement batch;
        do
        {
            await Task.Delay(100, Ct);
            batch = JsonDocument.Parse((await batches.GetBatchAsync(first.BatchId, null)).GetRawResponse().Content.ToString()).RootElement;
        }
        while (batch.GetProperty("status").GetString() is "validating" or "in_progress" or "finalizing");

        Assert.Equal("completed", batch.GetProperty("status").GetString());
        var billed = Assert.Single(await harness.BatchSpendAsync(UmbrellaKey)).GetProperty("cost_usd").GetDecimal();
        Assert.InRange(billed, 0.0000001m, 4 * WorstCasePerRequest);
        var settled = await BudgetAsync(UmbrellaKey);
        Assert.Equal(0m, settled.GetProperty("reserved_usd").GetDecimal());
        Assert.Equal(billed, settled.GetProperty("spent_usd").GetDecimal());
        metrics = await ScrapeUntilAsync(m => m.Sum("switchyard_reservations_active", ("switchyard_tenant", "umbrella")) == 0);
        Assert.Equal((double)billed, metrics.Sum("switchyard_spend_USD_total", ("switchyard_tenant", "umbrella"), ("switchyard_route", "batch"), ("gen_ai_request_model", "gpt-4.1-nano")), 9);
        Assert.Equal(0, metrics.Sum("switchyard_reservations_reserved_USD", ("switchyard_tenant", "umbrella")), 9);

        var second = await batches.CreateBatchAsync(BinaryContent.Create(BinaryData.FromString(create)), waitUntilCompleted: false);
        Assert.Equal([second.BatchId, first.BatchId], await ListedAsync(batches));
    }

    [Fact]
    public async Task AnthropicSdk_BatchOverTheBudget_RefusedInAnthropicFormat_AFittingOneRunsWithItsBodyIntact()
    {
        var client = harness.Anthropic();
        BatchCreateParams Batch(int requests) => new()
        {
            Requests = [.. Enumerable.Range(0, requests).Select(i => new Request
            {
                CustomID = $"a-{i}",
                Params = new Params { MaxTokens = 1000, Messages = [new UserMessageParam($"Question {i}")], Model = "claude-haiku-4-5" },
            })],
        };

        // Seven requests could cost $0.035, over the $0.03 budget on their own.
        var refused = await Assert.ThrowsAsync<AnthropicRateLimitException>(() => client.Messages.Batches.Create(Batch(7), Ct));
        Assert.Contains("budget", refused.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Empty((await client.Messages.Batches.List(new BatchListParams(), Ct)).Items);
        Assert.Equal(0m, (await BudgetAsync(BatchHarness.Key)).GetProperty("reserved_usd").GetDecimal());

        var created = await client.Messages.Batches.Create(Batch(5), Ct);
        Assert.Equal(5 * WorstCasePerRequest, (await BudgetAsync(BatchHarness.Key)).GetProperty("reserved_usd").GetDecimal());
        var batch = created;
        while (batch.ProcessingStatus.Value() != ProcessingStatus.Ended)
        {
            await Task.Delay(100, Ct);
            batch = await client.Messages.Batches.Retrieve(created.ID, cancellationToken: Ct);
        }

        // The spooled body reached the provider whole: every request came back under its own id.
        var ids = new List<string>();
        await foreach (var result in client.Messages.Batches.ResultsStreaming(created.ID, cancellationToken: Ct))
        {
            Assert.True(result.Result.TryPickSucceeded(out _));
            ids.Add(result.CustomID);
        }

        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"a-{i}"), ids.Order(StringComparer.Ordinal));
        var billed = Assert.Single(await harness.BatchSpendAsync()).GetProperty("cost_usd").GetDecimal();
        var settled = await BudgetAsync(BatchHarness.Key);
        Assert.Equal(0m, settled.GetProperty("reserved_usd").GetDecimal());
        Assert.Equal(billed, settled.GetProperty("spent_usd").GetDecimal());
    }

    [Fact]
    public async Task AnthropicSdk_TenantWithoutABudget_OtherTenantsBudgetsDoNotBindIt()
    {
        var created = await harness.Anthropic(UnbudgetedKey).Messages.Batches.Create(new BatchCreateParams
        {
            Requests = [.. Enumerable.Range(0, 20).Select(i => new Request
            {
                CustomID = $"u-{i}",
                Params = new Params { MaxTokens = 1000, Messages = [new UserMessageParam($"Question {i}")], Model = "claude-haiku-4-5" },
            })],
        }, Ct);

        Assert.StartsWith("msgbatch_", created.ID, StringComparison.Ordinal);
        using var response = await harness.SendAsync(HttpMethod.Get, "/admin/budgets", UnbudgetedKey);
        Assert.Empty((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("budgets").EnumerateArray());
    }

    [Fact]
    public async Task AnthropicCreate_BodyNotJson_400InvalidRequestInAnthropicFormat_NothingSent()
    {
        var callsBefore = await harness.SimulatorRequestCountAsync();

        using var response = await harness.SendAsync(HttpMethod.Post, "/v1/messages/batches", anthropic: true,
            content: new StringContent("""{"requests":[{"custom_id":"x","params":""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("error", body.GetProperty("type").GetString());
        Assert.Equal("invalid_request_error", body.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal("The request body is not valid JSON.", body.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(callsBefore, await harness.SimulatorRequestCountAsync());
    }

    private async Task<JsonElement> BudgetAsync(string key)
    {
        using var response = await harness.SendAsync(HttpMethod.Get, "/admin/budgets", key);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return json.GetProperty("budgets").EnumerateArray().Single(b => b.GetProperty("hard").GetBoolean()).Clone();
    }

    private async Task<Observability.PrometheusText> ScrapeUntilAsync(Func<Observability.PrometheusText, bool> done)
    {
        Observability.PrometheusText? last = null;
        for (var i = 0; i < 50 && (last is null || !done(last)); i++)
        {
            await Task.Delay(i == 0 ? 0 : 100, Ct);
            last = new Observability.PrometheusText(await harness.ScrapeMetricsAsync(Ct));
        }

        Assert.True(done(last!), "The expected series never appeared. Last scrape:\n" + last!.Text);
        return last;
    }

    private static async Task<List<string>> ListedAsync(BatchClient batches)
    {
        var ids = new List<string>();
        await foreach (var job in batches.GetBatchesAsync(new BatchCollectionOptions(), Ct))
        {
            ids.Add(job.Id);
        }

        return ids;
    }
}
