using Switchyard.Testing.Memory;
using Switchyard.Memory;

namespace Switchyard.Tests.Memory;

/// <summary>L2: folding into versioned summaries, and graceful degradation when the summarizer cannot run.</summary>
public sealed class MemoryEngineFoldingTests
{
    private static readonly MemoryOptions Small = new()
    {
        ContextBudgetTokens = 1_200,
        WindowTokens = 300,
        Summarizer = new SummarizerPolicy { BatchTokens = 150, MaxSummaryTokens = 200 },
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RecordAsync_TurnsLeaveWindow_FoldsThemIntoNewSummaryVersions()
    {
        var summarizer = new ExtractiveSummarizer();
        using var harness = new MemoryHarness(summarizer, Small);
        var key = MemoryHarness.Key();

        await harness.RecordExchangesAsync(key, Exchanges(0, 12), Ct);
        var first = await harness.Store.GetSummaryAsync(key, Ct);
        await harness.RecordExchangesAsync(key, Exchanges(12, 12), Ct);
        var later = await harness.Store.GetSummaryAsync(key, Ct);

        Assert.NotNull(first);
        Assert.NotNull(later);
        Assert.True(later.Version > first.Version);
        Assert.True(later.ThroughSequence > first.ThroughSequence);
        Assert.Equal(later.Version, summarizer.Calls);
        // Each fold gets the previous summary and only turns after it, oldest first, and never more than the window overflow.
        Assert.All(summarizer.Requests.Skip(1), r => Assert.NotNull(r.PreviousSummary));
        Assert.True(summarizer.Requests.Zip(summarizer.Requests.Skip(1)).All(p => p.First.Turns[^1].Sequence < p.Second.Turns[0].Sequence));
        var unsummarized = await harness.Store.GetTurnsAsync(key, later.ThroughSequence, Ct);
        Assert.InRange(unsummarized.Sum(t => t.Tokens), 1, Small.WindowTokens + Small.Summarizer.BatchTokens);

        var context = await harness.AskAsync(key, "Where were we?", Ct);
        Assert.Equal(later.Version, context.Trace.SummaryVersion);
        Assert.Contains(context.Messages, m => m.Text.StartsWith(MemoryEngine.SummaryHeading, StringComparison.Ordinal) && m.Text.Contains(later.Text, StringComparison.Ordinal));
        Assert.Equal(later.ThroughSequence + 1, context.Trace.WindowFromSequence);
        Assert.InRange(context.Trace.TotalTokens, 1, Small.ContextBudgetTokens);
    }

    [Theory]
    [InlineData(FailingSummarizer.Mode.Result, "summarizer failed: route exhausted")]
    [InlineData(FailingSummarizer.Mode.Throw, "summarizer failed: HttpRequestException")]
    public async Task RecordAsync_SummarizerFails_KeepsTurnsPendingAndAssemblyDegradesGracefully(FailingSummarizer.Mode mode, string reason)
    {
        var summarizer = new FailingSummarizer(mode);
        using var harness = new MemoryHarness(summarizer, Small);
        var key = MemoryHarness.Key();

        await harness.Engine.RecordAsync(key, [MemoryHarness.User("My locker code at the gym is 4471."), MemoryHarness.Assistant("Noted.")], Ct);
        MemoryUpdate last = new();
        foreach (var (user, assistant) in Exchanges(0, 40))
        {
            last = await harness.Engine.RecordAsync(key, [MemoryHarness.User(user), MemoryHarness.Assistant(assistant)], Ct);
        }

        Assert.True(summarizer.Calls > 0);
        Assert.Equal(reason, last.Degraded);
        Assert.Null(await harness.Store.GetSummaryAsync(key, Ct));
        Assert.True(last.PendingTurns > 0);
        Assert.Equal(82, (await harness.Store.GetTurnsAsync(key, 0, Ct)).Count);

        // The request still goes out, within budget: the newest turns that fit, no summary, and the old turn is still
        // found through recall because pending turns are indexed.
        var context = await harness.AskAsync(key, "What is my gym locker code?", Ct);
        Assert.Null(context.Trace.SummaryVersion);
        Assert.True(context.Trace.OmittedTurns > 0);
        Assert.InRange(context.Trace.TotalTokens, 1, Small.ContextBudgetTokens);
        Assert.Contains(context.Messages, m => m.Text.Contains("4471", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RecordAsync_SummarizerHangs_TimesOutWithoutFailingTheCaller()
    {
        var summarizer = new FailingSummarizer(FailingSummarizer.Mode.Hang);
        using var harness = new MemoryHarness(summarizer, Small with { Summarizer = Small.Summarizer with { Timeout = TimeSpan.FromSeconds(5) } });
        var key = MemoryHarness.Key();
        var exchanges = Exchanges(0, 14).ToArray();
        MemoryUpdate? update = null;
        for (var i = 0; i < exchanges.Length && summarizer.Calls == 0; i++)
        {
            var recording = harness.Engine.RecordAsync(key, [MemoryHarness.User(exchanges[i].User), MemoryHarness.Assistant(exchanges[i].Assistant)], Ct);
            if (summarizer.Calls > 0 || await Task.WhenAny(recording, summarizer.Called.Task) != recording)
            {
                await summarizer.Called.Task;
                harness.Time.Advance(TimeSpan.FromSeconds(5));
            }

            update = await recording;
        }

        Assert.Equal(1, summarizer.Calls);
        Assert.Equal("summarizer failed: timed out after 5 s", update?.Degraded);
        Assert.Null(await harness.Store.GetSummaryAsync(key, Ct));
    }

    [Fact]
    public async Task RecordAsync_SessionBudgetExhausted_StopsCallingTheSummarizer()
    {
        var summarizer = new ExtractiveSummarizer();
        using var harness = new MemoryHarness(summarizer, Small with { Summarizer = Small.Summarizer with { SessionTokenBudget = 1_500 } });
        var key = MemoryHarness.Key();

        var updates = new List<MemoryUpdate>();
        foreach (var (user, assistant) in Exchanges(0, 40))
        {
            updates.Add(await harness.Engine.RecordAsync(key, [MemoryHarness.User(user), MemoryHarness.Assistant(assistant)], Ct));
        }

        var spend = await harness.Store.GetSummarizerSpendAsync(key, DateOnly.FromDateTime(MemoryHarness.Start.UtcDateTime), Ct);
        Assert.InRange(spend.SessionTokens, 1, 1_500);
        Assert.StartsWith("summarizer budget exhausted: session tokens", updates[^1].Degraded, StringComparison.Ordinal);
        var callsWhenExhausted = summarizer.Calls;
        await harness.RecordExchangesAsync(key, Exchanges(40, 5), Ct);
        Assert.Equal(callsWhenExhausted, summarizer.Calls);

        var context = await harness.AskAsync(key, "Summarize our progress.", Ct);
        Assert.InRange(context.Trace.TotalTokens, 1, Small.ContextBudgetTokens);
        Assert.NotNull(context.Trace.SummaryVersion);
    }

    [Fact]
    public async Task RecordAsync_TenantDailyUsdSpent_RefusesOtherSessionsOfThatTenantOnly()
    {
        var summarizer = new ExtractiveSummarizer { UsdPerCall = 0.01m };
        using var harness = new MemoryHarness(summarizer, Small with { Summarizer = Small.Summarizer with { DailyUsdBudget = 0.01m } });

        await harness.RecordExchangesAsync(MemoryHarness.Key("acme", "a"), Exchanges(0, 12), Ct);
        var calls = summarizer.Calls;
        await harness.RecordExchangesAsync(MemoryHarness.Key("acme", "b"), Exchanges(0, 12), Ct);
        var sameTenant = summarizer.Calls - calls;
        await harness.RecordExchangesAsync(MemoryHarness.Key("globex", "a"), Exchanges(0, 12), Ct);

        Assert.Equal(1, calls);
        Assert.Equal(0, sameTenant);
        Assert.Equal(2, summarizer.Calls);

        // A new UTC day has a fresh budget.
        harness.Time.Advance(TimeSpan.FromDays(1));
        await harness.RecordExchangesAsync(MemoryHarness.Key("acme", "b"), Exchanges(12, 2), Ct);
        Assert.Equal(3, summarizer.Calls);
    }

    internal static IEnumerable<(string User, string Assistant)> Exchanges(int from, int count) =>
        Enumerable.Range(from, count).Select(i => (
            $"Step {i}: please review the change to module {i} and check the error handling around retries.",
            $"Reviewed module {i}: the retry loop now backs off exponentially and logs each failure once."));
}
