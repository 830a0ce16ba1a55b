using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Switchyard.EndToEnd.Tests.Batches;

/// <summary>A batch nobody asks about after it ends is still billed, once, by the gateway's billing sweep.</summary>
public sealed class BatchBillingSweepTests(BatchBillingSweepTests.Harness harness) : IClassFixture<BatchBillingSweepTests.Harness>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sweep_BillsEndedBatchesThatNoClientLooksAt_OncePerBatch()
    {
        await harness.SetScenarioAsync("""{"batch":{"durationSeconds":0.3}}""");
        var openAI = await CreateOpenAIBatchAsync();
        var anthropic = await CreateAnthropicBatchAsync();

        // Neither batch is read again by a client: only the sweep (every 0.5 s here) can see them end.
        var rows = await WaitForSpendAsync(rows => rows.Count == 2);

        Assert.Equal(["claude-haiku-4-5", "gpt-4o-mini"], rows.Select(r => r.GetProperty("model").GetString()).Order());
        Assert.All(rows, r => Assert.Equal(1, r.GetProperty("requests").GetInt64()));
        Assert.All(rows, r => Assert.True(r.GetProperty("cost_usd").GetDecimal() > 0));

        // Later sweeps and a client's own look at the ended batches bill nothing more.
        await Task.Delay(1500, Ct);
        using var get = await harness.SendAsync(HttpMethod.Get, $"/v1/batches/{openAI}");
        using var results = await harness.SendAsync(HttpMethod.Get, $"/v1/messages/batches/{anthropic}/results", anthropic: true);
        Assert.Equal(rows.Select(r => r.GetRawText()), (await SpendAsync()).Select(r => r.GetRawText()));
    }

    private async Task<string> CreateOpenAIBatchAsync()
    {
        var jsonl = string.Concat(Enumerable.Range(0, 5).Select(i =>
            $$$"""{"custom_id":"s-{{{i}}}","method":"POST","url":"/v1/chat/completions","body":{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Question {{{i}}}"}]}}""" + "\n"));
        using var form = new MultipartFormDataContent
        {
            { new StringContent("batch"), "purpose" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(jsonl)), "file", "input.jsonl" },
        };
        using var upload = await harness.SendAsync(HttpMethod.Post, "/v1/files", content: form);
        var fileId = (await upload.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString();
        using var create = await harness.SendAsync(HttpMethod.Post, "/v1/batches", content: JsonContent.Create(new
        {
            input_file_id = fileId,
            endpoint = "/v1/chat/completions",
            completion_window = "24h",
        }));
        return (await create.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
    }

    private async Task<string> CreateAnthropicBatchAsync()
    {
        var requests = Enumerable.Range(0, 4).Select(i => new
        {
            custom_id = $"s-{i}",
            @params = new { model = "claude-haiku-4-5", max_tokens = 100, messages = new[] { new { role = "user", content = $"Question {i}" } } },
        });
        using var create = await harness.SendAsync(HttpMethod.Post, "/v1/messages/batches", anthropic: true, content: JsonContent.Create(new { requests }));
        return (await create.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
    }

    private async Task<List<JsonElement>> WaitForSpendAsync(Func<List<JsonElement>, bool> done)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        List<JsonElement> rows;
        while (!done(rows = await SpendAsync()) && DateTime.UtcNow < until)
        {
            await Task.Delay(200, Ct);
        }

        return rows;
    }

    private Task<List<JsonElement>> SpendAsync() => harness.BatchSpendAsync();

    /// <summary>The batch harness with a half-second billing sweep.</summary>
    public sealed class Harness : BatchHarness
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
            [.. base.ExtraSettings(), new("Switchyard:Costs:BatchBillingSweepSeconds", "0.5")];
    }
}
