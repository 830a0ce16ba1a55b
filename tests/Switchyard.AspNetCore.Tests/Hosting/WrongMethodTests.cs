using System.Net;
using System.Text.Json;
using Switchyard.Testing;

namespace Switchyard.AspNetCore.Tests.Hosting;

/// <summary>
/// A served path under a method it does not answer is a 405 naming the methods it does (<c>Allow</c>), in the caller's
/// wire format; a path nobody serves stays a 404. The catch-all fallback used to answer both with the 404.
/// </summary>
public sealed class WrongMethodTests(GatewayHarness harness) : IClassFixture<GatewayHarness>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, string[]> WrongMethods => new()
    {
        { "POST", "/v1/models", ["GET"] },
        { "GET", "/v1/chat/completions", ["POST"] },
        { "PUT", "/v1/embeddings", ["POST"] },
        { "PATCH", "/v1/responses/resp_0123", ["DELETE", "GET"] },
        { "GET", "/v1/responses/resp_0123/cancel", ["POST"] },
        { "PUT", "/v1/batches", ["GET", "POST"] },
        { "POST", "/healthz", ["GET"] },
        { "DELETE", "/admin/spend", ["GET"] },
        { "PUT", "/metrics", ["GET", "HEAD"] },
    };

    [Theory]
    [MemberData(nameof(WrongMethods))]
    public async Task ServedPath_UnderAnotherMethod_Is405WithAllowAndAnOpenAIError(string method, string path, string[] allowed)
    {
        using var response = await SendAsync(method, path, anthropic: false);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(allowed, response.Content.Headers.Allow.Order(StringComparer.Ordinal));
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("error");
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Contains(method, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains(path, error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "/v1/messages", "POST")]
    [InlineData("DELETE", "/v1/messages/count_tokens", "POST")]
    [InlineData("PUT", "/v1/messages/batches/msgbatch_01/results", "GET")]
    public async Task AnthropicPath_UnderAnotherMethod_Is405InAnthropicsFormat(string method, string path, string allowed)
    {
        using var response = await SendAsync(method, path, anthropic: true);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal([allowed], response.Content.Headers.Allow);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal("error", body.GetProperty("type").GetString());
        Assert.Equal("invalid_request_error", body.GetProperty("error").GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("GET", "/v1/completions")]
    [InlineData("POST", "/v1/chat/completions/extra")]
    [InlineData("DELETE", "/nothing/here")]
    public async Task UnservedPath_StaysA404WithoutAllow(string method, string path)
    {
        using var response = await SendAsync(method, path, anthropic: false);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(response.Content.Headers.Allow);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("error");
        Assert.Contains("Unknown endpoint", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private Task<HttpResponseMessage> SendAsync(string method, string path, bool anthropic)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), new Uri(harness.GatewayUrl, path));
        if (anthropic)
        {
            request.Headers.Add("anthropic-version", "2023-06-01");
        }

        return harness.Http.SendAsync(request, Ct);
    }
}
