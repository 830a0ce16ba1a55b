using Switchyard.Memory;
using Switchyard.Model;

namespace Switchyard.Tests.Memory;

/// <summary>L3 recall, retention, forgetting and tenant isolation, with the real MiniLM embedder and USearch index.</summary>
public sealed class MemoryEngineRecallTests : IDisposable
{
    private static readonly MemoryOptions Options = new() { ContextBudgetTokens = 1_000, WindowTokens = 200, Retention = TimeSpan.FromDays(7) };

    private readonly MemoryHarness _harness = new(options: Options);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task AssembleAsync_FactOutsideWindow_IsRecalledByAParaphrasedQuestion()
    {
        var key = MemoryHarness.Key();
        await _harness.Engine.RecordAsync(key, [MemoryHarness.User("Before we start: my sister Amelia lives in Lisbon. I'm planning to visit her in March."), MemoryHarness.Assistant("Lovely, I'll keep that in mind.")], Ct);
        await _harness.RecordExchangesAsync(key, MemoryEngineFoldingTests.Exchanges(0, 40), Ct);

        var context = await _harness.AskAsync(key, "Which city does my sister live in?", Ct);

        Assert.True(context.Trace.WindowFromSequence > 2, "the fact must have left the window for this test to mean anything");
        var recall = Assert.Single(context.Messages, m => m.Text.StartsWith(MemoryEngine.RecallHeading, StringComparison.Ordinal));
        Assert.Contains("my sister Amelia lives in Lisbon", recall.Text, StringComparison.Ordinal);
        Assert.Equal(1, context.Trace.Recalled[0].SourceSequence);
        Assert.InRange(context.Trace.RecallTokens, 1, (int)(Options.ContextBudgetTokens * Options.Split.Recall));
        Assert.Equal(ChatRole.System, context.Messages[1].Role);
    }

