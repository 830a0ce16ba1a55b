#pragma warning disable OPENAI001 // Files and Batch clients are marked experimental in the SDK.
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;
using Anthropic.Models.Messages.Batches;
using OpenAI;
using OpenAI.Files;
using Switchyard.Simulator;

namespace Switchyard.EndToEnd.Tests.Batches;

/// <summary>
/// The provider rejects the gateway's own key (revoked, mistyped): the batch doors answer as the chat doors do, 502
/// <c>provider_access_denied</c> in the caller's format with a message of the gateway's, never a 401 that would blame the
/// caller's key, and never the provider's words about a key the caller has never seen.
/// </summary>
public sealed class BatchProviderKeyTests(BatchProviderKeyTests.Harness harness) : IClassFixture<BatchProviderKeyTests.Harness>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public sealed class Harness : BatchHarness
    {
        protected override SimulatorOptions SimulatorSettings => base.SimulatorSettings with { AcceptedKeys = new HashSet<string> { "sk-current" } };

        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
        [
            .. base.ExtraSettings(),
            new("Switchyard:Providers:OpenAI:ApiKey", "sk-revoked-openai"),
            new("Switchyard:Providers:Anthropic:ApiKey", "sk-revoked-anthropic"),
        ];
    }

    [Fact]
    public async Task OpenAISdk_Upload_502ProviderAccessDenied()
    {
        var client = new OpenAIClient(new ApiKeyCredential(BatchHarness.Key), new OpenAIClientOptions { Endpoint = new Uri(harness.GatewayUrl, "/v1"), RetryPolicy = new ClientRetryPolicy(0) });

        var e = await Assert.ThrowsAsync<ClientResultException>(() => client.GetOpenAIFileClient().UploadFileAsync(BinaryData.FromString("{}\n"), "input.jsonl", FileUploadPurpose.Batch));

        Assert.Equal(502, e.Status);
        var raw = e.GetRawResponse()!.Content.ToString();
        var error = JsonDocument.Parse(raw).RootElement.GetProperty("error");
        Assert.Equal("provider_access_denied", error.GetProperty("code").GetString());
        Assert.StartsWith("OpenAI rejected the gateway's provider credentials", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("sk-", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnthropicSdk_CreateBatch_502ApiError()
    {
        var e = await Assert.ThrowsAsync<Anthropic5xxException>(() => harness.Anthropic().Messages.Batches.Create(new BatchCreateParams
        {
            Requests = [new Request { CustomID = "a", Params = new Params { MaxTokens = 10, Messages = [new UserMessageParam("Hi")], Model = "claude-haiku-4-5" } }],
        }, Ct));

        Assert.Equal(502, (int)e.StatusCode);
        Assert.Contains("Anthropic rejected the gateway's provider credentials", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("x-api-key", e.Message, StringComparison.Ordinal);
    }
}
