using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using OpenAI.Models;
using Switchyard.Testing;

namespace Switchyard.EndToEnd.Tests;

/// <summary><c>GET /v1/models</c> and <c>GET /v1/models/{id}</c> answer both official SDKs in their own shapes.</summary>
public sealed class ModelsEndpointTests(GatewayHarness harness) : IClassFixture<GatewayHarness>
{
    [Fact]
    public async Task OpenAISdk_ListModels_SeesModelsOfBothProviders()
    {
        var client = new OpenAIModelClient(
            new System.ClientModel.ApiKeyCredential(GatewayHarness.Key),
            new OpenAI.OpenAIClientOptions { Endpoint = new Uri(harness.GatewayUrl, "/v1") });

        var models = (await client.GetModelsAsync(TestContext.Current.CancellationToken)).Value;

        Assert.Contains(models, m => m.Id == "gpt-4o-mini" && m.OwnedBy == "openai");
        Assert.Contains(models, m => m.Id == "text-embedding-3-small" && m.OwnedBy == "openai");
        Assert.Contains(models, m => m.Id == "claude-haiku-4-5" && m.OwnedBy == "anthropic");
    }

    [Fact]
    public async Task AnthropicSdk_ListModels_SeesModelsOfBothProviders()
    {
        var page = await harness.Anthropic().Models.List(cancellationToken: TestContext.Current.CancellationToken);
        var ids = page.Items.Select(m => m.ID).ToList();

        Assert.False(page.HasNext());

        Assert.Contains("claude-haiku-4-5", ids);
        Assert.Contains("gpt-4o-mini", ids);
    }

    [Fact]
    public async Task OpenAISdk_GetModel_AnswersAListedModelAndAPlainOneTheListCannotEnumerate()
    {
        var client = new OpenAIModelClient(
            new System.ClientModel.ApiKeyCredential(GatewayHarness.Key),
            new OpenAI.OpenAIClientOptions { Endpoint = new Uri(harness.GatewayUrl, "/v1") });

        var listed = (await client.GetModelAsync("claude-haiku-4-5", TestContext.Current.CancellationToken)).Value;
        var plain = (await client.GetModelAsync("gpt-4o-2024-08-06", TestContext.Current.CancellationToken)).Value;

        Assert.Equal(("claude-haiku-4-5", "anthropic"), (listed.Id, listed.OwnedBy));
        Assert.Equal(("gpt-4o-2024-08-06", "openai"), (plain.Id, plain.OwnedBy));
    }

    [Fact]
    public async Task AnthropicSdk_RetrieveModel_AnswersInAnthropicsShape()
    {
        var model = await harness.Anthropic().Models.Retrieve("gpt-4o-mini", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("gpt-4o-mini", model.ID);
        Assert.Equal("gpt-4o-mini", model.DisplayName);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetModel_NobodyServes_Is404ModelNotFoundInTheCallersFormat(bool anthropic)
    {
        using var response = await GetAsync("/v1/models/mistral-large", anthropic, GatewayHarness.Key);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var error = body.GetProperty("error");
        Assert.EndsWith("The model `mistral-large` does not exist: no route or provider serves it.", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        if (anthropic)
        {
            Assert.Equal("not_found_error", error.GetProperty("type").GetString());
        }
        else
        {
            Assert.Equal("model_not_found", error.GetProperty("code").GetString());
        }
    }

    [Fact]
    public async Task GetModel_WithoutAValidKey_Is401()
    {
        using var response = await GetAsync("/v1/models/gpt-4o-mini", anthropic: false, key: "sy-not-a-key");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private Task<HttpResponseMessage> GetAsync(string path, bool anthropic, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(harness.GatewayUrl, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (anthropic)
        {
            request.Headers.Add("anthropic-version", "2023-06-01");
        }

        return harness.Http.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
