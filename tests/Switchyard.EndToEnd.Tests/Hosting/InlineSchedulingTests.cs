using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenAI.Chat;
using Switchyard.Simulator;
using Switchyard.Testing;

namespace Switchyard.EndToEnd.Tests.Hosting;

/// <summary>A gateway with <c>Switchyard:Server:InlineScheduling</c> set explicitly (to the opposite of its default below).</summary>
public sealed class InlineSchedulingHarness : GatewayHarness
{
    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
        [new("Switchyard:Server:InlineScheduling", "true")];
}

/// <summary>
/// <c>Switchyard:Server:InlineScheduling</c> reaches Kestrel's socket transport, and a gateway running requests inline on
/// the socket threads still answers many concurrent requests, plain and streamed, same-format and translated, exactly.
/// </summary>
public sealed class InlineSchedulingTests(InlineSchedulingHarness harness) : IClassFixture<InlineSchedulingHarness>
{
    private const string Question = "Tell me about rivers.";

    [Fact]
    public void Setting_ReachesKestrelsSocketTransport()
    {
        var transport = harness.Gateway.Services.GetRequiredService<IOptions<SocketTransportOptions>>().Value;

        Assert.True(transport.UnsafePreferInlineScheduling);
    }

    [Fact]
    public async Task Default_IsOffInKestrelsSocketTransport()
    {
        var plain = new GatewayHarness();
        await plain.InitializeAsync();
        try
        {
            var transport = plain.Gateway.Services.GetRequiredService<IOptions<SocketTransportOptions>>().Value;

            Assert.False(transport.UnsafePreferInlineScheduling);
        }
        finally
        {
            await plain.DisposeAsync();
        }
    }

    [Fact]
    public async Task ConcurrentRequests_Inline_AllGetTheirExactAnswers()
    {
        var expected = GatewayHarness.Expected(SimulatorApi.OpenAIChatCompletions, JsonSerializer.Serialize(new
        {
            model = "gpt-4o-mini",
            max_completion_tokens = 200,
            messages = new object[] { new { role = "user", content = Question } },
        }));
        var client = harness.OpenAIChat("gpt-4o-mini");
        var options = new ChatCompletionOptions { MaxOutputTokenCount = 200 };

        async Task<string> PlainAsync() =>
            (await client.CompleteChatAsync([new UserChatMessage(Question)], options, TestContext.Current.CancellationToken)).Value.Content[0].Text;

        async Task<string> StreamedAsync()
        {
            var text = new StringBuilder();
            await foreach (var update in client.CompleteChatStreamingAsync([new UserChatMessage(Question)], options, TestContext.Current.CancellationToken))
            {
                foreach (var part in update.ContentUpdate)
                {
                    text.Append(part.Text);
                }
            }

            return text.ToString();
        }

        var answers = await Task.WhenAll(Enumerable.Range(0, 48).Select(i => i % 2 == 0 ? PlainAsync() : StreamedAsync()));

        Assert.All(answers, answer => Assert.Equal(expected.Text, answer));
    }

    [Fact]
    public async Task ConcurrentTranslatedStreams_Inline_AllComplete()
    {
        var body = JsonSerializer.Serialize(new
        {
            model = "gpt-4o-mini",
            max_tokens = 100,
            stream = true,
            messages = new object[] { new { role = "user", content = Question } },
        });

        async Task<string> StreamAsync()
        {
            using var response = await harness.PostAsync("/v1/messages", body, anthropicHeaders: true);
            Assert.True(response.IsSuccessStatusCode, $"status {(int)response.StatusCode}");
            return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        }

        var streams = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => StreamAsync()));

        Assert.All(streams, stream => Assert.Contains("event: message_stop", stream, StringComparison.Ordinal));
    }
}
