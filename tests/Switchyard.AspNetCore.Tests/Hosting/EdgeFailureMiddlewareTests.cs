using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Switchyard.Testing;

namespace Switchyard.AspNetCore.Tests.Hosting;

/// <summary>
/// A body the client breaks (bad chunking here; a cut-off or too-slow body takes the same path) and an unreachable batch
/// provider are answered in the caller's wire format, not with Kestrel's empty 400 or 500.
/// </summary>
public sealed class EdgeFailureMiddlewareTests(GatewayHarness harness, EdgeFailureMiddlewareTests.DeadOpenAIHarness deadOpenAI)
    : IClassFixture<GatewayHarness>, IClassFixture<EdgeFailureMiddlewareTests.DeadOpenAIHarness>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/v1/chat/completions", false)]
    [InlineData("/v1/responses", false)]
    [InlineData("/v1/messages", true)]
    [InlineData("/v1/batches", false)]
    [InlineData("/v1/messages/batches", true)]
    [InlineData("/v1/files", false)]
    public async Task Post_BodyWithBrokenChunking_Returns400InTheDoorsFormat(string path, bool anthropic)
    {
        var auth = anthropic
            ? $"x-api-key: {GatewayHarness.Key}\r\nanthropic-version: 2023-06-01\r\n"
            : $"Authorization: Bearer {GatewayHarness.Key}\r\n";
        var contentType = path == "/v1/files" ? "multipart/form-data; boundary=b" : "application/json";
        // One good chunk, then a chunk size that is not hexadecimal.
        var request = $"POST {path} HTTP/1.1\r\nHost: localhost\r\n{auth}Content-Type: {contentType}\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{{\"a\":\r\nZZ\r\n";

        var (status, body) = await SendRawAsync(request);

        Assert.Equal(400, status);
        var root = JsonDocument.Parse(body).RootElement;
        if (anthropic)
        {
            Assert.Equal("error", root.GetProperty("type").GetString());
        }

        Assert.Equal("invalid_request_error", root.GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task BatchDoor_ProviderUnreachable_Returns502InOpenAIFormat()
    {
        using var file = new MultipartFormDataContent { { new StringContent("batch"), "purpose" }, { new ByteArrayContent("{}\n"u8.ToArray()), "file", "in.jsonl" } };
        using var upload = new HttpRequestMessage(HttpMethod.Post, new Uri(deadOpenAI.GatewayUrl, "/v1/files")) { Content = file };
        upload.Headers.TryAddWithoutValidation("Authorization", "Bearer " + GatewayHarness.Key);

        using var response = await deadOpenAI.Http.SendAsync(upload, Ct);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("error");
        Assert.Equal("connect_failed", error.GetProperty("code").GetString());
    }

    /// <summary>Sends raw HTTP/1.1 bytes and reads the status and body of the answer (the server closes the connection).</summary>
    private async Task<(int Status, string Body)> SendRawAsync(string request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(harness.GatewayUrl.Host, harness.GatewayUrl.Port, Ct);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), Ct);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var answer = await reader.ReadToEndAsync(Ct).WaitAsync(TimeSpan.FromSeconds(20), Ct);
        var status = int.Parse(answer.AsSpan(9, 3), provider: null);
        return (status, answer[(answer.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..]);
    }

    /// <summary>The gateway with its OpenAI provider at a port nothing listens on (the batch doors have no fallback).</summary>
    public sealed class DeadOpenAIHarness : GatewayHarness
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
            [new("Switchyard:Providers:OpenAI:BaseUrl", "http://127.0.0.1:9")];
    }
}
