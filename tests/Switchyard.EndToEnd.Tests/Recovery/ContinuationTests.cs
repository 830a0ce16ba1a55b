using Switchyard.Testing;

namespace Switchyard.EndToEnd.Tests.Recovery;

/// <summary>
/// An upstream stream that breaks after the caller has text is continued from that text — prefill on models that accept
/// it, a continuation turn on models that reject it — and the caller sees each character exactly once.
/// </summary>
public sealed class ContinuationTests(GatewayHarness harness) : IClassFixture<GatewayHarness>
{
    // All three front doors; an OpenAI model (continuation turn), Claude 4.5 (prefill) and Claude 4.6 (rejects prefill).
    public static TheoryData<string, string> Cases => new()
    {
        { "chat", "gpt-4o-mini" },
        { "chat", "claude-haiku-4-5" },
        { "chat", "claude-sonnet-4-6" },
        { "messages", "gpt-4o-mini" },
        { "messages", "claude-haiku-4-5" },
        { "messages", "claude-sonnet-4-6" },
        { "responses", "gpt-4o-mini" },
        { "responses", "claude-haiku-4-5" },
        { "responses", "claude-sonnet-4-6" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Stream_CutAtManyPointsAndSeeds_CallerGetsTheUninterruptedTextExactlyOnce(string door, string model)
    {
        var random = new Random(door.Length * 31 + model.Length);
        for (var round = 0; round < 8; round++)
        {
            var seed = random.Next(1, 10_000);
            var cutAfter = random.Next(1, 40);
            var overlap = round % 2 == 1 ? random.Next(8, 40) : 0;
            await harness.ResetSimulatorAsync();
            await harness.SetScenarioAsync($$"""{"seed":{{seed}},"rules":[]}""");
            var (whole, _) = await StreamClients.StreamAsync(harness, door, model);

            var rules = $$$"""{"count":1,"stream":true,"fault":{"kind":"cut","afterEvents":{{{cutAfter}}}}}""";
            if (overlap > 0)
            {
                rules += $$$""",{"count":1,"fault":{"kind":"overlap","chars":{{{overlap}}}}}""";
            }

            await harness.SetScenarioAsync($$"""{"seed":{{seed}},"rules":[{{rules}}]}""");
            var (repaired, finished) = await StreamClients.StreamAsync(harness, door, model);

            var context = $"seed {seed}, cut after {cutAfter} events, overlap {overlap}";
            Assert.True(finished, $"the repaired stream ends normally ({context})");
            Assert.Equal(whole, repaired);
        }
    }

    [Fact]
    public async Task ContinuedStream_SaysSo_InAnSseCommentBeforeTheContinuedText()
    {
        await harness.ResetSimulatorAsync();
        await harness.SetScenarioAsync("""{"rules":[{"count":1,"stream":true,"fault":{"kind":"cut","afterEvents":6}}]}""");

        using var response = await harness.PostAsync("/v1/chat/completions", """{"model":"gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"Describe a harbour."}]}""");
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains("\n: x-switchyard-continued provider=openai model=gpt-4o-mini\n\n", body, StringComparison.Ordinal);
        Assert.EndsWith("data: [DONE]\n\n", body, StringComparison.Ordinal);
        // Kestrel sends trailers only over HTTP/2 (this client speaks HTTP/1.1): the comment is what such a client sees.
        Assert.False(response.TrailingHeaders.Contains("x-switchyard-continued"));
    }
}
