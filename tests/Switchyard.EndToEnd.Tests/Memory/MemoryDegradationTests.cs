using System.Text.Json;

namespace Switchyard.EndToEnd.Tests.Memory;

/// <summary>The summarizer fails: every user request still succeeds, turns wait unsummarized, and recall still works.</summary>
public sealed class SummarizerFailureTests(MemoryHarness harness) : IClassFixture<MemoryHarness>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SummarizerModelFails_RequestsSucceedAndTurnsStayPending()
    {
        await harness.ResetSimulatorAsync();
        await harness.SetScenarioAsync($$$"""{"rules":[{"model":"{{{MemoryHarness.SummarizerModel}}}","fault":{"kind":"status","status":500}}]}""");
        var session = "failing-summarizer-" + Guid.NewGuid().ToString("N");
        var (sent, last, stats) = await DegradedConversation.RunAsync(harness, session, Ct);
        Assert.StartsWith("summarizer failed", last.GetProperty("degraded").GetString(), StringComparison.Ordinal);
        Assert.True(last.GetProperty("pending_turns").GetInt32() > 0);
        Assert.True(stats.GetProperty("byModel").GetProperty(MemoryHarness.SummarizerModel).GetInt32() > 0, "The summarizer was called (and failed).");
        Assert.Contains("4711", sent.GetRawText(), StringComparison.Ordinal);
        await harness.ResetSimulatorAsync();
    }
}

/// <summary>The summarizer's session budget is spent: requests succeed, the summarizer is not called, recall still works.</summary>
public sealed class ExhaustedMemoryBudgetTests(ExhaustedMemoryHarness harness) : IClassFixture<ExhaustedMemoryHarness>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SummarizerBudgetExhausted_RequestsSucceedWithoutSummarizerCalls()
    {
        await harness.ResetSimulatorAsync();
        var session = "no-budget-" + Guid.NewGuid().ToString("N");
        var (sent, last, stats) = await DegradedConversation.RunAsync(harness, session, Ct);
        Assert.StartsWith("summarizer budget exhausted", last.GetProperty("degraded").GetString(), StringComparison.Ordinal);
        Assert.True(last.GetProperty("pending_turns").GetInt32() > 0);
        Assert.False(stats.GetProperty("byModel").TryGetProperty(MemoryHarness.SummarizerModel, out JsonElement _), "No summarizer call once its budget is spent.");
        Assert.Contains("4711", sent.GetRawText(), StringComparison.Ordinal);
    }
}

/// <summary>
/// The conversation both degradation tests hold: a fact planted, 12 turns, then the question about it. Returns what
/// the gateway sent for the question, the session's last memory update (admin API) and the simulator's stats.
/// </summary>
internal static class DegradedConversation
{
    public static async Task<(JsonElement Sent, JsonElement LastUpdate, JsonElement Stats)> RunAsync(MemoryHarness harness, string session, CancellationToken ct)
    {
        var talk = new MemoryTalk(harness, session);
        await talk.PlantAndChatAsync(12, ct);
        await talk.SayAsync(MemoryTalk.Question, ct);
        var sent = await harness.LastRequestWithAsync(MemoryTalk.Question);
        var (_, state) = await harness.AdminAsync(HttpMethod.Get, $"/admin/memory/sessions/{session}");
        var stats = await harness.SimulatorStatsAsync();
        return (sent, state.GetProperty("last_update"), stats);
    }
}
