namespace Switchyard.EndToEnd.Tests.Batches;

/// <summary>A 120,000-line job split to each provider's limits, every line accounted for exactly once.</summary>
public sealed class BatchSplitTests
{
    private const int Lines = 120_000;

    [Theory]
    [InlineData("openai", 3)]
    [InlineData("anthropic", 2)]
    public async Task Submit_120kLines_SplitsToProviderLimitsAndAccountsEveryLineOnce(string provider, int expectedBatches)
    {
        await using var harness = await BatchCliHarness.StartAsync(batchSeconds: 0.5);
        var model = provider == "openai" ? "gpt-4o-mini" : "claude-haiku-4-5";
        var input = harness.WriteInput(Lines, model);

        var (jobId, results, failures) = await harness.SubmitWaitCollectAsync(input, "--provider", provider);

        var stats = (await harness.StatsAsync()).GetProperty("batches");
        Assert.Equal(expectedBatches, BatchCliHarness.Count(stats.GetProperty("created"), provider));
        var status = await harness.RunAsync("status", jobId);
        var chunkSizes = status.Out.Split('\n').Where(l => l.TrimStart().StartsWith("chunk ", StringComparison.Ordinal))
            .Select(l => int.Parse(l.Split(": ")[1].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(provider == "openai" ? [50_000, 50_000, 20_000] : [100_000, 20_000], chunkSizes);

        // Every custom_id once across both files, results in input order.
        var ids = results.Select(r => r.GetProperty("custom_id").GetString()!)
            .Concat(failures.Select(f => f.GetProperty("custom_id").GetString()!)).ToList();
        Assert.Equal(Lines, ids.Count);
        Assert.Equal(Lines, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Empty(failures);
        var lineNumbers = results.Select(r => r.GetProperty("line").GetInt64()).ToList();
        Assert.Equal(Enumerable.Range(1, Lines).Select(i => (long)i), lineNumbers);
        Assert.Equal("req-0", results[0].GetProperty("custom_id").GetString());
        Assert.Equal(0, stats.GetProperty("duplicateExecutions").GetInt64());
    }
}
