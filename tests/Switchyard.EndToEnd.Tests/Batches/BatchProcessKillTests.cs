using System.Diagnostics;

namespace Switchyard.EndToEnd.Tests.Batches;

/// <summary>The real <c>switchyard</c> process killed while it submits; running submit again finishes the same job.</summary>
public sealed class BatchProcessKillTests
{
    private const int Lines = 3000;

    [Fact]
    public async Task Submit_ProcessKilledWhileSubmitting_RerunContinuesWithoutDuplicateBatches()
    {
        await using var harness = await BatchCliHarness.StartAsync();
        var input = harness.WriteInput(Lines);
        string[] submit = ["submit", input, "--provider", "openai", "--batch-size", "500"];

        using (var process = Start(harness, submit))
        {
            // "Planned …" is printed once the job is recorded, just before the first upload: kill it from there on.
            while (await process.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken) is { } line)
            {
                if (line.StartsWith("Planned ", StringComparison.Ordinal))
                {
                    break;
                }
            }

            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        var rerun = await harness.RunAsync(submit);
        Assert.True(rerun.Exit == 0, rerun.ToString());
        Assert.Contains("continuing it", rerun.Out, StringComparison.Ordinal);
        var (results, failures) = await harness.WaitCollectAsync(rerun.LastLine);

        Assert.Empty(failures);
        Assert.Equal(Enumerable.Range(0, Lines).Select(i => $"req-{i}"), results.Select(r => r.GetProperty("custom_id").GetString()));
        var stats = (await harness.StatsAsync()).GetProperty("batches");
        Assert.Equal(Lines / 500, BatchCliHarness.Count(stats.GetProperty("created"), "openai"));
        Assert.Equal(0, stats.GetProperty("duplicateExecutions").GetInt64());
    }

    private static Process Start(BatchCliHarness harness, string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "switchyard.dll"));
        info.ArgumentList.Add("batch");
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var arg in new[] { "--job-dir", harness.JobDir, "--base-url", harness.Simulator.BaseAddress.ToString() })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["OPENAI_API_KEY"] = "sk-test";
        info.Environment.Remove("OPENAI_BASE_URL");
        return Process.Start(info)!;
    }
}
