using OpenAI.Models;
using Switchyard.Testing;

namespace Switchyard.EndToEnd.Tests;

/// <summary><c>GET /v1/models</c> answers both official SDKs in their own list shape.</summary>
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
}
