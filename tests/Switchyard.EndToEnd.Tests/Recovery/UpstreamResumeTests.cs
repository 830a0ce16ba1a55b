using Switchyard.Testing;

namespace Switchyard.EndToEnd.Tests.Recovery;

/// <summary>The gateway with a route to OpenAI's Responses API (provider <c>openai-responses</c>).</summary>
public sealed class ResponsesUpstreamHarness : GatewayHarness
{
    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
    [
        new("Switchyard:Routes:via-responses:Targets:0:Provider", "openai-responses"),
        new("Switchyard:Routes:via-responses:Targets:0:Model", "gpt-4o-mini"),
    ];
}

/// <summary>
/// A broken upstream stream from a provider that can resume (OpenAI Responses, background) is resumed from its last
/// sequence number: the generation is not repeated, and the caller sees every character once.
/// </summary>
public sealed class UpstreamResumeTests(ResponsesUpstreamHarness harness) : IClassFixture<ResponsesUpstreamHarness>
{
    [Theory]
    [InlineData("chat", 6)]
    [InlineData("chat", 15)]
    [InlineData("messages", 6)]
    [InlineData("messages", 15)]
    public async Task CutUpstreamConnection_IsResumedByStartingAfter_NotRegenerated(string door, int cutAfter)
    {
        await harness.ResetSimulatorAsync();
        var (whole, _) = await StreamClients.StreamAsync(harness, door, "via-responses");
        await harness.ResetSimulatorAsync();
        await harness.SetScenarioAsync($$$"""{"rules":[{"api":"responses","count":1,"stream":true,"fault":{"kind":"cut","afterEvents":{{{cutAfter}}}}}]}""");

        var (resumed, finished) = await StreamClients.StreamAsync(harness, door, "via-responses");

        var stats = await harness.SimulatorStatsAsync();
        Assert.True(finished);
        Assert.Equal(whole, resumed);
        Assert.Equal(1, stats.GetProperty("byApi").GetProperty("responses").GetInt64());
        Assert.Equal(1, stats.GetProperty("responses").GetProperty("resume").GetInt64());
    }

    [Theory]
    [InlineData(3)]
    [InlineData(9)]
    public async Task RepeatedUpstreamEvents_SameSequenceNumber_AreDropped(int after)
    {
        await harness.ResetSimulatorAsync();
        var (whole, _) = await StreamClients.StreamAsync(harness, "chat", "via-responses");
        await harness.SetScenarioAsync($$$"""{"rules":[{"api":"responses","count":1,"stream":true,"fault":{"kind":"duplicate","afterEvents":{{{after}}},"count":3}}]}""");

        var (text, finished) = await StreamClients.StreamAsync(harness, "chat", "via-responses");

        Assert.True(finished);
        Assert.Equal(whole, text);
    }

    [Fact]
    public async Task EveryDoor_ServedByTheResponsesUpstream_GetsTheSameAnswer()
    {
        await harness.ResetSimulatorAsync();

        var (chat, _) = await StreamClients.StreamAsync(harness, "chat", "via-responses");
        var (messages, _) = await StreamClients.StreamAsync(harness, "messages", "via-responses");
        var (responses, finished) = await StreamClients.StreamAsync(harness, "responses", "via-responses");

        Assert.True(finished);
        Assert.False(string.IsNullOrEmpty(chat));
        Assert.Equal(chat, messages);
        Assert.Equal(chat, responses);
        var stats = await harness.SimulatorStatsAsync();
        Assert.Equal(3, stats.GetProperty("byApi").GetProperty("responses").GetInt64());
    }
}
