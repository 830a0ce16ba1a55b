using Switchyard.Memory;
using Switchyard.Model;

namespace Switchyard.Tests.Memory;

/// <summary>L1: the window holds the newest whole units within the budget.</summary>
public sealed class MemoryEngineWindowTests : IDisposable
{
    private readonly MemoryHarness _harness = new(options: new MemoryOptions { WindowTokens = 400, ContextBudgetTokens = 600, RecallTopK = 0 });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task AssembleAsync_ManyTurns_SendsNewestTurnsWithinBudgetInOrder()
    {
        var key = MemoryHarness.Key();
        await _harness.RecordExchangesAsync(key, Enumerable.Range(1, 12).Select(i => ($"Question number {i} about the deployment pipeline.", $"Answer number {i}: the pipeline runs build, test and deploy stages.")), Ct);

        var context = await _harness.AskAsync(key, "And the last one?", Ct);

        Assert.InRange(context.Trace.TotalTokens, 1, 600);
        var window = context.Messages.Where(m => m.Role is ChatRole.User or ChatRole.Assistant).SkipLast(1).ToArray();
        Assert.NotEmpty(window);
        Assert.Equal("Answer number 12: the pipeline runs build, test and deploy stages.", window[^1].Text);
        Assert.Equal(ChatRole.User, window[0].Role);
        Assert.Equal(context.Trace.WindowToSequence - context.Trace.WindowFromSequence + 1, window.Length);
        Assert.Equal("And the last one?", context.Messages[^1].Text);
        Assert.Equal(context.Trace.TotalTokens + 3, EstimateOf(context.Messages));
    }

    [Fact]
    public async Task AssembleAsync_BudgetBoundaryInsideToolCall_NeverSplitsCallFromResults()
    {
        var key = MemoryHarness.Key();
        for (var i = 0; i < 6; i++)
        {
            await _harness.Engine.RecordAsync(
                key,
                [
                    MemoryHarness.User($"Look up order {i}."),
                    new ChatMessage(ChatRole.Assistant, [new ToolCallPart($"call-{i}", "orders", $"{{\"id\":{i},\"fields\":\"status,eta,carrier,items\"}}")]),
                    new ChatMessage(ChatRole.Tool, [new ToolResultPart($"call-{i}", [new TextPart($"Order {i}: shipped via carrier {i}, arriving Tuesday, 3 items, tracking number ZX{i}9912.")])]),
                    MemoryHarness.Assistant($"Order {i} has shipped and arrives Tuesday."),
                ],
                Ct);
        }

        // Every budget cuts somewhere else; none may leave a call without its result or a result without its call.
        for (var budget = 300; budget <= 600; budget += 7)
        {
            var context = await _harness.AskAsync(key, "Status?", Ct, budget);

            Assert.InRange(context.Trace.TotalTokens, 1, budget);
            var calls = context.Messages.SelectMany(m => m.Content.OfType<ToolCallPart>()).Select(c => c.Id).ToArray();
            var results = context.Messages.SelectMany(m => m.Content.OfType<ToolResultPart>()).Select(r => r.ToolCallId).ToArray();
            Assert.Equal(calls, results);
        }
    }

    [Fact]
    public async Task AssembleAsync_NewTurnAnswersStoredCall_KeepsTheCallEvenOverBudget()
    {
        var key = MemoryHarness.Key();
        await _harness.Engine.RecordAsync(key, [MemoryHarness.User("Run the report."), new ChatMessage(ChatRole.Assistant, [new ToolCallPart("r1", "report", "{}")])], Ct);

        var context = await _harness.Engine.AssembleAsync(
            key,
            new ContextRequest([new ChatMessage(ChatRole.Tool, [new ToolResultPart("r1", [new TextPart(string.Join(' ', Enumerable.Repeat("row", 700)))])])]),
            Ct);

        Assert.Contains(context.Messages, m => m.Content.OfType<ToolCallPart>().Any(c => c.Id == "r1"));
        Assert.True(context.Trace.TotalTokens > context.Trace.BudgetTokens);
    }

    [Fact]
    public async Task AssembleAsync_UnknownSession_SendsTheRequestAsIs()
    {
        var context = await _harness.AskAsync(MemoryHarness.Key(session: "new"), "Hello", Ct);

        Assert.Equal(2, context.Messages.Count);
        Assert.Equal(0, context.Trace.WindowTokens + context.Trace.SummaryTokens + context.Trace.RecallTokens);
    }

    private static int EstimateOf(IReadOnlyList<ChatMessage> messages) =>
        Switchyard.Costs.TokenEstimator.Instance.EstimateInputTokens(new ChatRequest { Model = "gpt-4o", Messages = messages }, "gpt-4o");
}
