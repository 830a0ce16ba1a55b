namespace Switchyard.EndToEnd.Tests.Batches;

/// <summary>
/// What <c>batch replay</c> refuses and how it splits: exit codes that say what is wrong with the job (not "a provider
/// call failed" or "over the cost bound"), and the job's <c>--batch-size</c> kept for every round.
/// </summary>
public sealed class BatchReplayRulesTests
{
    private const string HalfFail = """{"batch":{"lineFaults":[{"kind":"serverError","fraction":0.5}]}}""";

    [Fact]
    public async Task Replay_BeforeCollect_ExitsNotFinishedAndSubmitsNothing()
    {
        await using var harness = await BatchCliHarness.StartAsync(batchSeconds: 30);
        var submit = await harness.RunAsync("submit", harness.WriteInput(5), "--provider", "openai");
        Assert.True(submit.Exit == 0, submit.ToString());

        var replay = await harness.RunAsync("replay", submit.LastLine);

        Assert.Equal(5, replay.Exit);
        Assert.Contains("not collected yet", replay.Error, StringComparison.Ordinal);
        Assert.Equal(1, (await harness.StatsAsync()).GetProperty("batches").GetProperty("created").GetProperty("openai").GetInt64());
    }

    [Fact]
    public async Task Replay_CancelledJob_ExitsUsage()
    {
        await using var harness = await BatchCliHarness.StartAsync(batchSeconds: 30);
        var submit = await harness.RunAsync("submit", harness.WriteInput(5), "--provider", "openai");
        Assert.True(submit.Exit == 0, submit.ToString());
        Assert.Equal(0, (await harness.RunAsync("cancel", submit.LastLine)).Exit);

        var replay = await harness.RunAsync("replay", submit.LastLine);

        Assert.Equal(2, replay.Exit);
        Assert.Contains("the job was cancelled", replay.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_JobWithABatchSize_SplitsTheRoundByIt()
    {
        await using var harness = await BatchCliHarness.StartAsync(scenarioJson: HalfFail);

        var (jobId, _, failures) = await harness.SubmitWaitCollectAsync(harness.WriteInput(400), "--provider", "openai", "--batch-size", "50");
        Assert.InRange(failures.Count, 101, 399);
        var created = (await harness.StatsAsync()).GetProperty("batches").GetProperty("created").GetProperty("openai").GetInt64();
        Assert.Equal(8, created);

        var replay = await harness.RunAsync("replay", jobId);

        Assert.True(replay.Exit == 0, replay.ToString());
        var batches = (failures.Count + 49) / 50;
        Assert.Contains($"Replaying {failures.Count} lines in {batches} batches", replay.Out, StringComparison.Ordinal);
        Assert.Equal(8 + batches, (await harness.StatsAsync()).GetProperty("batches").GetProperty("created").GetProperty("openai").GetInt64());
    }
}
