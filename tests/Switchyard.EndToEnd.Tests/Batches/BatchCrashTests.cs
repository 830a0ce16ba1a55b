using Switchyard.Batching;

namespace Switchyard.EndToEnd.Tests.Batches;

/// <summary>
/// A run that dies at a named point of submit or collect (the runner's crash hook throws there, so nothing after it
/// happens) and is then run again: the job continues with no provider batch created twice and no line lost.
/// </summary>
public sealed class BatchCrashTests
{
    private const int Lines = 1000;

    [Theory]
    [InlineData("openai", BatchCheckpoints.AfterUploadBeforeRecord, 2)]
    [InlineData("openai", BatchCheckpoints.AfterUploadBeforeCreate, 1)]
    [InlineData("openai", BatchCheckpoints.AfterCreateBeforeRecord, 2)]
    [InlineData("openai", BatchCheckpoints.AfterCreate, 3)]
    [InlineData("anthropic", BatchCheckpoints.AfterCreateBeforeRecord, 2)]
    [InlineData("anthropic", BatchCheckpoints.AfterCreateBeforeRecord, 1)]
    public async Task Submit_CrashAtPointThenRerun_CreatesEachBatchOnceAndLosesNoLine(string provider, string point, int hit)
    {
        await using var harness = await BatchCliHarness.StartAsync();
        var input = harness.WriteInput(Lines, provider == "openai" ? "gpt-4o-mini" : "claude-haiku-4-5");
        string[] submit = ["submit", input, "--provider", provider, "--batch-size", "300"];

        await Assert.ThrowsAsync<SimulatedCrash>(() => harness.RunAsync(CrashAt(point, hit), submit));
        var rerun = await harness.RunAsync(submit);
        Assert.True(rerun.Exit == 0, rerun.ToString());
        Assert.Contains("continuing it", rerun.Out, StringComparison.Ordinal);

        var (results, failures) = await harness.WaitCollectAsync(rerun.LastLine);
        await AssertExactlyOnceAsync(harness, provider, results, failures);
    }

    [Theory]
    [InlineData(BatchCheckpoints.MidCollect, 1)]
    [InlineData(BatchCheckpoints.MidCollect, 3)]
    [InlineData(BatchCheckpoints.AfterChunkCollected, 2)]
    public async Task Collect_CrashAtPointThenRerun_WritesEveryLineOnce(string point, int hit)
    {
        await using var harness = await BatchCliHarness.StartAsync();
        var input = harness.WriteInput(Lines);
        var submit = await harness.RunAsync("submit", input, "--provider", "openai", "--batch-size", "300");
        Assert.True(submit.Exit == 0, submit.ToString());
        var wait = await harness.RunAsync("wait", submit.LastLine);
        Assert.Equal(0, wait.Exit);

        var output = Path.Combine(harness.Directory, "results.jsonl");
        await Assert.ThrowsAsync<SimulatedCrash>(() => harness.RunAsync(CrashAt(point, hit), "collect", submit.LastLine, "--output", output));
        var (results, failures) = await harness.WaitCollectAsync(submit.LastLine);
        await AssertExactlyOnceAsync(harness, "openai", results, failures);
    }

    private static async Task AssertExactlyOnceAsync(
        BatchCliHarness harness, string provider, List<System.Text.Json.JsonElement> results, List<System.Text.Json.JsonElement> failures)
    {
        Assert.Empty(failures);
        Assert.Equal(Enumerable.Range(0, Lines).Select(i => $"req-{i}"), results.Select(r => r.GetProperty("custom_id").GetString()));
        var stats = (await harness.StatsAsync()).GetProperty("batches");
        Assert.Equal(4, BatchCliHarness.Count(stats.GetProperty("created"), provider));
        Assert.Equal(0, stats.GetProperty("duplicateExecutions").GetInt64());
    }

    private static Action<string> CrashAt(string point, int hit)
    {
        var seen = 0;
        return name =>
        {
            if (name == point && ++seen == hit)
            {
                throw new SimulatedCrash(point);
            }
        };
    }

    private sealed class SimulatedCrash(string point) : Exception($"simulated crash at {point}");
}
