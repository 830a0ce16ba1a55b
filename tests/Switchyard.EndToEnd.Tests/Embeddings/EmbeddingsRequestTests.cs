using System.ClientModel;
using System.Net;
using System.Text;
using System.Text.Json;
using Switchyard.EndToEnd.Tests.Routing;
using Switchyard.Testing;
using static Switchyard.EndToEnd.Tests.Embeddings.EmbeddingsHarness;

namespace Switchyard.EndToEnd.Tests.Embeddings;

/// <summary>
/// What <c>POST /v1/embeddings</c> refuses before any provider is called — bad bodies, keys, sizes and rates — each as
/// an OpenAI error (<c>{"error":{"message","type","param","code"}}</c>) with the right status.
/// </summary>
public sealed class EmbeddingsRequestTests(EmbeddingsHarness harness) : IClassFixture<EmbeddingsHarness>, IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await harness.ResetSimulatorAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>Asserts an OpenAI error body with all four keys, and returns its <c>error</c> object.</summary>
    private static async Task<JsonElement> OpenAIErrorAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(status == response.StatusCode, $"{response.StatusCode}: {text}");
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        var error = JsonDocument.Parse(text).RootElement.GetProperty("error").Clone();
        Assert.Equal(JsonValueKind.String, error.GetProperty("message").ValueKind);
        Assert.Equal(JsonValueKind.String, error.GetProperty("type").ValueKind);
        Assert.True(error.TryGetProperty("param", out _));
        Assert.True(error.TryGetProperty("code", out _));
        return error;
    }

    public static TheoryData<string, string?> InvalidBodies => new()
    {
        { "{not json", null },
        { "[1,2]", null },
        { """{"input":"x"}""", "model" },
        { """{"model":"","input":"x"}""", "model" },
        { """{"model":7,"input":"x"}""", "model" },
        { $$"""{"model":"{{Small}}"}""", "input" },
        { $$"""{"model":"{{Small}}","input":null}""", "input" },
        { $$"""{"model":"{{Small}}","input":""}""", "input" },
        { $$"""{"model":"{{Small}}","input":[]}""", "input" },
        { $$$"""{"model":"{{{Small}}}","input":{"text":"x"}}""", "input" },
        { $$"""{"model":"{{Small}}","input":["a",""]}""", "input[1]" },
        { $$"""{"model":"{{Small}}","input":["a",[1]]}""", "input[1]" },
        { $$"""{"model":"{{Small}}","input":[[1,2],[]]}""", "input[1]" },
        { $$"""{"model":"{{Small}}","input":[1,-2]}""", "input[1]" },
        { $$"""{"model":"{{Small}}","input":[1,2.5]}""", "input[1]" },
        { $$"""{"model":"{{Small}}","input":"x","dimensions":0}""", "dimensions" },
        { $$"""{"model":"{{Small}}","input":"x","dimensions":-3}""", "dimensions" },
        { $$"""{"model":"{{Small}}","input":"x","dimensions":"256"}""", "dimensions" },
        { $$"""{"model":"{{Small}}","input":"x","dimensions":1.5}""", "dimensions" },
        { $$"""{"model":"{{Small}}","input":"x","encoding_format":"int8"}""", "encoding_format" },
        { $$"""{"model":"{{Small}}","input":"x","user":42}""", "user" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task InvalidBody_400InvalidRequestErrorNamingTheParam_NoProviderCall(string body, string? param)
    {
        using var response = await harness.PostAsync("/v1/embeddings", body);
        var error = await OpenAIErrorAsync(response, HttpStatusCode.BadRequest);

        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.Equal(0, await harness.SimulatorRequestCountAsync());
    }

    [Fact]
    public async Task MoreThan2048Inputs_400ArrayTooLong()
    {
        var inputs = string.Join(",", Enumerable.Repeat("\"x\"", 2049));
        using var response = await harness.PostAsync("/v1/embeddings", $$"""{"model":"{{Small}}","input":[{{inputs}}]}""");
        var error = await OpenAIErrorAsync(response, HttpStatusCode.BadRequest);

        Assert.Equal("input", error.GetProperty("param").GetString());
        Assert.Contains("2048", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exactly2048Inputs_Served()
    {
        var inputs = string.Join(",", Enumerable.Range(0, 2048).Select(i => $"\"w{i}\""));
        using var response = await harness.PostAsync("/v1/embeddings", $$"""{"model":"{{Small}}","input":[{{inputs}}],"dimensions":4}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFE })]
    [InlineData(new byte[] { (byte)'\\', (byte)'u', (byte)'d', (byte)'8', (byte)'0', (byte)'0' })]
    public async Task UnreadableText_400NotA500(byte[] inside)
    {
        var body = Encoding.UTF8.GetBytes($$"""{"model":"{{Small}}","input":"a""").Concat(inside).Concat("\"}"u8.ToArray()).ToArray();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(harness.GatewayUrl, "/v1/embeddings")) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + GatewayHarness.Key);
        using var response = await harness.Http.SendAsync(request, Ct);

        await OpenAIErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(0, await harness.SimulatorRequestCountAsync());
    }

    [Fact]
    public async Task UnknownModel_404ModelNotFound()
    {
        using var response = await harness.PostAsync("/v1/embeddings", """{"model":"mystery-embedder","input":"x"}""");
        var error = await OpenAIErrorAsync(response, HttpStatusCode.NotFound);

        Assert.Equal("model_not_found", error.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("sy-not-a-key")]
    public async Task NoOrBadKey_401InvalidApiKey(string? key)
    {
        using var response = await harness.PostAsync("/v1/embeddings", $$"""{"model":"{{Small}}","input":"x"}""", key);
        var error = await OpenAIErrorAsync(response, HttpStatusCode.Unauthorized);

        Assert.Equal("invalid_api_key", error.GetProperty("code").GetString());
        Assert.Equal(0, await harness.SimulatorRequestCountAsync());
    }

    [Fact]
    public async Task Sdk_BadKey_ClientResultException401()
    {
        var error = await Assert.ThrowsAsync<ClientResultException>(() => harness.Sdk(Small, "sy-not-a-key").GenerateEmbeddingAsync("x", cancellationToken: Ct));

        Assert.Equal(401, error.Status);
    }

    [Fact]
    public async Task BodyOverTheLimit_413()
    {
        using var response = await harness.PostAsync("/v1/embeddings", $$"""{"model":"{{Small}}","input":"{{new string('a', MaxBodyBytes)}}"}""");

        await OpenAIErrorAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(0, await harness.SimulatorRequestCountAsync());
    }

    [Fact]
    public async Task TenantOverItsRequestsPerMinute_429RateLimitExceededWithHeaders()
    {
        var body = $$"""{"model":"{{Small}}","input":"x"}""";
        using var first = await harness.PostAsync("/v1/embeddings", body, LimitedKey);
        using var second = await harness.PostAsync("/v1/embeddings", body, LimitedKey);
        var error = await OpenAIErrorAsync(second, HttpStatusCode.TooManyRequests);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("1", RoutingHarness.Header(first, "x-ratelimit-limit-requests"));
        Assert.Equal("rate_limit_exceeded", error.GetProperty("code").GetString());
        Assert.NotNull(second.Headers.RetryAfter);
        Assert.Equal(1, await harness.SimulatorRequestCountAsync());
    }
}
