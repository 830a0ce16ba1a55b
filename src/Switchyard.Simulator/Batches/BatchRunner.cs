using System.Globalization;
using System.Text.Json;
using Switchyard.Simulator.Generation;
using Switchyard.Simulator.Runtime;
using Switchyard.Simulator.Wire;

namespace Switchyard.Simulator.Batches;

/// <summary>
/// Drives a batch from creation to its end in compressed time: lines run in a seeded shuffled order (so results are
/// out of input order, as the real APIs may return them), paced so the last one finishes at the batch duration.
/// A cancel stops before the next line; what did not run is canceled.
/// </summary>
internal sealed class BatchRunner(SimulatorRuntime runtime)
{
    /// <summary>Lines run in bursts; only a lead over the schedule larger than this is slept off.</summary>
    private static readonly TimeSpan PacingSlack = TimeSpan.FromMilliseconds(10);

    /// <summary>Most lines run (in parallel) between pacing and cancel checks; a batch is run in at least 100 blocks.</summary>
    private const int MaxBlock = 64;

    private readonly BatchLineExecutor _executor = new(runtime);

    /// <summary>Runs the batch in the background; it never throws (an internal failure fails the batch).</summary>
    public void Start(SimBatch batch, bool failValidation) => _ = Task.Run(() => RunAsync(batch, failValidation));

    private async Task RunAsync(SimBatch batch, bool failValidation)
    {
        try
        {
            if (batch.Provider == BatchProvider.OpenAI && !Validate(batch, failValidation))
            {
                return;
            }

            await ExecuteAsync(batch);
        }
        catch (Exception e) when (e is IOException or JsonException or InvalidOperationException or ObjectDisposedException or KeyNotFoundException)
        {
            // The simulator's own failure (e.g. its directory removed while running): the batch fails, the host lives.
            End(batch, BatchStatus.Failed, [new BatchValidationError("server_error", "The simulator failed while running this batch: " + e.Message, null)]);
        }
    }

    private bool Validate(SimBatch batch, bool failValidation)
    {
        var (model, errors) = OpenAIBatchValidator.Validate(batch);
        if (failValidation)
        {
            errors.Insert(0, new BatchValidationError("invalid_request", "The batch failed validation (scripted by the simulator scenario).", null));
        }

        if (errors.Count > 0)
        {
            End(batch, BatchStatus.Failed, errors);
            return false;
        }

        lock (batch.Gate)
        {
            batch.Model = model;
            if (batch.Status == BatchStatus.Validating)
            {
                batch.Status = BatchStatus.InProgress;
                batch.InProgressAt = runtime.Time.GetUtcNow();
            }
        }

        return true;
    }

    private async Task ExecuteAsync(SimBatch batch)
    {
        var openAI = batch.Provider == BatchProvider.OpenAI;
        var outputPath = runtime.Batches.NewPath(".jsonl");
        var errorPath = openAI ? runtime.Batches.NewPath(".jsonl") : outputPath;
        var order = Shuffle(batch.Total);
        var duration = runtime.BatchDuration;
        var started = runtime.Time.GetTimestamp();
        var ran = 0;
        await using (var outputStream = new FileStream(outputPath, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 1 << 16))
        await using (var errorStream = openAI ? new FileStream(errorPath, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 1 << 16) : outputStream)
        {
            var block = Math.Clamp(order.Length / 100, 1, MaxBlock);
            var results = new (LineOutcome Outcome, byte[] Line)[block];
            while (ran < order.Length && await PaceAsync(started, duration, ran, order.Length, batch.CancelRequested))
            {
                // Lines are independent: a block runs on all cores, then is written in execution order.
                var count = Math.Min(block, order.Length - ran);
                var first = ran;
                Parallel.For(0, count, i => results[i] = _executor.Run(batch, batch.Lines.Read(batch.Input, order[first + i])));
                for (var i = 0; i < count; i++)
                {
                    var (outcome, line) = results[i];
                    var target = outcome == LineOutcome.Succeeded ? outputStream : errorStream;
                    target.Write(line);
                    target.WriteByte((byte)'\n');
                    Count(batch, outcome);
                }

                ran += count;
            }

            for (var i = ran; i < order.Length && !openAI; i++)
            {
                // OpenAI lists no line for a request a cancel stopped; Anthropic reports each as canceled.
                using var document = JsonDocument.Parse(batch.Lines.Read(batch.Input, order[i]));
                outputStream.Write(AnthropicBatchJson.Canceled(document.RootElement.GetProperty("custom_id").GetString()!));
                outputStream.WriteByte((byte)'\n');
            }

            runtime.Stats.Batches.RecordLines("canceled", order.Length - ran);
            lock (batch.Gate)
            {
                batch.Canceled = order.Length - ran;
                if (openAI && batch.Status == BatchStatus.InProgress)
                {
                    batch.Status = BatchStatus.Finalizing;
                    batch.FinalizingAt = runtime.Time.GetUtcNow();
                }
            }
        }

        Finish(batch, outputPath, errorPath);
    }

