using System.Net;
using System.Text.Json;
using Switchyard.Testing;

namespace Switchyard.EndToEnd.Tests.Observability;

/// <summary>
/// <c>/metrics</c> is a GET (and HEAD) endpoint: the exporter's own mapping answered every method with a scrape; any
/// other method is a 405 with <c>Allow</c> and an OpenAI error body, never a scrape and never an empty body.
/// </summary>
public sealed class MetricsMethodTests(GatewayHarness harness) : IClassFixture<GatewayHarness>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Get_Scrapes_AndHead_AnswersTheSameWithoutABody()
    {
        using var get = await SendAsync(HttpMethod.Get);
        using var head = await SendAsync(HttpMethod.Head);

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Contains("# TYPE", await get.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType?.MediaType, head.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync(Ct));
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    public async Task OtherMethods_Are405WithAllowAndAnErrorBody(string method)
    {
        using var response = await SendAsync(new HttpMethod(method));
        var body = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET", "HEAD"], response.Content.Headers.Allow.Order(StringComparer.Ordinal));
        Assert.Contains(method, JsonDocument.Parse(body).RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("# TYPE", body, StringComparison.Ordinal);
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method) =>
        harness.Http.SendAsync(new HttpRequestMessage(method, new Uri(harness.GatewayUrl, "/metrics")), Ct);
}
