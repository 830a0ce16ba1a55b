using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Switchyard.EndToEnd.Tests.Cli;

namespace Switchyard.EndToEnd.Tests;

/// <summary>
/// The README's first command on a fresh machine: <c>switchyard serve</c> with no provider keys starts the built-in
/// simulator, prints a development key and a working curl line, and answers requests in both formats.
/// </summary>
public sealed partial class ServeCommandTests
{
    [Fact]
    public async Task Serve_WithoutProviderKeys_ServesBothFormatsFromTheBuiltInSimulator()
    {
        using var process = SwitchyardProcess.Start("serve", "--urls", "http://127.0.0.1:0");
        try
        {
            var (url, key, curl) = await ReadBannerAsync(process);
            Assert.Contains(url + "/v1/chat/completions", curl, StringComparison.Ordinal);
            using var http = new HttpClient();

            using var openAI = new HttpRequestMessage(HttpMethod.Post, url + "/v1/chat/completions")
            {
                Content = new StringContent("""{"model":"claude-haiku-4-5","messages":[{"role":"user","content":"Hello!"}]}""", Encoding.UTF8, "application/json"),
            };
            openAI.Headers.Add("Authorization", "Bearer " + key);
            using var openAIResponse = await http.SendAsync(openAI, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, openAIResponse.StatusCode);
            using var completion = JsonDocument.Parse(await openAIResponse.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            Assert.False(string.IsNullOrWhiteSpace(completion.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()));

            using var anthropic = new HttpRequestMessage(HttpMethod.Post, url + "/v1/messages")
            {
                Content = new StringContent("""{"model":"gpt-4o-mini","max_tokens":400,"messages":[{"role":"user","content":"Hello!"}]}""", Encoding.UTF8, "application/json"),
            };
            anthropic.Headers.Add("x-api-key", key);
            anthropic.Headers.Add("anthropic-version", "2023-06-01");
            using var anthropicResponse = await http.SendAsync(anthropic, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, anthropicResponse.StatusCode);
            using var message = JsonDocument.Parse(await anthropicResponse.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            Assert.Equal("message", message.RootElement.GetProperty("type").GetString());
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task Serve_InvalidConfiguration_ExitsWithEveryErrorAndItsPath()
    {
        var config = Path.GetTempFileName();
        await File.WriteAllTextAsync(
            config,
            """{"Switchyard":{"MaxRequestBodyBytes":-1,"Models":{"my-model":"mistral"},"Keys":[{"Tenant":"","Hash":"nope"}]}}""",
            TestContext.Current.CancellationToken);
        try
        {
            using var process = SwitchyardProcess.Start("serve", "--urls", "http://127.0.0.1:0", "--config", config);
            var stderr = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);

            Assert.Equal(2, process.ExitCode);
            Assert.Contains("Switchyard:MaxRequestBodyBytes", stderr, StringComparison.Ordinal);
            Assert.Contains("Switchyard:Models:my-model", stderr, StringComparison.Ordinal);
            Assert.Contains("Switchyard:Keys:0:Tenant", stderr, StringComparison.Ordinal);
            Assert.Contains("Switchyard:Keys:0:Hash", stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(config);
        }
    }

    private static async Task<(string Url, string Key, string Curl)> ReadBannerAsync(Process process)
    {
        string? url = null, key = null, curl = null;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        while (curl is null && await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            url ??= ListeningOn().Match(line) is { Success: true } m ? m.Groups[1].Value : null;
            key ??= DevKey().Match(line) is { Success: true } k ? k.Groups[1].Value : null;
            curl = line.Contains("curl", StringComparison.Ordinal) ? line : null;
        }

        Assert.NotNull(url);
        Assert.NotNull(key);
        return (url, key, curl!);
    }

    [GeneratedRegex(@"listening on (http://\S+)")]
    private static partial Regex ListeningOn();

    [GeneratedRegex(@"Development key .*: (\S+)$")]
    private static partial Regex DevKey();
}