    /// <summary>Waits until line <paramref name="index"/> is due; false when a cancel arrived first.</summary>
    private async Task<bool> PaceAsync(long started, TimeSpan duration, int index, int total, CancellationToken cancel)
    {
        if (cancel.IsCancellationRequested)
        {
            return false;
        }

        var due = duration * ((double)index / total);
        var lead = due - runtime.Time.GetElapsedTime(started);
        if (lead <= PacingSlack)
        {
            return true;
        }

        try
        {
            await Task.Delay(lead, runtime.Time, cancel);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private int[] Shuffle(int count)
    {
        var order = new int[count];
        for (var i = 0; i < count; i++)
        {
            order[i] = i;
        }

        var prng = new StablePrng(StableHash.Of(runtime.Seed.ToString(CultureInfo.InvariantCulture), "batch-order", count.ToString(CultureInfo.InvariantCulture)));
        for (var i = count - 1; i > 0; i--)
        {
            var j = prng.Next(0, i);
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }

    private void Count(SimBatch batch, LineOutcome outcome)
    {
        runtime.Stats.Batches.RecordLines(outcome switch
        {
            LineOutcome.Succeeded => "succeeded",
            LineOutcome.Expired => "expired",
            _ => "errored",
        }, 1);
        lock (batch.Gate)
        {
            _ = outcome switch
            {
                LineOutcome.Succeeded => batch.Succeeded++,
                LineOutcome.Expired => batch.Expired++,
                _ => batch.Errored++,
            };
        }
    }

    private void Finish(SimBatch batch, string outputPath, string errorPath)
    {
        var now = runtime.Time.GetUtcNow();
        if (batch.Provider == BatchProvider.Anthropic)
        {
            lock (batch.Gate)
            {
                batch.ResultsPath = outputPath;
            }

            End(batch, batch.CancelRequested.IsCancellationRequested ? BatchStatus.Cancelled : BatchStatus.Completed, null);
            return;
        }

        string? outputId;
        string? errorId;
        lock (batch.Gate)
        {
            outputId = Register(outputPath, "batch_output", batch.Id + "_output.jsonl", batch.Succeeded > 0, now);
            errorId = Register(errorPath, "batch_output", batch.Id + "_error.jsonl", batch.Errored + batch.Expired > 0, now);
            batch.OutputFileId = outputId;
            batch.ErrorFileId = errorId;
        }

        End(batch, batch.CancelRequested.IsCancellationRequested ? BatchStatus.Cancelled : batch.Expired > 0 ? BatchStatus.Expired : BatchStatus.Completed, null);
    }

    private string? Register(string path, string purpose, string name, bool keep, DateTimeOffset now)
    {
        if (!keep)
        {
            File.Delete(path);
            return null;
        }

        var file = new StoredFile(BatchIds.File(), name, purpose, new FileInfo(path).Length, now, path);
        runtime.Batches.AddFile(file);
        return file.Id;
    }

    private void End(SimBatch batch, BatchStatus status, IReadOnlyList<BatchValidationError>? errors)
    {
        var now = runtime.Time.GetUtcNow();
        lock (batch.Gate)
        {
            batch.Status = status;
            batch.Errors = errors ?? batch.Errors;
            switch (status)
            {
                case BatchStatus.Completed:
                    batch.CompletedAt = now;
                    break;
                case BatchStatus.Failed:
                    batch.FailedAt = now;
                    break;
                case BatchStatus.Expired:
                    batch.ExpiredAt = now;
                    break;
                default:
                    batch.CancelledAt = now;
                    break;
            }
        }

        var provider = batch.Provider == BatchProvider.OpenAI ? "openai" : "anthropic";
        runtime.Stats.Batches.RecordEnded(provider, JsonNamingPolicy.SnakeCaseLower.ConvertName(status.ToString()));
    }
}
