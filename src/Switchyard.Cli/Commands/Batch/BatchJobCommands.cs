using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Switchyard.Batching;

namespace Switchyard.Cli.Commands.Batch;

/// <summary>The verbs that take a job id: status, wait, collect, replay, cancel.</summary>
internal static class BatchJobCommands
{
    public static Command Status(BatchCliContext context) => Verb(context, "status", "Show a job's progress (asks the provider).",
        async (session, runner, jobId, _, ct) =>
        {
            var status = await runner.RefreshAsync(jobId, ct);
            await session.Context.Out.WriteLineAsync(BatchProgressText.Summary(status));
            foreach (var line in BatchProgressText.Details(status))
            {
                await session.Context.Out.WriteLineAsync(line);
            }

            return BatchExitCodes.Ok;
        });

    public static Command Wait(BatchCliContext context) => Verb(context, "wait", "Wait until every batch of the job has ended.",
        async (session, runner, jobId, _, ct) =>
        {
            var status = session.Context.Interactive
                ? await WaitWithBarAsync(runner, jobId, ct)
                : await runner.WaitAsync(jobId, new TextProgress(session.Context.Out), ct);
            if (status.HasUnsubmitted)
            {
                await session.Context.Error.WriteLineAsync("error: some batches were never submitted (an interrupted submit or replay): run that command again.");
                return BatchExitCodes.NotFinished;
            }

            await session.Context.Out.WriteLineAsync(BatchProgressText.Summary(status));
            return BatchExitCodes.Ok;
        });

    public static Command Collect(BatchCliContext context)
    {
        var output = new Option<FileInfo>("--output") { Description = "Results file (JSONL, input order). Failures go beside it as NAME.failures.jsonl.", Required = true };
        return Verb(context, "collect", "Write the results in input order and the classified failures.", async (session, runner, jobId, result, ct) =>
        {
            var file = result.GetValue(output)!;
            var collected = await runner.CollectAsync(jobId, file.FullName, ct);
            if (!collected.Finished)
            {
                await session.Context.Error.WriteLineAsync($"error: job {jobId} is still running; run 'switchyard batch wait {jobId}' first.");
                return BatchExitCodes.NotFinished;
            }

            await session.Context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{collected.Succeeded} results in {collected.ResultsPath}; {collected.Failed} failures ({collected.RetryableFailed} retryable) in {collected.FailuresPath}; actual cost ${collected.ActualCostUsd:0.######}."));
            await session.Context.Out.WriteLineAsync(collected.FailuresPath);
            return BatchExitCodes.Ok;
        }, output);
    }

    public static Command Replay(BatchCliContext context)
    {
        var attempts = new Option<int>("--max-attempts") { Description = "Most submissions of one line, the first included.", DefaultValueFactory = _ => 3 };
        return Verb(context, "replay", "Resubmit the retryable failures (never a line that succeeded), within the job's cost bound.", async (session, runner, jobId, result, ct) =>
        {
            var maxAttempts = result.GetValue(attempts);
            if (maxAttempts < 1)
            {
                throw new BatchUserException("--max-attempts must be at least 1");
            }

            var replay = await runner.ReplayAsync(jobId, maxAttempts, ct);
            if (replay.Refusal is { } refusal)
            {
                await session.Context.Error.WriteLineAsync($"error: nothing replayed: {refusal}.");
                return replay.Reason switch
                {
                    BatchReplayRefusal.NotCollected => BatchExitCodes.NotFinished,
                    BatchReplayRefusal.Cancelled => BatchExitCodes.Usage,
                    _ => BatchExitCodes.OverCostBound,
                };
            }

            await session.Context.Out.WriteLineAsync(replay.Lines == 0
                ? "Nothing to replay: no retryable failure has attempts left."
                : string.Create(CultureInfo.InvariantCulture, $"Replaying {replay.Lines} lines in {replay.Chunks} batches (worst case ${replay.EstimatedCostUsd:0.######}); then wait and collect again."));
            return BatchExitCodes.Ok;
        }, attempts);
    }

    public static Command Cancel(BatchCliContext context) => Verb(context, "cancel", "Cancel the job's running batches and submit nothing more.",
        async (session, runner, jobId, _, ct) =>
        {
            var status = await runner.CancelAsync(jobId, ct);
            await session.Context.Out.WriteLineAsync(BatchProgressText.Summary(status));
            return BatchExitCodes.Ok;
        });

    private static Command Verb(
        BatchCliContext context, string name, string description,
        Func<BatchSession, BatchJobRunner, string, ParseResult, CancellationToken, Task<int>> action, params Option[] options)
    {
        var job = new Argument<string>("JOB") { Description = "The job id printed by 'batch submit'." };
        var command = new Command(name, description) { job };
        foreach (var option in options)
        {
            command.Options.Add(option);
        }

        BatchCommonOptions.AddTo(command);
        command.SetAction((result, ct) => BatchCommand.RunAsync(context, result, session =>
        {
            var jobId = result.GetValue(job)!;
            return action(session, session.Runner(jobId), jobId, result, ct);
        }));
        return command;
    }

    private static async Task<BatchJobStatus> WaitWithBarAsync(BatchJobRunner runner, string jobId, CancellationToken cancellationToken)
    {
        BatchJobStatus? last = null;
        await AnsiConsole.Progress().StartAsync(async progress =>
        {
            var task = progress.AddTask(jobId);
            last = await runner.WaitAsync(jobId, new Progress<BatchJobStatus>(status =>
            {
                task.MaxValue = Math.Max(1, status.Requests);
                task.Value = status.Done;
            }), cancellationToken);
            task.Value = task.MaxValue;
        });
        return last!;
    }

    /// <summary>One line per poll whose numbers changed.</summary>
    private sealed class TextProgress(TextWriter output) : IProgress<BatchJobStatus>
    {
        private string? _last;

        public void Report(BatchJobStatus value)
        {
            var line = BatchProgressText.Summary(value);
            if (line != _last)
            {
                output.WriteLine(line);
                _last = line;
            }
        }
    }
}