    [Fact]
    public async Task PurgeExpiredAsync_AfterRetention_ForgetsTurnsSummariesAndMemories()
    {
        var key = MemoryHarness.Key();
        await _harness.Engine.RecordAsync(key, [MemoryHarness.User("My passport number ends in 8812."), MemoryHarness.Assistant("Noted.")], Ct);
        Assert.NotEmpty(await _harness.Engine.ListMemoriesAsync(key, 0, 100, Ct));

        _harness.Time.Advance(Options.Retention + TimeSpan.FromMinutes(1));
        var purged = await _harness.Engine.PurgeExpiredAsync(Ct);

        Assert.True(purged > 0);
        Assert.Empty(await _harness.Engine.ListMemoriesAsync(key, 0, 100, Ct));
        Assert.Empty(await _harness.Store.GetTurnsAsync(key, 0, Ct));
        var query = (await _harness.Embedder.EmbedAsync(["passport number"], Ct))[0];
        Assert.Empty(await _harness.Index.SearchAsync(key, query, 5, Ct));
        var context = await _harness.AskAsync(key, "What does my passport number end in?", Ct);
        Assert.DoesNotContain(context.Messages, m => m.Text.Contains("8812", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DeleteMemoryAsync_RemovesFromStoreAndIndex()
    {
        var key = MemoryHarness.Key();
        await _harness.Engine.RecordAsync(key, [MemoryHarness.User("The staging database password rotates every Friday."), MemoryHarness.Assistant("Understood.")], Ct);
        var memory = (await _harness.Engine.ListMemoriesAsync(key, 0, 100, Ct)).First(m => m.Text.Contains("Friday", StringComparison.Ordinal));
        var vector = (await _harness.Embedder.EmbedAsync([memory.Text], Ct))[0];
        Assert.Contains(await _harness.Index.SearchAsync(key, vector, 5, Ct), h => h.Id == memory.Id);

        Assert.True(await _harness.Engine.DeleteMemoryAsync(key, memory.Id, Ct));

        Assert.DoesNotContain(await _harness.Index.SearchAsync(key, vector, 5, Ct), h => h.Id == memory.Id);
        Assert.DoesNotContain(await _harness.Engine.ListMemoriesAsync(key, 0, 100, Ct), m => m.Id == memory.Id);
        Assert.False(await _harness.Engine.DeleteMemoryAsync(key, memory.Id, Ct));
    }

    [Fact]
    public async Task DeleteSessionAsync_ForgetsEverythingIncludingTheIndexFile()
    {
        var key = MemoryHarness.Key();
        await _harness.RecordExchangesAsync(key, MemoryEngineFoldingTests.Exchanges(0, 3), Ct);
        await _harness.Index.FlushAsync(Ct);
        Assert.True(File.Exists(_harness.Index.PathOf(key)));

        var deletion = await _harness.Engine.DeleteSessionAsync(key, Ct);

        Assert.Equal(6, deletion.Turns);
        Assert.True(deletion.Memories >= 6);
        Assert.False(File.Exists(_harness.Index.PathOf(key)));
        Assert.Empty(await _harness.Engine.ListMemoriesAsync(key, 0, 100, Ct));
        var context = await _harness.AskAsync(key, "What did we review?", Ct);
        Assert.Equal(2, context.Messages.Count);
    }

    [Fact]
    public async Task Memory_SameSessionIdInTwoTenants_NeverCrosses()
    {
        var acme = MemoryHarness.Key("acme", "shared-id");
        var globex = MemoryHarness.Key("globex", "shared-id");
        await _harness.Engine.RecordAsync(acme, [MemoryHarness.User("Our acquisition target is Initech, code name Bluebird."), MemoryHarness.Assistant("Confidential, noted.")], Ct);
        await _harness.Engine.RecordAsync(globex, [MemoryHarness.User("We sell garden furniture."), MemoryHarness.Assistant("Great.")], Ct);

        var context = await _harness.AskAsync(globex, "What is our acquisition target and its code name?", Ct);

        Assert.DoesNotContain(context.Messages, m => m.Text.Contains("Initech", StringComparison.Ordinal) || m.Text.Contains("Bluebird", StringComparison.Ordinal));
        Assert.DoesNotContain(await _harness.Engine.ListMemoriesAsync(globex, 0, 100, Ct), m => m.Text.Contains("Initech", StringComparison.Ordinal));
        var acmeIds = (await _harness.Engine.ListMemoriesAsync(acme, 0, 100, Ct)).Select(m => m.Id).ToArray();
        foreach (var id in acmeIds)
        {
            Assert.False(await _harness.Engine.DeleteMemoryAsync(globex, id, Ct));
        }

        Assert.Empty(await _harness.Store.GetMemoriesAsync(globex, acmeIds, Ct));
        await _harness.Engine.DeleteSessionAsync(globex, Ct);
        Assert.Equal(acmeIds, (await _harness.Engine.ListMemoriesAsync(acme, 0, 100, Ct)).Select(m => m.Id));
        var acmeContext = await _harness.AskAsync(acme, "What is our acquisition target?", Ct);
        Assert.Contains(acmeContext.Messages, m => m.Text.Contains("Initech", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RecordAsync_UserStatements_AreStoredAsFactsBesideTurnChunks()
    {
        var key = MemoryHarness.Key();
        await _harness.Engine.RecordAsync(key, [MemoryHarness.User("I work night shifts at the hospital. Can you plan my meals? My budget is 60 euros a week."), MemoryHarness.Assistant("Sure.")], Ct);

        var memories = await _harness.Engine.ListMemoriesAsync(key, 0, 100, Ct);

        Assert.Equal(
            ["I work night shifts at the hospital.", "My budget is 60 euros a week."],
            memories.Where(m => m.Kind == MemoryKind.Fact).Select(m => m.Text));
        Assert.Equal(2, memories.Count(m => m.Kind == MemoryKind.TurnChunk));
    }
}
