using System.Net;
using System.Text;
using System.Text.Json;
using Switchyard.Testing;

namespace Switchyard.AspNetCore.Tests.FrontDoors;

/// <summary>
/// A provider, or a proxy in front of it, that quotes the key it was sent in its error body and request id: what the
/// gateway passes on to the caller (the chat door's error and headers, a batch door's relayed error) never holds the key.
/// </summary>
public sealed class ProviderKeyEchoTests(ProviderKeyEchoTests.EchoingProxyHarness harness) : IClassFixture<ProviderKeyEchoTests.EchoingProxyHarness>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/v1/chat/completions", """{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hi"}]}""", false)]
    [InlineData("/v1/messages", """{"model":"claude-haiku-4-5","max_tokens":5,"messages":[{"role":"user","content":"Hi"}]}""", true)]
    [InlineData("/v1/messages/batches", """{"requests":[{"custom_id":"a","params":{"model":"claude-haiku-4-5","max_tokens":5,"messages":[{"role":"user","content":"Hi"}]}}]}""", true)]
    public async Task ProviderQuotesTheGatewaysKey_TheCallerNeverSeesIt(string path, string body, bool anthropic)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(harness.GatewayUrl, path)) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation(anthropic ? "x-api-key" : "Authorization", anthropic ? GatewayHarness.Key : "Bearer " + GatewayHarness.Key);
        request.Headers.TryAddWithoutValidation("anthropic-version", "2023-06-01");

        using var response = await harness.Http.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        var headers = string.Join('\n', response.Headers.Select(h => h.Key + ": " + string.Join(',', h.Value)));

        Assert.True((int)response.StatusCode >= 500, $"{response.StatusCode}: {text}");
        Assert.Contains("provider said: ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-sim-", text, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-sim-", headers, StringComparison.Ordinal);
        JsonDocument.Parse(text);
    }

    /// <summary>The gateway with both providers behind a proxy that answers 500 quoting the credentials it was sent.</summary>
    public sealed class EchoingProxyHarness : ScriptedProviderHarness
    {
        protected override async Task AnswerAsync(HttpListenerContext context)
        {
            var credentials = context.Request.Headers["x-api-key"] ?? context.Request.Headers["Authorization"] ?? "";
            var anthropic = context.Request.Headers["x-api-key"] is not null;
            var message = JsonSerializer.Serialize("provider said: credentials " + credentials + " look odd");
            var json = anthropic
                ? $$$"""{"type":"error","error":{"type":"api_error","message":{{{message}}}}}"""
                : $$$"""{"error":{"message":{{{message}}},"type":"server_error","param":null,"code":null}}""";
            context.Response.StatusCode = 500;
            context.Response.ContentType = "application/json";
            context.Response.Headers["x-request-id"] = "req_" + credentials.Replace(' ', '_');
            context.Response.Headers["request-id"] = "req_" + credentials.Replace(' ', '_');
            await context.Response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes(json));
            context.Response.Close();
        }
    }
}
