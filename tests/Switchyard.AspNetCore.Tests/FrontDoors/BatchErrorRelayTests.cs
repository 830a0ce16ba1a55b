using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Testing;

namespace Switchyard.AspNetCore.Tests.FrontDoors;

/// <summary>
/// A batch provider's error whose body is not JSON (a proxy's HTML page, an upstream that crashed mid-answer) reaches the
/// caller as an error in its door's format with the provider's status, not as a body its SDK cannot read.
/// </summary>
public sealed class BatchErrorRelayTests(BatchErrorRelayTests.HtmlErrorHarness harness) : IClassFixture<BatchErrorRelayTests.HtmlErrorHarness>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/v1/batches/batch_x", false)]
    [InlineData("/v1/messages/batches", true)]
    public async Task ProviderErrorWithoutJsonBody_IsRewrittenInTheDoorsFormat(string path, bool anthropic)
    {
        using var request = new HttpRequestMessage(anthropic ? HttpMethod.Post : HttpMethod.Get, new Uri(harness.GatewayUrl, path));
        if (anthropic)
        {
            request.Headers.TryAddWithoutValidation("x-api-key", GatewayHarness.Key);
            request.Headers.TryAddWithoutValidation("anthropic-version", "2023-06-01");
            request.Content = new StringContent("""{"requests":[{"custom_id":"a","params":{"model":"claude-haiku-4-5","max_tokens":5,"messages":[]}}]}""", Encoding.UTF8, "application/json");
        }
        else
        {
            // The batch must be the tenant's for the gateway to ask the provider: list it through the ownership table.
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + GatewayHarness.Key);
            await harness.Gateway.Services.GetRequiredService<Switchyard.Hosting.GatewayRuntime>().BatchOwnership
                .AddAsync(Switchyard.Storage.BatchObjectKind.OpenAIBatch, "batch_x", "acme", "acme", Ct);
        }

        using var response = await harness.Http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var root = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        if (anthropic)
        {
            Assert.Equal("error", root.GetProperty("type").GetString());
            Assert.Equal("api_error", root.GetProperty("error").GetProperty("type").GetString());
        }
        else
        {
            Assert.Equal("server_error", root.GetProperty("error").GetProperty("type").GetString());
        }
    }

    /// <summary>The gateway with both providers behind a proxy that answers every request 502 with an HTML page.</summary>
    public sealed class HtmlErrorHarness : ScriptedProviderHarness
    {
        protected override async Task AnswerAsync(HttpListenerContext context)
        {
            var page = "<html><body>502 Bad Gateway</body></html>"u8.ToArray();
            context.Response.StatusCode = 502;
            context.Response.ContentType = "text/html";
            await context.Response.OutputStream.WriteAsync(page);
            context.Response.Close();
        }
    }
}
