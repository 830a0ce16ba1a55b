using System.Text;
using System.Text.Json;
using Switchyard.Testing;

namespace Switchyard.EndToEnd.Tests;

/// <summary>
/// The gateway writes a burst of upstream events in one send, but never holds an event back while it waits for the
/// next: from a paced upstream every event reaches the caller as it arrives, in a read of its own.
/// </summary>
public sealed class PacedStreamDeliveryTests(GatewayHarness harness) : IClassFixture<GatewayHarness>
{
    [Fact]
    public async Task PacedUpstream_EveryContentEventArrivesOnItsOwn()
    {
        // 10 tokens per second: every token after the first comes ~100 ms after the one before it.
        await harness.SetScenarioAsync("""{"rules":[{"fault":{"kind":"slow","tokensPerSecond":10}}]}""");
        var body = JsonSerializer.Serialize(new
        {
            model = "gpt-4o-mini",
            stream = true,
            max_completion_tokens = 40,
            messages = new object[] { new { role = "user", content = "Tell me about rivers." } },
        });

        using var response = await harness.PostAsync("/v1/chat/completions", body);
        Assert.True(response.IsSuccessStatusCode, $"status {(int)response.StatusCode}");
        await using var stream = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
        var received = new StringBuilder();
        var readsWithContent = 0;
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(buffer, TestContext.Current.CancellationToken)) > 0)
        {
            var chunk = Encoding.UTF8.GetString(buffer, 0, read);
            received.Append(chunk);
            readsWithContent += chunk.Contains("\"content\":\"", StringComparison.Ordinal) ? 1 : 0;
        }

        var text = received.ToString();
        var contentEvents = text.Split("\"content\":\"").Length - 1;
        Assert.Contains("data: [DONE]", text, StringComparison.Ordinal);
        Assert.True(contentEvents >= 4, $"only {contentEvents} content events");
        // Held-back events would arrive together at the end: here each ~100 ms gap is a read of its own.
        Assert.True(readsWithContent >= contentEvents - 1, $"{contentEvents} content events arrived in {readsWithContent} reads");
    }
}
