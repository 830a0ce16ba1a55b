using Switchyard.Memory;

namespace Switchyard.Tests.Memory;

public sealed class MemoryOptionsTests
{
    [Fact]
    public void Validate_Defaults_AreValid() => Assert.Empty(new MemoryOptions().Validate());

    [Fact]
    public void Validate_EveryProblem_IsListedWithItsPath()
    {
        var options = new MemoryOptions
        {
            ContextBudgetTokens = 10,
            RecallTopK = -1,
            Retention = TimeSpan.Zero,
            Split = new ContextSplit { Recall = 0.6, Summary = 0.4 },
            Summarizer = new SummarizerPolicy { Timeout = TimeSpan.Zero, DailyUsdBudget = -1 },
        };

        var errors = options.Validate();

        Assert.Contains(errors, e => e.StartsWith("ContextBudgetTokens:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("WindowTokens:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("RecallTopK:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Retention:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Split.Recall+Summary:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Summarizer.Timeout:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Summarizer.DailyUsdBudget:", StringComparison.Ordinal));
    }

    [Fact]
    public void MemoryEngine_InvalidOptions_Throws()
    {
        using var harness = new MemoryHarness();

        var error = Assert.Throws<ArgumentException>(() => new MemoryEngine(harness.Store, harness.Embedder, harness.Index, harness.Summarizer, new MemoryOptions { RecallTopK = 500 }, harness.Time));

        Assert.Contains("RecallTopK", error.Message, StringComparison.Ordinal);
    }
}
