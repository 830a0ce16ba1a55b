using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Switchyard.Simulator.Tests.Batches;

/// <summary>Raw-HTTP helpers for the batch APIs: input building, upload, create, wait, download, stats.</summary>
internal static class BatchKit
{
    /// <summary>Fast batches for tests: 0.3 s from creation to the end.</summary>
    public static SimulatorOptions Fast => new() { BatchDuration = TimeSpan.FromSeconds(0.3) };

    public static string OpenAILine(string customId, string user, string model = "gpt-4o-mini") =>
        $$"""{"custom_id":"{{customId}}","method":"POST","url":"/v1/chat/completions","body":{{Requests.OpenAIChat(user, model)}}}""";

    /// <summary>A JSONL file of <paramref name="count"/> lines with custom_ids <c>{prefix}-{i}</c>.</summary>
    public static byte[] OpenAIFile(int count, string prefix = "req", int offset = 0)
    {
        var text = new StringBuilder(count * 200);
        for (var i = offset; i < offset + count; i++)
        {
            text.Append(OpenAILine($"{prefix}-{i}", $"Question number {i}")).Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    public static string AnthropicRequest(string customId, string user) =>
        $$"""{"custom_id":"{{customId}}","params":{{Requests.AnthropicChat(user, "claude-haiku-4-5", 512)}}}""";

    public static string AnthropicBody(int count, string prefix = "req", int offset = 0)
    {
        var text = new StringBuilder("{\"requests\":[", count * 200);
        for (var i = offset; i < offset + count; i++)
        {
            text.Append(i > offset ? "," : string.Empty).Append(AnthropicRequest($"{prefix}-{i}", $"Question number {i}"));
        }

        return text.Append("]}").ToString();
    }

    public static HttpRequestMessage OpenAI(HttpMethod method, string path, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "sk-test");
        return request;
    }

    public static HttpRequestMessage Anthropic(HttpMethod method, string path, string? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : SimulatorHost.Json(body) };
        request.Headers.Add("x-api-key", "sk-ant-test");
        request.Headers.Add("anthropic-version", "2023-06-01");
        return request;
    }

    public static MultipartFormDataContent Upload(byte[] jsonl, string purpose = "batch") => new()
    {
        { new StringContent(purpose), "purpose" },
        { new ByteArrayContent(jsonl), "file", "input.jsonl" },
    };

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Uploads <paramref name="jsonl"/>, creates a batch on it and returns the created batch object.</summary>
    public static async Task<JsonElement> SubmitOpenAIAsync(HttpClient http, byte[] jsonl)
    {
        var ct = TestContext.Current.CancellationToken;
        using var upload = await http.SendAsync(OpenAI(HttpMethod.Post, "/v1/files", Upload(jsonl)), ct);
        var file = await JsonAsync(upload);
        Assert.True(upload.IsSuccessStatusCode, file.ToString());
        var body = $$"""{"input_file_id":"{{file.GetProperty("id").GetString()}}","endpoint":"/v1/chat/completions","completion_window":"24h"}""";
        using var create = await http.SendAsync(OpenAI(HttpMethod.Post, "/v1/batches", SimulatorHost.Json(body)), ct);
        var batch = await JsonAsync(create);
        Assert.True(create.IsSuccessStatusCode, batch.ToString());
        return batch;
    }

    /// <summary>Polls until the batch is terminal (OpenAI status or Anthropic processing_status <c>ended</c>).</summary>
    public static async Task<JsonElement> WaitAsync(HttpClient http, string id, bool anthropic = false)
    {
        var ct = TestContext.Current.CancellationToken;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            using var response = await http.SendAsync(anthropic ? Anthropic(HttpMethod.Get, $"/v1/messages/batches/{id}") : OpenAI(HttpMethod.Get, $"/v1/batches/{id}"), ct);
            var batch = await JsonAsync(response);
            var status = batch.GetProperty(anthropic ? "processing_status" : "status").GetString();
            if (status is "completed" or "failed" or "expired" or "cancelled" or "ended")
            {
                return batch;
            }

            Assert.True(DateTime.UtcNow < deadline, $"batch {id} still {status}");
            await Task.Delay(50, ct);
        }
    }

    /// <summary>The lines of a file or results download, parsed.</summary>
    public static async Task<List<JsonElement>> LinesAsync(HttpClient http, HttpRequestMessage request)
    {
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, text);
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone())];
    }

    public static Task<List<JsonElement>> FileLinesAsync(HttpClient http, JsonElement batch, string field) =>
        batch.GetProperty(field).GetString() is { } id ? LinesAsync(http, OpenAI(HttpMethod.Get, $"/v1/files/{id}/content")) : Task.FromResult(new List<JsonElement>());

    public static async Task<JsonElement> StatsAsync(HttpClient http)
    {
        using var response = await http.GetAsync("/_sim/stats", TestContext.Current.CancellationToken);
        return (await JsonAsync(response)).GetProperty("batches");
    }

    public static async Task PutScenarioAsync(HttpClient http, string json)
    {
        using var response = await http.PutAsync("/_sim/scenario", SimulatorHost.Json(json), TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
