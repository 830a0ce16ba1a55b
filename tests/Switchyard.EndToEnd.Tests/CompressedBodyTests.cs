using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using Switchyard.Testing;

namespace Switchyard.EndToEnd.Tests;

/// <summary>
/// A gzip-compressed body is refused with a 400 that says it is compressed, in the door's format, on every door that
/// takes JSON; before, the caller heard that its (valid) JSON was not JSON.
/// </summary>
public sealed class CompressedBodyTests(GatewayHarness harness) : IClassFixture<GatewayHarness>
{
    [Theory]
    [InlineData("/v1/chat/completions", """{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hi"}]}""")]
    [InlineData("/v1/messages", """{"model":"claude-haiku-4-5","max_tokens":5,"messages":[{"role":"user","content":"Hi"}]}""")]
    [InlineData("/v1/responses", """{"model":"gpt-4o-mini","input":"Hi"}""")]
    [InlineData("/v1/embeddings", """{"model":"text-embedding-3-small","input":"Hi"}""")]
    [InlineData("/v1/messages/count_tokens", """{"model":"claude-haiku-4-5","messages":[{"role":"user","content":"Hi"}]}""")]
    public async Task Post_GzipBody_400SayingTheBodyIsCompressed(string door, string json)
    {
        var anthropic = door.StartsWith("/v1/messages", StringComparison.Ordinal);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(harness.GatewayUrl, door)) { Content = new ByteArrayContent(Gzip(json)) };
        request.Content.Headers.ContentType = new("application/json");
        request.Content.Headers.ContentEncoding.Add("gzip");
        request.Headers.TryAddWithoutValidation(anthropic ? "x-api-key" : "Authorization", anthropic ? GatewayHarness.Key : "Bearer " + GatewayHarness.Key);
        request.Headers.TryAddWithoutValidation("anthropic-version", "2023-06-01");

        using var response = await harness.Http.SendAsync(request, TestContext.Current.CancellationToken);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("error");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Contains("Content-Encoding: gzip", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return buffer.ToArray();
    }
}
