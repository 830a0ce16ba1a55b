using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text;
using System.Net.Http.Json;
using System.Text.Json;
using OpenAI;
using OpenAI.Embeddings;

namespace Switchyard.Simulator.Tests;

/// <summary><c>POST /v1/embeddings</c> through the official OpenAI SDK and on the wire.</summary>
public sealed class EmbeddingsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static EmbeddingClient Client(SimulatorHost host, string model = "text-embedding-3-small") =>
        new(model, new ApiKeyCredential("k"), new OpenAIClientOptions { Endpoint = new Uri(host.BaseAddress, "/v1"), RetryPolicy = new ClientRetryPolicy(0) });

    [Fact]
    public async Task Sdk_Batch_UnitVectorsOfTheAskedLength_ParaphraseNearerThanUnrelated_UsageCounted()
    {
        await using var host = await SimulatorHost.StartAsync();

        OpenAIEmbeddingCollection result = await Client(host).GenerateEmbeddingsAsync(
            ["My locker code is 4711.", "What is the code of my locker?", "The harbour of the old town is full of boats."],
            new EmbeddingGenerationOptions { Dimensions = 256 },
            Ct);

        var vectors = result.Select(e => e.ToFloats().ToArray()).ToArray();
        Assert.All(vectors, v => Assert.Equal(256, v.Length));
        Assert.All(vectors, v => Assert.InRange(Math.Sqrt(v.Sum(x => (double)x * x)), 0.999, 1.001));
        Assert.True(Dot(vectors[0], vectors[1]) > Dot(vectors[0], vectors[2]) + 0.2, $"{Dot(vectors[0], vectors[1])} vs {Dot(vectors[0], vectors[2])}");
        Assert.True(result.Usage.InputTokenCount > 10);
        Assert.Equal(result.Usage.InputTokenCount, result.Usage.TotalTokenCount);
    }

    [Fact]
    public async Task Sdk_SameText_SameVectorAcrossCalls_DefaultLength1536()
    {
        await using var host = await SimulatorHost.StartAsync();
        var client = Client(host);

        OpenAIEmbedding first = await client.GenerateEmbeddingAsync("deterministic text", cancellationToken: Ct);
        OpenAIEmbedding second = await client.GenerateEmbeddingAsync("deterministic text", cancellationToken: Ct);

        Assert.Equal(1536, first.ToFloats().Length);
        Assert.Equal(first.ToFloats().ToArray(), second.ToFloats().ToArray());
    }

    [Fact]
    public async Task Sdk_UnknownModel_404ModelNotFound()
    {
        await using var host = await SimulatorHost.StartAsync();

        var error = await Assert.ThrowsAsync<ClientResultException>(() => Client(host, "text-embedding-9").GenerateEmbeddingAsync("x", cancellationToken: Ct));

        Assert.Equal(404, error.Status);
        Assert.Contains("model_not_found", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"model":"text-embedding-3-small","input":""}""", "input")]
    [InlineData("""{"model":"text-embedding-3-small","input":[]}""", "input")]
    [InlineData("""{"model":"text-embedding-3-small"}""", "input")]
    [InlineData("""{"model":"text-embedding-3-small","input":"a","dimensions":2000}""", "dimensions")]
    [InlineData("""{"model":"text-embedding-ada-002","input":"a","dimensions":8}""", "dimensions")]
    [InlineData("""{"model":"text-embedding-3-small","input":[1,"a"]}""", "input")]
    public async Task Wire_BadInput_400OpenAIErrorNamingTheParameter(string body, string param)
    {
        await using var host = await SimulatorHost.StartAsync();

        var (status, json) = await PostAsync(host, body);

        Assert.Equal(400, status);
        Assert.Equal("invalid_request_error", json.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal(param, json.GetProperty("error").GetProperty("param").GetString());
    }

    [Fact]
    public async Task Wire_TokenInput_Answered_AndCapturedForTests()
    {
        await using var host = await SimulatorHost.StartAsync();

        var (status, json) = await PostAsync(host, """{"model":"text-embedding-3-small","input":[[1,2,3],[4]],"dimensions":8}""");
        var captured = await host.Http.GetFromJsonAsync<JsonElement>(new Uri(host.BaseAddress, "/_sim/requests"), Ct);

        Assert.Equal(200, status);
        Assert.Equal("list", json.GetProperty("object").GetString());
        Assert.Equal(2, json.GetProperty("data").GetArrayLength());
        Assert.Equal(1, json.GetProperty("data")[1].GetProperty("index").GetInt32());
        Assert.Equal(4, json.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
        Assert.Contains(captured.GetProperty("requests").EnumerateArray(), r => r.GetProperty("path").GetString() == "/v1/embeddings");
    }

    [Fact]
    public async Task Faults_EmbeddingsRuleAndProviderRule_Apply_ChatOnlyRuleDoesNot()
    {
        await using var host = await SimulatorHost.StartAsync(scenarioJson: """
            {"rules":[
              {"api":"chat.completions","fault":{"kind":"status","status":500}},
              {"api":"embeddings","model":"text-embedding-3-large","count":1,"fault":{"kind":"status","status":429,"retryAfterSeconds":3}},
              {"provider":"openai","model":"text-embedding-3-small","count":1,"fault":{"kind":"errorEvent"}}
            ]}
            """);

        var (limited, limitedBody, retryAfter) = await PostWithHeadersAsync(host, """{"model":"text-embedding-3-large","input":"x"}""");
        var (failed, failedBody, _) = await PostWithHeadersAsync(host, """{"model":"text-embedding-3-small","input":"x"}""");
        var (served, _) = await PostAsync(host, """{"model":"text-embedding-3-small","input":"x"}""");
        var stats = await host.Http.GetFromJsonAsync<JsonElement>(new Uri(host.BaseAddress, "/_sim/stats"), Ct);

        Assert.Equal(429, limited);
        Assert.Equal("rate_limit_exceeded", limitedBody.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("3", retryAfter);
        Assert.Equal(500, failed);
        Assert.Equal("server_error", failedBody.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal(200, served);
        Assert.Equal(3, stats.GetProperty("byApi").GetProperty("embeddings").GetInt32());
        Assert.Equal(1, stats.GetProperty("byFault").GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Faults_Reset_AbortsTheConnection()
    {
        await using var host = await SimulatorHost.StartAsync(scenarioJson: """{"rules":[{"api":"embeddings","fault":{"kind":"reset"}}]}""");

        await Assert.ThrowsAsync<HttpRequestException>(() => PostAsync(host, """{"model":"text-embedding-3-small","input":"x"}"""));
    }

    [Fact]
    public async Task Faults_StallAndFirstTokenLatency_DelayTheAnswer()
    {
        await using var host = await SimulatorHost.StartAsync(scenarioJson: """{"latency":{"firstTokenMs":150},"rules":[{"api":"embeddings","fault":{"kind":"stall","seconds":0.3}}]}""");
        var started = System.Diagnostics.Stopwatch.GetTimestamp();

        var (status, _) = await PostAsync(host, """{"model":"text-embedding-3-small","input":"x"}""");

        Assert.Equal(200, status);
        Assert.True(System.Diagnostics.Stopwatch.GetElapsedTime(started) >= TimeSpan.FromMilliseconds(440));
    }

    private static async Task<(int Status, JsonElement Body, string? RetryAfter)> PostWithHeadersAsync(SimulatorHost host, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(host.BaseAddress, "/v1/embeddings"))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer k");
        using var response = await host.Http.SendAsync(request, Ct);
        var retryAfter = response.Headers.TryGetValues("retry-after", out var values) ? values.Single() : null;
        return ((int)response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone(), retryAfter);
    }

    private static async Task<(int Status, JsonElement Body)> PostAsync(SimulatorHost host, string body)
    {
        var (status, json, _) = await PostWithHeadersAsync(host, body);
        return (status, json);
    }

    private static double Dot(float[] a, float[] b) => a.Zip(b, (x, y) => (double)x * y).Sum();
}
