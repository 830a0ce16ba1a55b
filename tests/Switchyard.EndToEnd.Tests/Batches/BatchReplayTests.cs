namespace Switchyard.EndToEnd.Tests.Batches;

/// <summary>
/// 5% scripted line failures (retryable and not) with a partial expiry: after one replay every retryable line has a
/// result, the others are reported with their class, and no custom_id was executed twice at the simulator.
/// </summary>
public sealed class BatchReplayTests
{
    private const int Lines = 2000;

    private const string Faults = """
        {"batch":{"lineFaults":[
          {"kind":"rateLimited","fraction":0.01},
          {"kind":"serverError","fraction":0.01},
          {"kind":"invalidRequest","fraction":0.01},
          {"kind":"contentFiltered","fraction":0.01},
          {"kind":"expired","fraction":0.01}]}}
        """;

    [Theory]
    [InlineData("openai", "gpt-4o-mini")]
    [InlineData("anthropic", "claude-haiku-4-5")]
    public async Task Replay_RetryableFailures_SucceedOnceAndPermanentOnesAreReported(string provider, string model)
    {
        await using var harness = await BatchCliHarness.StartAsync(scenarioJson: Faults);
        var input = harness.WriteInput(Lines, model);

        var (jobId, results, failures) = await harness.SubmitWaitCollectAsync(input, "--provider", provider, "--max-cost", "5");
        var classes = failures.GroupBy(f => f.GetProperty("failure").GetString()!).ToDictionary(g => g.Key, g => g.Count());
        Assert.InRange(failures.Count, Lines * 3 / 100, Lines * 7 / 100);
        Assert.Equal(["content_filtered", "expired", "invalid_request", "rate_limited", "server_error"], classes.Keys.Order());
        Assert.Equal(Lines, results.Count + failures.Count);
        var retryable = failures.Where(f => f.GetProperty("retryable").GetBoolean()).Select(Id).ToHashSet();
        var permanent = failures.Where(f => !f.GetProperty("retryable").GetBoolean()).Select(Id).ToHashSet();
        var succeededFirst = results.Select(Id).ToHashSet();

        var replay = await harness.RunAsync("replay", jobId, "--max-attempts", "3");
        Assert.True(replay.Exit == 0, replay.ToString());
        Assert.Contains($"Replaying {retryable.Count} lines", replay.Out, StringComparison.Ordinal);
        var (after, stillFailed) = await harness.WaitCollectAsync(jobId);

        Assert.Equal(Lines, after.Count + stillFailed.Count);
        Assert.Equal(permanent.Order(), stillFailed.Select(Id).Order());
        Assert.Superset(retryable, after.Select(Id).ToHashSet());
        Assert.Superset(succeededFirst, after.Select(Id).ToHashSet());
        Assert.All(stillFailed, f => Assert.Equal(1, f.GetProperty("attempts").GetInt32()));
        Assert.Equal(Enumerable.Range(0, Lines).Select(i => $"req-{i}").Where(id => !permanent.Contains(id)), after.Select(Id));

        var stats = (await harness.StatsAsync()).GetProperty("batches");
        Assert.Equal(0, stats.GetProperty("duplicateExecutions").GetInt64());
        Assert.All(after, r => Assert.Equal(1, BatchCliHarness.Count(stats.GetProperty("executions"), Id(r))));

        // Nothing retryable is left: a second replay resubmits nothing.
        var again = await harness.RunAsync("replay", jobId);
        Assert.Equal(0, again.Exit);
        Assert.Contains("Nothing to replay", again.Out, StringComparison.Ordinal);
    }

    private static string Id(System.Text.Json.JsonElement line) => line.GetProperty("custom_id").GetString()!;
}
